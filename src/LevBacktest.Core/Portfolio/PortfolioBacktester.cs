using LevBacktest.Core.Simulation;

namespace LevBacktest.Core.Portfolio;

/// <summary>
/// Runs several linear perpetuals in one account on one bar clock, buy-and-hold with fixed weights of a target gross
/// leverage, in cross margin (one wallet backs every position) or isolated margin (a wallet per position).
/// </summary>
/// <remarks>
/// Order of events inside clock bar i, per DESIGN.md, with the instruments taken together:
/// (1) funding of every instrument that has a bar at i, on the positions carried in (an event that falls where its
/// instrument has no bar settles nothing and is counted); (2) the open check at the mark opens; (3) entries decided
/// at bar 0's close fill at the open of the instrument's first bar from bar 1 on; (4) the adverse path — cross: the
/// account is liquidated when its margin balance at the adverse mark extreme of every instrument at once (lows for
/// longs, highs for shorts: the worst case, since the paths inside the bar are unknown) is at or below the total
/// maintenance margin there; isolated: each position against its own liquidation price; (5) the close: equity and
/// liquidation prices at the mark closes. An instrument without a bar at i is marked at its last mark close.
/// A cross liquidation takes over every position and the account's equity goes to 0, never below.
/// </remarks>
public static class PortfolioBacktester
{
    /// <summary>Runs a portfolio.</summary>
    /// <param name="instruments">At least one instrument, all with the same bar interval and at least one bar.</param>
    /// <param name="settings">The account.</param>
    /// <returns>Account equity, exposure by instrument, liquidations and per-instrument totals.</returns>
    /// <exception cref="ArgumentException">No instruments, mixed bar intervals, a side not ±1, a weight not positive,
    /// an instrument without bars or with tiers starting after its first bar, or a setting out of range.</exception>
    public static PortfolioResult Run(IReadOnlyList<PortfolioInstrument> instruments, PortfolioSettings settings)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(settings);
        if (instruments.Count == 0)
        {
            throw new ArgumentException("A portfolio needs at least one instrument.", nameof(instruments));
        }

        long interval = instruments[0].Data.BarIntervalMs;
        for (int k = 0; k < instruments.Count; k++)
        {
            var instrument = instruments[k] ?? throw new ArgumentException($"Instrument {k} is null.", nameof(instruments));
            if (instrument.Data.Count == 0)
            {
                throw new ArgumentException($"Instrument {k} ({instrument.Data.Symbol}) has no bars.", nameof(instruments));
            }

            if (instrument.Data.BarIntervalMs != interval)
            {
                throw new ArgumentException($"Instrument {k} ({instrument.Data.Symbol}) has {instrument.Data.BarIntervalMs} ms bars, instrument 0 {interval} ms: one clock needs one interval.", nameof(instruments));
            }

            if (instrument.Side is not (1 or -1))
            {
                throw new ArgumentException($"Instrument {k} side must be +1 or −1, got {instrument.Side}.", nameof(instruments));
            }

            if (!(instrument.Weight > 0) || !double.IsFinite(instrument.Weight))
            {
                throw new ArgumentException($"Instrument {k} weight must be a positive number, got {instrument.Weight}.", nameof(instruments));
            }

            if (instrument.Brackets.FirstEffectiveMs > instrument.Data.OpenTimeMs.Span[0])
            {
                throw new ArgumentException($"The tiers of instrument {k} ({instrument.Data.Symbol}) start after its first bar.", nameof(instruments));
            }
        }

        if (!(settings.InitialCapital > 0) || !double.IsFinite(settings.InitialCapital))
        {
            throw new ArgumentException($"InitialCapital must be positive, got {settings.InitialCapital}.", nameof(settings));
        }

        if (!(settings.Leverage > 0) || !double.IsFinite(settings.Leverage))
        {
            throw new ArgumentException($"Leverage must be positive, got {settings.Leverage}.", nameof(settings));
        }

        if (!(settings.TakerFeeRate >= 0 && settings.TakerFeeRate < 0.1))
        {
            throw new ArgumentException($"TakerFeeRate must be in [0, 0.1), got {settings.TakerFeeRate}.", nameof(settings));
        }

        if (settings.FundingTimeToleranceMs < 0 || settings.FundingTimeToleranceMs >= interval)
        {
            throw new ArgumentException($"FundingTimeToleranceMs must be in [0, bar interval), got {settings.FundingTimeToleranceMs}.", nameof(settings));
        }

        if (!Enum.IsDefined(settings.MarginMode))
        {
            throw new ArgumentException($"MarginMode {(int)settings.MarginMode} is not Isolated or Cross.", nameof(settings));
        }

        return new PortfolioRun(instruments, settings).Execute();
    }
}
