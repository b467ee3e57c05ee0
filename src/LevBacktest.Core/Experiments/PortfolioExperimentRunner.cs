using LevBacktest.Core.Instruments;
using LevBacktest.Core.Portfolio;
using LevBacktest.Core.Simulation;

namespace LevBacktest.Core.Experiments;

/// <summary>
/// Runs the sweep of a portfolio spec (<see cref="ExperimentSpec.Portfolio"/>) through <see cref="PortfolioBacktester"/>
/// the way <see cref="ExperimentRunner"/> runs single-instrument sweeps: in parallel on shared read-only data, handed
/// over in ascending run index, results identical whatever the thread count. Each run's <see cref="RunOutcome.Result"/>
/// is the account (its metrics and equity curve, and every instrument's trades, liquidations, funding and stop fills
/// merged in time order); <see cref="RunOutcome.Portfolio"/> says which instrument each event is and holds each
/// instrument's exposure and contribution.
/// </summary>
public static class PortfolioExperimentRunner
{
    /// <summary>Runs the shard of <paramref name="plan"/> that <paramref name="options"/> selects and hands every run to <paramref name="onRun"/> in ascending run index.</summary>
    /// <param name="plan">A plan of a portfolio spec.</param>
    /// <param name="instruments">The instruments, loaded once (<see cref="PortfolioInstrumentData.LoadAll"/>).</param>
    /// <param name="options">Threads, shard and progress.</param>
    /// <param name="onRun">Receives each run in ascending run index, one call at a time.</param>
    /// <param name="cancellationToken">Stops starting new runs.</param>
    /// <exception cref="ArgumentException">The plan is not a portfolio's, or the instruments do not match it.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    /// <exception cref="ExperimentRunException">A run failed (the one with the lowest index is reported).</exception>
    public static void Stream(ExperimentPlan plan, IReadOnlyList<PortfolioInstrumentData> instruments, ExperimentRunOptions options, Action<RunOutcome> onRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(instruments);
        var portfolio = plan.Spec.Portfolio ?? throw new ArgumentException("The plan's spec has no \"instruments\": run it with ExperimentRunner.", nameof(plan));
        if (instruments.Count != portfolio.Instruments.Count)
        {
            throw new ArgumentException($"{instruments.Count} loaded instruments for a portfolio of {portfolio.Instruments.Count}.", nameof(instruments));
        }

        ExperimentRunner.StreamRuns(plan, runIndex => RunOne(plan, instruments, runIndex), options, onRun, cancellationToken);
    }

    /// <summary>Runs the whole shard and keeps every run (full curves): for tests and small sweeps.</summary>
    /// <param name="plan">A plan of a portfolio spec.</param>
    /// <param name="instruments">The loaded instruments.</param>
    /// <param name="options">Threads and shard.</param>
    /// <param name="cancellationToken">Stops starting new runs.</param>
    /// <returns>The runs in ascending run index, on instrument 0's data.</returns>
    public static ExperimentOutcome Run(ExperimentPlan plan, IReadOnlyList<PortfolioInstrumentData> instruments, ExperimentRunOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var runs = new List<RunOutcome>();
        Stream(plan, instruments, options with { RunBuffers = null }, runs.Add, cancellationToken);
        return new ExperimentOutcome(plan, instruments[0].Loaded.Data, options.Shard, runs);
    }

    /// <summary>Runs one run of a portfolio sweep on the calling thread, with its own signal and stop instances.</summary>
    /// <param name="plan">A plan of a portfolio spec.</param>
    /// <param name="instruments">The loaded instruments.</param>
    /// <param name="runIndex">0 ≤ runIndex &lt; plan.RunCount.</param>
    /// <exception cref="ExperimentRunException">The engine rejected the run; the message names the run's sweep values.</exception>
    public static RunOutcome RunOne(ExperimentPlan plan, IReadOnlyList<PortfolioInstrumentData> instruments, int runIndex)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(instruments);
        var portfolio = plan.Spec.Portfolio!;
        var point = plan.GetRun(runIndex);
        var single = SimulationSettingsFactory.Create(plan.Spec, point, instruments[0].Brackets);
        var settings = new PortfolioSettings
        {
            InitialCapital = point.InitialCapital,
            MarginMode = portfolio.MarginMode == "isolated" ? MarginMode.Isolated : MarginMode.Cross,
            Leverage = point.Leverage,
            Weighting = portfolio.Sizing switch
            {
                "fixed" => PortfolioWeighting.Fixed,
                "inverseVolatility" => PortfolioWeighting.InverseVolatility,
                _ => PortfolioWeighting.Equal,
            },
            VolatilityLookbackBars = portfolio.VolatilityLookbackBars,
            RebalanceEveryBars = portfolio.RebalanceEveryBars,
            RebalanceBand = portfolio.RebalanceBand,
            TakerFeeRate = single.TakerFeeRate,
            MakerFeeRate = single.MakerFeeRate,
            Slippage = single.Slippage,
            StopTrigger = single.StopTrigger,
            TakeProfitFraction = single.TakeProfitFraction,
            OverLeveragePolicy = single.OverLeveragePolicy,
            AfterLiquidationPolicy = single.AfterLiquidationPolicy,
            ClearanceFeeRate = single.ClearanceFeeRate,
        };
        var engineInstruments = new PortfolioInstrument[instruments.Count];
        for (int k = 0; k < engineInstruments.Length; k++)
        {
            var spec = instruments[k].Spec;
            var signal = plan.InstrumentSignals[k];
            var stop = plan.InstrumentStops[k];
            bool inverse = spec.Terms.Contract == "inverse";
            engineInstruments[k] = new PortfolioInstrument(instruments[k].Loaded.Data, instruments[k].Brackets, 1, spec.Weight)
            {
                Signal = signal.Descriptor.CreateSignal(signal),
                StopLoss = stop.Descriptor.CreateStopLoss(stop),
                Contract = inverse ? ContractKind.Inverse : ContractKind.Linear,
                ContractSize = spec.Terms.ContractSize,
                SettlementAsset = inverse ? spec.SettlementAsset : null,
            };
        }

        PortfolioResult result;
        try
        {
            result = PortfolioBacktester.Run(engineInstruments, settings);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            throw new ExperimentRunException(runIndex, ExperimentRunner.DescribePoint(plan, runIndex), exception);
        }

        return Account(point, result);
    }

    /// <summary>The account's RunResult (every instrument's events merged in time order, instrument by instrument at equal times) and the detail.</summary>
    private static RunOutcome Account(RunPoint point, PortfolioResult result)
    {
        var parts = result.Instruments;
        var (trades, tradeOwner) = Merge(parts, p => p.Trades, t => t.EntryTimeMs);
        var (liquidations, liquidationOwner) = Merge(parts, p => p.Liquidations, l => l.TimeMs);
        var (funding, fundingOwner) = Merge(parts, p => p.FundingPayments, f => f.TimeMs);
        var (stops, stopOwner) = Merge(parts, p => p.StopEvents, s => s.TimeMs);
        var metrics = result.Metrics;
        var account = new RunResult(
            metrics,
            result.Account,
            trades,
            liquidations,
            funding,
            stops,
            (int)metrics.RejectedOrders,
            (int)metrics.ReducedOrders,
            0,
            result.UsdMetrics);
        var detail = new PortfolioRunDetail(result, tradeOwner, liquidationOwner, fundingOwner, stopOwner);
        return new RunOutcome(point, account) { Portfolio = detail };
    }

    private static (List<T> Events, int[] Owner) Merge<T>(IReadOnlyList<PortfolioInstrumentResult> parts, Func<PortfolioInstrumentResult, IReadOnlyList<T>> eventsOf, Func<T, long> timeOf)
    {
        var merged = new List<(long Time, int Instrument, int Order, T Event)>();
        for (int k = 0; k < parts.Count; k++)
        {
            var events = eventsOf(parts[k]);
            for (int e = 0; e < events.Count; e++)
            {
                merged.Add((timeOf(events[e]), k, e, events[e]));
            }
        }

        merged.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Instrument != b.Instrument ? a.Instrument.CompareTo(b.Instrument) : a.Order.CompareTo(b.Order));
        var list = new List<T>(merged.Count);
        var owner = new int[merged.Count];
        for (int i = 0; i < merged.Count; i++)
        {
            list.Add(merged[i].Event);
            owner[i] = merged[i].Instrument;
        }

        return (list, owner);
    }
}
