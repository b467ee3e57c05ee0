using LevBacktest.Core.Simulation;
using LevBacktest.Parquet.Writer;

namespace LevBacktest.Core.Experiments.Results;

/// <summary>
/// Declares a results table with one row per event of every run (a trade, a liquidation, a funding payment, a
/// stop fill), column by column. Rows follow the runs in outcome order and, within a run, its events in the
/// order the run recorded them. The first column is always <c>runIndex</c> (INT32, the run's index in the sweep).
/// </summary>
/// <typeparam name="TEvent">The event record, one per row.</typeparam>
internal sealed class EventTableBuilder<TEvent>
{
    private readonly IReadOnlyList<RunOutcome> _runs;
    private readonly Func<RunResult, IReadOnlyList<TEvent>> _eventsOf;
    private readonly int _rowCount;
    private readonly List<ParquetWriteColumn> _columns = [];

    /// <summary>Starts the table of the events <paramref name="eventsOf"/> picks from each run of <paramref name="outcome"/>.</summary>
    /// <exception cref="OverflowException">There are more than <see cref="int.MaxValue"/> events in all.</exception>
    public EventTableBuilder(ExperimentOutcome outcome, Func<RunResult, IReadOnlyList<TEvent>> eventsOf)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        _runs = outcome.Runs;
        _eventsOf = eventsOf;
        long total = 0;
        foreach (var run in _runs)
        {
            total += eventsOf(run.Result).Count;
        }

        _rowCount = checked((int)total);
        var runIndex = new int[_rowCount];
        int row = 0;
        foreach (var run in _runs)
        {
            int count = eventsOf(run.Result).Count;
            runIndex.AsSpan(row, count).Fill(run.Point.RunIndex);
            row += count;
        }

        _columns.Add(ParquetWriteColumn.Int32("runIndex", runIndex));
    }

    /// <summary>The columns declared so far, <c>runIndex</c> first.</summary>
    public IReadOnlyList<ParquetWriteColumn> Columns => _columns;

    /// <summary>Adds a REQUIRED INT32 column.</summary>
    public EventTableBuilder<TEvent> Int32(string name, Func<TEvent, int> value)
        => Add(ParquetWriteColumn.Int32(name, Gather(value)));

    /// <summary>Adds a TIMESTAMP(MILLIS, UTC) column of UTC milliseconds since the Unix epoch.</summary>
    public EventTableBuilder<TEvent> Time(string name, Func<TEvent, long> utcMilliseconds)
        => Add(ResultColumn.Time(name, Gather(utcMilliseconds)));

    /// <summary>Adds a DOUBLE column whose non-finite values are null (<see cref="ResultColumn.NullableDouble"/>).</summary>
    public EventTableBuilder<TEvent> NullableDouble(string name, Func<TEvent, double> value)
        => Add(ResultColumn.NullableDouble(name, Gather(value)));

    /// <summary>Adds a REQUIRED STRING column.</summary>
    public EventTableBuilder<TEvent> String(string name, Func<TEvent, string> value)
        => Add(ParquetWriteColumn.String(name, Gather(value)));

    /// <summary>Adds a REQUIRED BOOLEAN column.</summary>
    public EventTableBuilder<TEvent> Boolean(string name, Func<TEvent, bool> value)
        => Add(ParquetWriteColumn.Boolean(name, Gather(value)));

    private EventTableBuilder<TEvent> Add(ParquetWriteColumn column)
    {
        _columns.Add(column);
        return this;
    }

    private T[] Gather<T>(Func<TEvent, T> value)
    {
        var values = new T[_rowCount];
        int row = 0;
        foreach (var run in _runs)
        {
            IReadOnlyList<TEvent> events = _eventsOf(run.Result);
            for (int e = 0; e < events.Count; e++)
            {
                values[row++] = value(events[e]);
            }
        }

        return values;
    }
}
