namespace LevBacktest.Core.Margin;

/// <summary>
/// The leverage brackets of one symbol as in force from one date: contiguous notional bands starting at
/// 0, each with its max leverage, maintenance margin rate and maintenance amount.
/// </summary>
/// <remarks>
/// Invariants checked at construction: at least one bracket; the first floor is 0; each cap equals the
/// next floor; caps are above floors; rates in [0, 1); max leverage ≥ 1; all values finite except the
/// last cap, which may be +∞. A notional at or above the last cap is priced with the last bracket (the
/// exchange would refuse such a position; the engine's order check refuses or reduces it first).
/// </remarks>
public sealed class LeverageBracketTable
{
    private readonly LeverageBracket[] _brackets;

    /// <summary>Creates a table.</summary>
    /// <param name="effectiveFromMs">First moment the table is in force, UTC epoch milliseconds.</param>
    /// <param name="brackets">Brackets in ascending notional order; copied.</param>
    /// <exception cref="ArgumentException">The brackets break one of the invariants above.</exception>
    public LeverageBracketTable(long effectiveFromMs, IReadOnlyList<LeverageBracket> brackets)
    {
        ArgumentNullException.ThrowIfNull(brackets);
        if (brackets.Count == 0)
        {
            throw new ArgumentException("A leverage bracket table needs at least one bracket.", nameof(brackets));
        }

        _brackets = new LeverageBracket[brackets.Count];
        for (int n = 0; n < brackets.Count; n++)
        {
            var b = brackets[n];
            string where = $"bracket {n + 1}";
            if (!double.IsFinite(b.FloorNotional) || b.FloorNotional < 0)
            {
                throw new ArgumentException($"{where}: floor notional must be finite and ≥ 0, got {b.FloorNotional}.", nameof(brackets));
            }

            if (n == 0 && b.FloorNotional != 0)
            {
                throw new ArgumentException($"{where}: the first bracket must start at notional 0, got {b.FloorNotional}.", nameof(brackets));
            }

            if (n > 0 && b.FloorNotional != brackets[n - 1].CapNotional)
            {
                throw new ArgumentException($"{where}: floor {b.FloorNotional} does not equal the previous cap {brackets[n - 1].CapNotional}.", nameof(brackets));
            }

            if (double.IsNaN(b.CapNotional) || b.CapNotional <= b.FloorNotional || (double.IsPositiveInfinity(b.CapNotional) && n != brackets.Count - 1))
            {
                throw new ArgumentException($"{where}: cap {b.CapNotional} must exceed the floor {b.FloorNotional} (only the last cap may be infinite).", nameof(brackets));
            }

            if (!double.IsFinite(b.MaxLeverage) || b.MaxLeverage < 1)
            {
                throw new ArgumentException($"{where}: max leverage must be finite and ≥ 1, got {b.MaxLeverage}.", nameof(brackets));
            }

            if (!double.IsFinite(b.MaintenanceMarginRate) || b.MaintenanceMarginRate < 0 || b.MaintenanceMarginRate >= 1)
            {
                throw new ArgumentException($"{where}: maintenance margin rate must be in [0, 1), got {b.MaintenanceMarginRate}.", nameof(brackets));
            }

            if (!double.IsFinite(b.MaintenanceAmount))
            {
                throw new ArgumentException($"{where}: maintenance amount must be finite, got {b.MaintenanceAmount}.", nameof(brackets));
            }

            _brackets[n] = b;
        }

        EffectiveFromMs = effectiveFromMs;
    }

    /// <summary>First moment the table is in force, UTC epoch milliseconds.</summary>
    public long EffectiveFromMs { get; }

    /// <summary>The brackets in ascending notional order.</summary>
    public IReadOnlyList<LeverageBracket> Brackets => _brackets;

    /// <summary>Number of brackets.</summary>
    public int Count => _brackets.Length;

    /// <summary>The brackets as a span (no copy), for hot loops.</summary>
    internal ReadOnlySpan<LeverageBracket> Span => _brackets;

    /// <summary>The brackets' own array (no copy; callers must not write to it), for precompiled hot paths: indexing an
    /// array calls nothing, while making a span of it calls a CoreLib generic that ReadyToRun code does not inline.</summary>
    internal LeverageBracket[] BracketArray => _brackets;

    /// <summary>Index of the bracket whose [floor, cap) holds <paramref name="notional"/>; the last bracket at or above its cap, the first below 0.</summary>
    /// <param name="notional">Position notional in USDT.</param>
    public int IndexOf(double notional)
    {
        var brackets = _brackets;
        for (int n = 0; n < brackets.Length; n++)
        {
            if (notional < brackets[n].CapNotional)
            {
                return n;
            }
        }

        return brackets.Length - 1;
    }

    /// <summary>The bracket that prices <paramref name="notional"/> (see <see cref="IndexOf"/>).</summary>
    /// <param name="notional">Position notional in USDT.</param>
    public LeverageBracket BracketFor(double notional) => _brackets[IndexOf(notional)];

    /// <summary>Maintenance margin in USDT: N · mmr − maintenance amount of N's bracket (DESIGN.md "Instruments and margin").</summary>
    /// <param name="notional">Position notional in USDT (≥ 0).</param>
    public double MaintenanceMargin(double notional) => BracketFor(notional).MaintenanceMargin(notional);

    /// <summary>
    /// The largest notional (USDT) a position backed by <paramref name="margin"/> USDT may have, such that
    /// notional / margin does not exceed the max leverage of the bracket the notional falls in. 0 when the
    /// margin is not positive. Bounded by the last bracket's cap.
    /// </summary>
    /// <param name="margin">Initial margin posted for the position, USDT.</param>
    public double MaxNotionalForMargin(double margin)
    {
        if (!(margin > 0))
        {
            return 0;
        }

        double best = 0;
        foreach (var b in _brackets)
        {
            double byLeverage = b.MaxLeverage * margin;
            if (byLeverage < b.FloorNotional)
            {
                continue;
            }

            // Strictly below the cap: a notional equal to the cap belongs to the next bracket. The
            // last bracket's cap is the exchange's position limit, also exclusive.
            double inBracket = Math.Min(byLeverage, double.IsPositiveInfinity(b.CapNotional) ? byLeverage : BitDecrement(b.CapNotional));
            best = Math.Max(best, inBracket);
        }

        return best;
    }

    private static double BitDecrement(double value) => value * (1 - 1e-12);
}
