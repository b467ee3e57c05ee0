using LevBacktest.Core.Instruments;
using LevBacktest.Core.Metrics;
using LevBacktest.Core.Simulation;

namespace LevBacktest.Core.Portfolio;

/// <summary>
/// The state and bar loop of one portfolio run (see <see cref="PortfolioBacktester"/> for the order of events): one
/// account, one <see cref="PortfolioLeg{TPayoff}"/> per instrument. Every money step of a position (fills, fees,
/// funding, liquidation price, liquidation) is the single run's, in the same order of floating-point operations: a
/// portfolio of one instrument reproduces <see cref="SimulationRun{TPayoff}"/> bit for bit.
/// </summary>
/// <remarks>
/// The files split like the single run's: this one holds the state and the loop; PortfolioRun.Orders.cs the fills;
/// PortfolioRun.Risk.cs funding, stops, liquidation prices with the other positions' TMM/UPNL, and liquidation;
/// PortfolioRun.Decisions.cs the strategies' turn at a close and the target weights.
/// </remarks>
/// <typeparam name="TPayoff">The contract's payoff (every instrument of one portfolio has the same kind).</typeparam>
internal sealed partial class PortfolioRun<TPayoff>
    where TPayoff : struct, IContractPayoff
{
    private readonly PortfolioSettings _settings;
    private readonly PortfolioLeg<TPayoff>[] _legs;
    private readonly long[] _clock;
    private readonly bool _isolated;
    private readonly bool _stopOnMark;
    private readonly double _leverage;
    private readonly double _takerFee;
    private readonly double _makerFee;
    private readonly double _fixedSlippage;
    private readonly double _takeProfitFraction;
    private readonly List<PortfolioLiquidationRecord> _liquidations = [];

    /// <summary>Cross wallet (cross) or free balance (isolated).</summary>
    private double _wallet;
    private bool _ended;
    private int _liquidationEvents;

    internal PortfolioRun(IReadOnlyList<PortfolioInstrument> instruments, Func<PortfolioInstrument, TPayoff> payoffOf, PortfolioSettings settings)
    {
        _settings = settings;
        _isolated = settings.MarginMode == MarginMode.Isolated;
        _stopOnMark = settings.StopTrigger == PriceSource.MarkPrice;
        _leverage = settings.Leverage;
        _takerFee = settings.TakerFeeRate;
        _makerFee = settings.MakerFeeRate;
        _fixedSlippage = settings.Slippage.BasisPoints * 1e-4;
        _takeProfitFraction = settings.TakeProfitFraction;
        _clock = PortfolioClock.Union(instruments);
        _legs = new PortfolioLeg<TPayoff>[instruments.Count];
        bool needsVolatility = settings.Weighting == PortfolioWeighting.InverseVolatility;
        for (int k = 0; k < _legs.Length; k++)
        {
            _legs[k] = new PortfolioLeg<TPayoff>(payoffOf(instruments[k]), instruments[k], _clock, settings, _isolated, needsVolatility);
        }

        _wallet = settings.InitialCapital;
    }

    internal PortfolioResult Execute()
    {
        int n = _clock.Length;
        var legs = _legs;
        var equityOut = new double[n];
        var grossOut = new double[n];
        var leverageOut = new double[n];
        var marginRatioOut = new double[n];
        var liquidationOut = new double[n];
        var metrics = new RunMetricsAccumulator(_settings.InitialCapital);
        var closedAtOpen = new bool[legs.Length];
        for (int i = 0; i < n; i++)
        {
            long timeMs = _clock[i];
            foreach (var leg in legs)
            {
                int b = leg.BarAt[i];
                if (b >= 0)
                {
                    leg.LastBar = b;
                    if (b == leg.NextTableBar)
                    {
                        AdvanceTable(leg, leg.Data.OpenTimeMs.Span[b]);
                        leg.NextTableBar = leg.Brackets.NextTableBar(leg.Data.OpenTimeMs.Span, b + 1);
                    }

                    leg.CurrentMark = leg.MarkOpen[b];
                }
                else
                {
                    leg.CurrentMark = leg.LastMark;
                }
            }

            // 1. Funding settling at this bar, on the positions carried in.
            foreach (var leg in legs)
            {
                SettleFundingAt(leg, i);
            }

            // 2. Open check of the carried positions (at the mark opens; the last mark where an instrument has no bar).
            Array.Clear(closedAtOpen);
            OpenCheck(i, timeMs, closedAtOpen);

            // 3. Orders decided at the previous close: every close first, then opens and resizes sized from one equity.
            ExecutePending(i, timeMs, closedAtOpen);

            // 4. Adverse path of every position, each with the others at their adverse mark extremes (the worst case).
            AdversePaths(i, timeMs);

            // 5. Close: marks, the strategies' turn, the record.
            foreach (var leg in legs)
            {
                int b = leg.BarAt[i];
                if (b >= 0)
                {
                    leg.LastMark = leg.MarkClose[b];
                }

                leg.CurrentMark = leg.LastMark;
            }

            if (!_ended)
            {
                Decide(i);
            }

            Record(i, ref metrics, equityOut, grossOut, leverageOut, marginRatioOut, liquidationOut);
        }

        return Finish(new EquityCurve(_clock, equityOut, grossOut, leverageOut, marginRatioOut, liquidationOut), metrics);
    }

    /// <summary>The state at the close of clock bar <paramref name="i"/>: account equity, exposure, margin ratio; per instrument notional, side, liquidation price.</summary>
    private void Record(int i, ref RunMetricsAccumulator metrics, double[] equityOut, double[] grossOut, double[] leverageOut, double[] marginRatioOut, double[] liquidationOut)
    {
        var legs = _legs;
        double balance = _wallet;
        foreach (var leg in legs)
        {
            if (_isolated)
            {
                balance += leg.Account.IsolatedWallet;
            }
        }

        // Single-run order: equity = balance + uPnL, summed over the positions in instrument order.
        double equity = balance;
        double gross = 0;
        int held = 0;
        foreach (var leg in legs)
        {
            if (leg.Held)
            {
                equity += leg.Unrealized(leg.CurrentMark);
                double notional = leg.Payoff.Notional(leg.Position.Quantity, leg.CurrentMark);
                gross = held == 0 ? notional : gross + notional;
                held++;
            }
        }

        equityOut[i] = equity;
        if (held == 0)
        {
            metrics.AddFlat(equity);
            grossOut[i] = 0;
            leverageOut[i] = 0;
            marginRatioOut[i] = 0;
            liquidationOut[i] = double.NaN;
        }
        else
        {
            double leverage = gross / equity;
            grossOut[i] = gross;
            leverageOut[i] = leverage;
            metrics.AddHeld(equity, gross, leverage);
            double ratio = 0, maintenance = 0;
            bool first = true;
            foreach (var leg in legs)
            {
                if (!leg.Held)
                {
                    continue;
                }

                double notional = leg.Payoff.Notional(leg.Position.Quantity, leg.CurrentMark);
                double margin = leg.Brackets.MaintenanceMargin(notional);
                if (_isolated)
                {
                    double positionRatio = margin / (leg.Account.IsolatedWallet + leg.Unrealized(leg.CurrentMark));
                    ratio = first ? positionRatio : Math.Max(ratio, positionRatio);
                }
                else
                {
                    maintenance = first ? margin : maintenance + margin;
                }

                first = false;
            }

            marginRatioOut[i] = _isolated ? ratio : maintenance / equity;
            liquidationOut[i] = double.NaN;
        }

        foreach (var leg in legs)
        {
            if (leg.Held)
            {
                double lp = LiquidationPriceOf(leg);
                leg.NotionalOut[i] = leg.Payoff.Notional(leg.Position.Quantity, leg.CurrentMark);
                leg.SideOut[i] = (sbyte)leg.Position.Side;
                leg.LiquidationPriceOut[i] = lp;
                if (legs.Length == 1)
                {
                    liquidationOut[i] = lp;
                }
            }
            else
            {
                leg.LiquidationPriceOut[i] = double.NaN;
            }
        }
    }

    private PortfolioResult Finish(EquityCurve curve, in RunMetricsAccumulator pass)
    {
        var legs = _legs;
        var results = new PortfolioInstrumentResult[legs.Length];
        double marginLost = 0, clearance = 0, fundingPaid = 0, fundingReceived = 0, fees = 0, realized = 0, openUnrealized = 0, maxOrderLeverage = 0;
        double trades = 0, stops = 0, takeProfits = 0, rejected = 0, reduced = 0;
        for (int k = 0; k < legs.Length; k++)
        {
            var leg = legs[k];
            double legUnrealized = 0;
            if (leg.Held)
            {
                int last = leg.LastBar;
                legUnrealized = leg.Unrealized(leg.LastMark);
                AddTrade(leg, leg.Data.OpenTimeMs.Span[last], last, leg.LastMark, ExitReason.End, leg.Position.TradeRealized + legUnrealized, marginLost: 0);
            }

            ref readonly var a = ref leg.Account;
            bool first = k == 0;
            marginLost = first ? a.MarginLost : marginLost + a.MarginLost;
            clearance = first ? a.ClearanceFees : clearance + a.ClearanceFees;
            fundingPaid = first ? a.FundingPaid : fundingPaid + a.FundingPaid;
            fundingReceived = first ? a.FundingReceived : fundingReceived + a.FundingReceived;
            fees = first ? a.FeesPaid : fees + a.FeesPaid;
            realized = first ? a.RealizedPnl : realized + a.RealizedPnl;
            openUnrealized = first ? legUnrealized : openUnrealized + legUnrealized;
            maxOrderLeverage = Math.Max(maxOrderLeverage, a.MaxOrderLeverage);
            trades += a.TradeCount;
            stops += leg.Log.StopCount;
            takeProfits += leg.Log.TakeProfitCount;
            rejected += a.RejectedOrders;
            reduced += a.ReducedOrders;
            results[k] = new PortfolioInstrumentResult(leg.Data.Symbol, leg.BarAt, leg.BarsWithoutData, leg.FundingSkipped, leg.NotionalOut, leg.SideOut,
                leg.LiquidationPriceOut, leg.Log.Trades, leg.Log.Liquidations, leg.Log.FundingPayments, leg.Log.StopEvents,
                a.RealizedPnl, legUnrealized, a.FeesPaid, a.FundingPaid - a.FundingReceived, a.MarginLost, leg.Data.BarIntervalMs);
        }

        double firstLiquidation = _liquidations.Count > 0 ? _liquidations[0].TimeMs : double.NaN;
        var totals = new RunMetricsCalculator.Totals(
            _settings.InitialCapital,
            _settings.Leverage,
            legs[0].Data.BarIntervalMs,
            _liquidationEvents,
            firstLiquidation,
            marginLost,
            clearance,
            fundingPaid,
            fundingReceived,
            fees,
            realized,
            openUnrealized,
            trades,
            stops,
            takeProfits,
            rejected,
            reduced,
            maxOrderLeverage);

        // One instrument: its own closes (the single run's leverage-decay figures). Several: no single underlying.
        var data = legs[0].Data;
        ReadOnlySpan<double> close;
        double sumOfSquaredReturns;
        if (legs.Length == 1)
        {
            close = data.Close.Span;
            sumOfSquaredReturns = data.SumOfSquaredCloseReturns;
        }
        else
        {
            var none = new double[_clock.Length];
            Array.Fill(none, double.NaN);
            close = none;
            sumOfSquaredReturns = double.NaN;
        }

        var metrics = RunMetricsCalculator.Compute(totals, pass, _clock, close, sumOfSquaredReturns, curve.Equity);
        UsdEquityMetrics? usd = null;
        if (typeof(TPayoff) == typeof(InversePayoff))
        {
            // Equity in USD at the first instrument's price (all instruments settle in its coin): its closes on the clock,
            // carried over its gaps, its first open before its first bar.
            var price = new double[_clock.Length];
            double last = data.Open.Span[0];
            for (int i = 0; i < price.Length; i++)
            {
                int b = legs[0].BarAt[i];
                last = b >= 0 ? data.Close.Span[b] : last;
                price[i] = last;
            }

            usd = UsdEquityMetrics.Compute(_settings.InitialCapital, data.Open.Span[0], price, curve.Equity, metrics.Years);
        }

        var (mergedTrades, tradeInstrument) = PortfolioAccountRun.Merge(Lists(l => l.Log.Trades), t => t.EntryTimeMs);
        var (liquidations, liquidationInstrument) = PortfolioAccountRun.Merge(Lists(l => l.Log.Liquidations), r => r.TimeMs);
        var (funding, fundingInstrument) = PortfolioAccountRun.Merge(Lists(l => l.Log.FundingPayments), r => r.TimeMs);
        var (stopEvents, stopInstrument) = PortfolioAccountRun.Merge(Lists(l => l.Log.StopEvents), r => r.TimeMs);
        int markFallbackBars = 0;
        foreach (var leg in legs)
        {
            markFallbackBars += leg.MarkFallbackBars;
        }

        var accountRun = new PortfolioAccountRun(
            new RunResult(metrics, curve, mergedTrades, liquidations, funding, stopEvents, (int)rejected, (int)reduced, markFallbackBars, usd),
            tradeInstrument, liquidationInstrument, fundingInstrument, stopInstrument);
        return new PortfolioResult(_clock, curve, metrics, usd, _liquidations, results, accountRun);
    }

    private IReadOnlyList<T>[] Lists<T>(Func<PortfolioLeg<TPayoff>, IReadOnlyList<T>> of)
    {
        var lists = new IReadOnlyList<T>[_legs.Length];
        for (int k = 0; k < lists.Length; k++)
        {
            lists[k] = of(_legs[k]);
        }

        return lists;
    }

    private void AdvanceTable(PortfolioLeg<TPayoff> leg, long timeMs)
    {
        leg.Brackets.Advance(timeMs);
        if (leg.Held)
        {
            UpdateLiquidationPrice(leg);
        }
    }

    /// <summary>The wallet backing <paramref name="leg"/>'s position: its isolated wallet, or the cross wallet.</summary>
    private double BackingWallet(PortfolioLeg<TPayoff> leg) => _isolated ? leg.Account.IsolatedWallet : _wallet;

    private void SetBackingWallet(PortfolioLeg<TPayoff> leg, double value)
    {
        if (_isolated)
        {
            leg.Account.IsolatedWallet = value;
        }
        else
        {
            _wallet = value;
        }
    }

    private static void AddTrade(PortfolioLeg<TPayoff> leg, long exitTimeMs, int exitBar, double exitPrice, ExitReason reason, double realized, double marginLost)
    {
        ref readonly var p = ref leg.Position;
        leg.Log.Trades.Add(new TradeRecord(
            leg.Data.OpenTimeMs.Span[p.EntryBar],
            p.EntryBar,
            p.TradeEntryPrice,
            exitTimeMs,
            exitBar,
            exitPrice,
            p.Side,
            p.TradeEntryQuantity,
            p.TradeInitialMargin,
            p.Quantity,
            p.TradeFees,
            p.TradeFunding,
            realized,
            marginLost,
            realized - p.TradeFees - p.TradeFunding - marginLost,
            reason));
    }
}
