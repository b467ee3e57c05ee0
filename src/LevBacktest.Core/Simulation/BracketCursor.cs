using System.Runtime.CompilerServices;

using LevBacktest.Core.Margin;

namespace LevBacktest.Core.Simulation;

/// <summary>
/// The bracket (tier) table in force as the run moves through time (DESIGN.md: "a run uses the table in force
/// at each bar"), with the position's bracket cached because positions rarely change bracket.
/// </summary>
internal struct BracketCursor
{
    private readonly LeverageBracketSchedule _schedule;
    private int _tableIndex;
    private long _nextTableMs;
    private int _bracketIndex;

    /// <summary>The table in force at <paramref name="firstOpenMs"/>.</summary>
    public BracketCursor(LeverageBracketSchedule schedule, long firstOpenMs)
    {
        _schedule = schedule;
        _tableIndex = schedule.IndexAt(firstOpenMs);
        Table = schedule.Tables[_tableIndex];
        _nextTableMs = _tableIndex + 1 < schedule.Tables.Count ? schedule.Tables[_tableIndex + 1].EffectiveFromMs : long.MaxValue;
    }

    /// <summary>Index of the position's cached bracket in <see cref="Table"/> (may be stale: <see cref="MaintenanceMargin"/> checks it).</summary>
    public readonly int BracketIndex => _bracketIndex;

    /// <summary>The table in force.</summary>
    public LeverageBracketTable Table { readonly get; private set; }

    /// <summary>First bar at or after <paramref name="from"/> whose open time reaches the next table's effective date (int.MaxValue if none).</summary>
    public readonly int NextTableBar(ReadOnlySpan<long> openTime, int from)
    {
        if (_nextTableMs == long.MaxValue)
        {
            return int.MaxValue;
        }

        for (int i = from; i < openTime.Length; i++)
        {
            if (openTime[i] >= _nextTableMs)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    /// <summary>Moves to the last table effective at <paramref name="timeMs"/>.</summary>
    public void Advance(long timeMs)
    {
        var tables = _schedule.Tables;
        while (_tableIndex + 1 < tables.Count && tables[_tableIndex + 1].EffectiveFromMs <= timeMs)
        {
            _tableIndex++;
        }

        Table = tables[_tableIndex];
        _nextTableMs = _tableIndex + 1 < tables.Count ? tables[_tableIndex + 1].EffectiveFromMs : long.MaxValue;
        _bracketIndex = 0;
    }

    /// <summary>Remembers the bracket of a newly opened position's notional.</summary>
    public void ResetBracket(double notional) => _bracketIndex = Table.IndexOf(notional);

    /// <summary>Maintenance margin of <paramref name="notional"/> (money) with the table in force.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double MaintenanceMargin(double notional)
    {
        var brackets = Table.Span;
        int k = _bracketIndex;
        if ((uint)k >= (uint)brackets.Length || !(notional >= brackets[k].FloorNotional && (notional < brackets[k].CapNotional || k == brackets.Length - 1)))
        {
            k = Table.IndexOf(notional);
            _bracketIndex = k;
        }

        return brackets[k].MaintenanceMargin(notional);
    }
}
