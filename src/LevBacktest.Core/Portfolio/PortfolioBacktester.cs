using LevBacktest.Core.Instruments;
using LevBacktest.Core.Simulation;

namespace LevBacktest.Core.Portfolio;

/// <summary>
/// Runs several perpetuals in one account on one bar clock (the union of their bar open times): each instrument with its
/// own signal and stop rule, the account's target gross leverage split across the instruments the signals want, in cross
/// margin (one wallet backs every position) or isolated margin (a wallet per position).
/// </summary>
/// <remarks>
/// <para>Order of events inside clock bar i (DESIGN.md's single-run order, each step taken for every instrument, in the order
/// the instruments are given, before the next step):
/// (1) funding of every instrument that has a bar at i, on the positions carried in; (2) the open check of each position at
/// its mark open — cross: against its liquidation price with every other position's TMM and UPNL at their mark opens; a hit
/// liquidates the account — then its stop and take-profit at the open; (3) the orders decided at the previous close fill at
/// the open: first every close, then opens and resizes, all sized from one account equity at the mark opens;
/// (4) the adverse path: every instrument is put at its adverse mark extreme of the bar (low for a long, high for a short) at
/// once — the worst case, as the paths of different instruments inside a bar are unknown — and each position in turn meets
/// its stop, liquidation price and take-profit with the others there (the single run's rule: the level met first from the
/// open wins, a tie goes to the stop); (5) the close: marks, stops move, signals decide, target weights are set, positions
/// due for rebalancing get a resize order, equity is recorded.</para>
/// <para>An instrument without a bar at i (before its listing, a gap, after its end) does not trade, decide or settle funding
/// there (an event falling there settles nothing and is counted), and is marked at its last mark close (in equity, in the
/// other positions' TMM/UPNL). Its pending order waits for its next bar.</para>
/// <para>Cross liquidation: the account is liquidated when its margin balance reaches the total maintenance margin, which with
/// the others fixed is exactly a position's mark reaching its liquidation price from DESIGN's formula with TMM and UPNL.
/// Every position is taken over, the wallet is lost and equity goes to 0, never below. A realised loss beyond the wallet is
/// absorbed only as far as the account's margin balance would go below 0. Isolated: each position liquidates alone, as in
/// a single run. A portfolio of one instrument is the single run bit for bit (same state components, same arithmetic).</para>
/// <para>Settlement asset: one account holds one asset. All instruments must be linear in the same asset (default USDT), or
/// all inverse in the same coin (e.g. BTCUSD perpetual and BTCUSD quarterly, margined in BTC); a mixture is rejected, since
/// the engine keeps no second wallet and no conversion rate.</para>
/// </remarks>
public static class PortfolioBacktester
{
    /// <summary>Runs a portfolio.</summary>
    /// <param name="instruments">At least one instrument, all with the same bar interval, at least one bar, and one settlement asset.
    /// Their signals and stop rules are prepared here (each instance may serve only one instrument).</param>
    /// <param name="settings">The account, sizing, costs and policies.</param>
    /// <returns>Account equity curve and metrics, liquidations, and per-instrument exposure, events and contributions.</returns>
    /// <exception cref="ArgumentException">No instruments, mixed bar intervals, mixed contract kinds or settlement assets, a side
    /// not ±1, a weight not positive, an inverse instrument without contract size, an instrument without bars or with tiers
    /// starting after its first bar, a signal or stop instance shared by two instruments, or a setting out of range; the message
    /// names the instrument (index and symbol) or the setting.</exception>
    /// <exception cref="InvalidOperationException">A signal returned a side not in {−1, 0, +1}.</exception>
    public static PortfolioResult Run(IReadOnlyList<PortfolioInstrument> instruments, PortfolioSettings settings)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(settings);
        Validate(instruments, settings);
        foreach (var instrument in instruments)
        {
            instrument.Signal?.Prepare(instrument.Data);
            instrument.StopLoss?.Prepare(instrument.Data);
        }

        return instruments[0].Contract == ContractKind.Inverse
            ? new PortfolioRun<InversePayoff>(instruments, i => new InversePayoff(i.ContractSize), settings).Execute()
            : new PortfolioRun<LinearPayoff>(instruments, _ => default, settings).Execute();
    }

    private static void Validate(IReadOnlyList<PortfolioInstrument> instruments, PortfolioSettings settings)
    {
        if (instruments.Count == 0)
        {
            throw new ArgumentException("A portfolio needs at least one instrument.", nameof(instruments));
        }

        var first = instruments[0] ?? throw new ArgumentException("Instrument 0 is null.", nameof(instruments));
        long interval = first.Data.BarIntervalMs;
        var strategies = new HashSet<object>(ReferenceEqualityComparer.Instance);
        for (int k = 0; k < instruments.Count; k++)
        {
            var instrument = instruments[k] ?? throw new ArgumentException($"Instrument {k} is null.", nameof(instruments));
            string name = $"Instrument {k} ({instrument.Data.Symbol})";
            if (instrument.Data.Count == 0)
            {
                throw new ArgumentException($"{name} has no bars.", nameof(instruments));
            }

            if (instrument.Data.BarIntervalMs != interval)
            {
                throw new ArgumentException($"{name} has {instrument.Data.BarIntervalMs} ms bars, instrument 0 {interval} ms: one clock needs one interval.", nameof(instruments));
            }

            if (instrument.Side is not (1 or -1))
            {
                throw new ArgumentException($"{name} side must be +1 or −1, got {instrument.Side}.", nameof(instruments));
            }

            if (!(instrument.Weight > 0) || !double.IsFinite(instrument.Weight))
            {
                throw new ArgumentException($"{name} weight must be a positive number, got {instrument.Weight}.", nameof(instruments));
            }

            if (instrument.Brackets is null || instrument.Brackets.FirstEffectiveMs > instrument.Data.OpenTimeMs.Span[0])
            {
                throw new ArgumentException($"The tiers of {name} are missing or start after its first bar.", nameof(instruments));
            }

            if (!Enum.IsDefined(instrument.Contract))
            {
                throw new ArgumentException($"{name} contract {(int)instrument.Contract} is not Linear or Inverse.", nameof(instruments));
            }

            if (instrument.Contract != first.Contract)
            {
                throw new ArgumentException(
                    $"{name} is {instrument.Contract}, instrument 0 ({first.Data.Symbol}) {first.Contract}: one account settles in one asset, so a portfolio cannot mix linear and inverse contracts.",
                    nameof(instruments));
            }

            if (instrument.Contract == ContractKind.Inverse && !(instrument.ContractSize > 0 && double.IsFinite(instrument.ContractSize)))
            {
                throw new ArgumentException($"{name} is inverse and needs a contract size in USD > 0, got {instrument.ContractSize}.", nameof(instruments));
            }

            string? asset = instrument.ResolvedSettlementAsset;
            if (string.IsNullOrWhiteSpace(asset))
            {
                throw new ArgumentException($"{name} is inverse and must name its settlement asset (the coin its margin is in, e.g. \"BTC\").", nameof(instruments));
            }

            if (!string.Equals(asset, first.ResolvedSettlementAsset, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException(
                    $"{name} settles in {asset}, instrument 0 ({first.Data.Symbol}) in {first.ResolvedSettlementAsset}: one account holds one asset (the engine does not convert between wallets).",
                    nameof(instruments));
            }

            foreach (object? strategy in new object?[] { instrument.Signal, instrument.StopLoss })
            {
                if (strategy is not null && !strategies.Add(strategy))
                {
                    throw new ArgumentException($"{name} shares its {strategy.GetType().Name} instance with another instrument: give each instrument its own (strategies keep per-run state).", nameof(instruments));
                }
            }
        }

        ValidateSettings(settings, interval);
    }

    private static void ValidateSettings(PortfolioSettings settings, long interval)
    {
        static ArgumentException Bad(string field, string message) => new($"{field} {message}", nameof(settings));

        if (!(settings.InitialCapital > 0) || !double.IsFinite(settings.InitialCapital))
        {
            throw Bad(nameof(settings.InitialCapital), $"must be positive, got {settings.InitialCapital}.");
        }

        if (!(settings.Leverage > 0) || !double.IsFinite(settings.Leverage))
        {
            throw Bad(nameof(settings.Leverage), $"(target gross leverage) must be a positive number, got {settings.Leverage}.");
        }

        if (!Enum.IsDefined(settings.MarginMode))
        {
            throw Bad(nameof(settings.MarginMode), $"{(int)settings.MarginMode} is not Isolated or Cross.");
        }

        if (!Enum.IsDefined(settings.Weighting))
        {
            throw Bad(nameof(settings.Weighting), $"{(int)settings.Weighting} is not Equal, Fixed or InverseVolatility.");
        }

        if (settings.VolatilityLookbackBars < 2)
        {
            throw Bad(nameof(settings.VolatilityLookbackBars), $"must be at least 2 returns, got {settings.VolatilityLookbackBars}.");
        }

        if (settings.RebalanceEveryBars < 0)
        {
            throw Bad(nameof(settings.RebalanceEveryBars), $"must be ≥ 0 (0 = never), got {settings.RebalanceEveryBars}.");
        }

        if (!(settings.RebalanceBand >= 0) || !double.IsFinite(settings.RebalanceBand))
        {
            throw Bad(nameof(settings.RebalanceBand), $"must be a finite fraction ≥ 0 (0 = off), got {settings.RebalanceBand}.");
        }

        if (!(settings.TakerFeeRate >= 0 && settings.TakerFeeRate < 0.1))
        {
            throw Bad(nameof(settings.TakerFeeRate), $"must be in [0, 0.1), got {settings.TakerFeeRate}.");
        }

        if (!(settings.MakerFeeRate > -0.1 && settings.MakerFeeRate < 0.1))
        {
            throw Bad(nameof(settings.MakerFeeRate), $"must be in (−0.1, 0.1), got {settings.MakerFeeRate}.");
        }

        settings.Slippage.Validate(nameof(settings.Slippage));
        if (!Enum.IsDefined(settings.StopTrigger))
        {
            throw Bad(nameof(settings.StopTrigger), $"{(int)settings.StopTrigger} is not LastPrice or MarkPrice.");
        }

        if (!double.IsNaN(settings.TakeProfitFraction) && !(settings.TakeProfitFraction > 0 && double.IsFinite(settings.TakeProfitFraction)))
        {
            throw Bad(nameof(settings.TakeProfitFraction), $"must be a positive fraction or NaN for none, got {settings.TakeProfitFraction}.");
        }

        if (!Enum.IsDefined(settings.OverLeveragePolicy) || !Enum.IsDefined(settings.AfterLiquidationPolicy))
        {
            throw Bad(nameof(settings.OverLeveragePolicy), "or AfterLiquidationPolicy is not a defined value.");
        }

        if (!(settings.ClearanceFeeRate >= 0 && settings.ClearanceFeeRate < 0.1))
        {
            throw Bad(nameof(settings.ClearanceFeeRate), $"must be in [0, 0.1), got {settings.ClearanceFeeRate}.");
        }

        if (settings.FundingTimeToleranceMs < 0 || settings.FundingTimeToleranceMs >= interval)
        {
            throw Bad(nameof(settings.FundingTimeToleranceMs), $"must be in [0, bar interval), got {settings.FundingTimeToleranceMs}.");
        }
    }
}
