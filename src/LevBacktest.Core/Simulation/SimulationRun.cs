using System.Globalization;
using System.Runtime.CompilerServices;

using LevBacktest.Core.Data;
using LevBacktest.Core.Instruments;
using LevBacktest.Core.Metrics;
using LevBacktest.Core.Strategies;

namespace LevBacktest.Core.Simulation;

/// <summary>
/// One run of one instrument: its state and the bar loop that orders the events of each bar (DESIGN.md
/// "Order of events inside bar i"; see <see cref="Backtester"/>). One instance per run; not thread-safe.
/// </summary>
/// <remarks>
/// The run is split by concept over files: this one holds the state and the bar loop;
/// SimulationRun.Orders.cs the fills (open, resize, close) and SimulationRun.Risk.cs funding, stops and
/// liquidation; SimulationRun.Decisions.cs the strategy's decision at the close. The state lives in
/// <see cref="PositionState"/>, <see cref="MarginAccount"/>, <see cref="BracketCursor"/> and <see cref="RunEventLog"/>;
/// what money a price move makes is <typeparamref name="TPayoff"/>'s (linear or inverse), resolved by the JIT.
/// A loss beyond the backing wallet (possible only when the last price fills far beyond the mark-price bankruptcy
/// price) is capped at that wallet: the insurance fund takes the rest, so the realised PnL booked is the capped
/// figure and equity never goes below zero.
/// </remarks>
/// <typeparam name="TPayoff">The contract's payoff (a struct, so its formulas inline into the loop).</typeparam>
[SkipLocalsInit] // the per-bar strategy views are fully written before use; zeroing them is wasted work
internal sealed partial class SimulationRun<TPayoff>
    where TPayoff : struct, IContractPayoff
{
    private enum PendingAction : byte
    {
        None,
        SetSide,
        Resize,
        TimeStopExit,
    }

    private readonly TPayoff _payoff;
    private readonly MarketData _data;
    private readonly SimulationSettings _settings;
    private readonly ISignal _signal;
    private readonly ISizing _sizing;
    private readonly IStopLoss _stopLoss;
    private readonly bool _stopMovesAfterEntry;
    private readonly bool _sizingRebalances;
    private readonly bool _isolated;
    private readonly bool _stopOnMark;
    private readonly bool _fillAtClose;
    private readonly double _takerFee;
    private readonly double _makerFee;
    private readonly double _fixedSlippage;
    private readonly double[]? _slippageByBar;
    private readonly double _takeProfitFraction;
    private readonly ReadOnlyMemory<double> _markOpen;
    private readonly ReadOnlyMemory<double> _markHigh;
    private readonly ReadOnlyMemory<double> _markLow;
    private readonly ReadOnlyMemory<double> _markClose;
    private readonly int _markFallbackBars;
    private readonly RunEventLog _log;
    private readonly RunBuffers _buffers;
    private readonly ReadOnlyMemory<sbyte> _sides;
    private readonly bool _quietHolding;

    private BracketCursor _brackets;
    private MarginAccount _account;
    private PositionState _position = PositionState.Flat;
    private PendingAction _pending;
    private int _pendingSide;
    private bool _ended;

    // buffers: a recycled set to write the curve and events into (its lists already emptied); null for fresh ones.
    internal SimulationRun(TPayoff payoff, MarketData data, SimulationSettings settings, ISignal signal, ISizing sizing, IStopLoss stopLoss, RunBuffers? buffers = null)
    {
        _payoff = payoff;
        _data = data;
        _settings = settings;
        _signal = signal;
        _sizing = sizing;
        _stopLoss = stopLoss;
        _stopMovesAfterEntry = stopLoss.MovesAfterEntry;
        _sizingRebalances = sizing.Rebalances;
        _isolated = settings.MarginMode == MarginMode.Isolated;
        _stopOnMark = settings.StopTrigger == PriceSource.MarkPrice;
        _fillAtClose = settings.Fill == FillTiming.BarClose;
        _takerFee = settings.TakerFeeRate;
        _makerFee = settings.MakerFeeRate;
        _fixedSlippage = settings.Slippage.BasisPoints * 1e-4;
        _slippageByBar = settings.Slippage.PerBar(data.Close.Span);
        _takeProfitFraction = settings.TakeProfitFraction;
        _account = new MarginAccount(settings.InitialCapital, _isolated);

        var mark = data.ResolvedMark;
        (_markOpen, _markHigh, _markLow, _markClose, _markFallbackBars) = (mark.Open, mark.High, mark.Low, mark.Close, mark.FallbackBars);

        _brackets = new BracketCursor(settings.Brackets, data.OpenTimeMs.Span[0]);
        _buffers = buffers ?? new RunBuffers(pool: null, data.Count);
        _sides = signal.DesiredSides;
        if (!_sides.IsEmpty && _sides.Length != data.Count)
        {
            throw new InvalidOperationException($"Signal {signal.GetType().Name} prepared {_sides.Length} desired sides for {data.Count} bars.");
        }

        // Held bars where nothing happens run in HoldQuietBars when the strategy's per-bar answers need no call:
        // the signal's sides are an array, the stop stays where the entry put it, the sizing never rebalances and
        // orders fill at the next open.
        _quietHolding = !_sides.IsEmpty && !_stopMovesAfterEntry && !_sizingRebalances && !_fillAtClose;
        _log = new RunEventLog(data.Funding.Count, _buffers);
    }

    internal RunResult Execute()
    {
        var data = _data;
        int n = data.Count;
        var openTime = data.OpenTimeMs.Span;
        var open = data.Open.Span;
        var high = data.High.Span;
        var low = data.Low.Span;
        var close = data.Close.Span;
        var markOpen = _markOpen.Span;
        var markHigh = _markHigh.Span;
        var markLow = _markLow.Span;
        var markClose = _markClose.Span;

        // An event before the first bar settles at bar 0 on the flat position the run starts with; one after
        // the last bar maps to n and never settles. Backtester keeps the tolerance below the bar interval.
        // The same for every run of a sweep on this data (and this tolerance): computed once, it walks every bar.
        long tolerance = _settings.FundingTimeToleranceMs;
        var fundingBar = SharedSeries.Of(data).GetOrCompute(
            string.Create(CultureInfo.InvariantCulture, $"funding-settlement-bars(toleranceMs={tolerance})"),
            4L * data.Funding.Count,
            () => data.Funding.SettlementBarIndices(data.OpenTimeMs.Span, tolerance));
        int fundingCursor = 0;
        int fundingCount = fundingBar.Length;
        int nextFundingBar = fundingCount > 0 ? fundingBar[0] : int.MaxValue;

        var curve = new EquityCurve(data.OpenTimeMs, _buffers);
        var equityOut = curve.Equity;
        var notionalOut = curve.PositionNotional;
        var leverageOut = curve.EffectiveLeverage;
        var marginRatioOut = curve.MarginRatio;
        var liquidationOut = curve.LiquidationPrice;
        if (equityOut.Length != n || notionalOut.Length != n || leverageOut.Length != n || marginRatioOut.Length != n || liquidationOut.Length != n)
        {
            throw new InvalidOperationException("Equity curve arrays do not match the bar count.");
        }

        var metrics = new RunMetricsAccumulator(_settings.InitialCapital);
        var sides = _sides.Span;
        var funding = data.Funding;
        var columns = new RunColumns(open, high, low, markOpen, markHigh, markLow, markClose, sides, funding.TimeMs.Span, funding.Rate.Span, funding.MarkPrice.Span);
        int nextTableBar = _brackets.NextTableBar(openTime, 0);
        for (int i = 0; i < n; i++)
        {
            if (_quietHolding && _position.Side != 0 && _pending == PendingAction.None && !_ended)
            {
                // Every bar up to the next one where something may happen, in a loop without calls; this bar's
                // steps below then run on the bar it stopped at.
                i = HoldQuietBars(i, nextTableBar, ref metrics, curve, columns, fundingBar, ref fundingCursor, ref nextFundingBar);
                if (i == n)
                {
                    break;
                }
            }

            if (i == nextTableBar)
            {
                AdvanceTable(openTime[i]);
                nextTableBar = _brackets.NextTableBar(openTime, i + 1);
            }

            double markOpenPrice = markOpen[i];

            // 1. Funding settling at this bar, on the position carried in.
            if (i >= nextFundingBar)
            {
                while (fundingCursor < fundingCount && fundingBar[fundingCursor] <= i)
                {
                    if (_position.Side != 0)
                    {
                        SettleFunding(fundingCursor, i, markOpenPrice, columns);
                    }

                    fundingCursor++;
                }

                nextFundingBar = fundingCursor < fundingCount ? fundingBar[fundingCursor] : int.MaxValue;
            }

            // 2. Open check of the carried position: mark open beyond the liquidation price liquidates at the mark
            // open; else a trigger-series open beyond the stop fills it at the last-price open with slippage (a gap);
            // else an open beyond the take-profit fills it at its limit. Written out here, not called: a call per
            // held bar measured 8 % of the bar's time.
            bool closedAtOpen = false;
            if (_position.Side != 0)
            {
                double openPrice = open[i];
                double trigger = _stopOnMark ? markOpenPrice : openPrice;
                if (_position.Side > 0 ? markOpenPrice <= _position.LiquidationPrice : markOpenPrice >= _position.LiquidationPrice)
                {
                    Liquidate(i, openTime[i], markOpenPrice);
                    closedAtOpen = true;
                }
                else if (_position.Side > 0 ? trigger <= _position.StopPrice : trigger >= _position.StopPrice)
                {
                    StopAtOpen(i, openTime[i], openPrice);
                    closedAtOpen = true;
                }
                else if (_position.Side > 0 ? trigger >= _position.TakeProfitPrice : trigger <= _position.TakeProfitPrice)
                {
                    TakeProfitAtOpen(i, openTime[i]);
                    closedAtOpen = true;
                }
            }

            // 3. The order decided at the previous close (cancelled when step 2 closed the position).
            if (_pending != PendingAction.None)
            {
                if (!closedAtOpen)
                {
                    ExecutePending(i, openTime[i], open[i], markOpenPrice);
                }

                _pending = PendingAction.None;
            }

            // 4. Adverse path, then the favourable extreme. The common case (nothing touched) is decided
            // here without a call; AdversePath sorts out which level wins when any is touched.
            int side = _position.Side;
            if (side != 0)
            {
                double barHigh = high[i], barLow = low[i], barMarkHigh = markHigh[i], barMarkLow = markLow[i];
                bool touched = side > 0
                    ? barMarkLow <= _position.LiquidationPrice || (_stopOnMark ? barMarkLow : barLow) <= _position.StopPrice || (_stopOnMark ? barMarkHigh : barHigh) >= _position.TakeProfitPrice
                    : barMarkHigh >= _position.LiquidationPrice || (_stopOnMark ? barMarkHigh : barHigh) >= _position.StopPrice || (_stopOnMark ? barMarkLow : barLow) <= _position.TakeProfitPrice;
                if (touched)
                {
                    AdversePath(i, openTime[i], open[i], barHigh, barLow, barMarkHigh, barMarkLow);
                }

                // 5. Close: extremes of completed bars for trailing stops.
                if (_position.Side != 0)
                {
                    if (barHigh > _position.HighestHigh)
                    {
                        _position.HighestHigh = barHigh;
                    }

                    if (barLow < _position.LowestLow)
                    {
                        _position.LowestLow = barLow;
                    }
                }
            }

            double markClosePrice = markClose[i];

            if (!_ended)
            {
                Decide(i, markClosePrice, sides.Length != 0 ? sides[i] : _signal.DesiredSide(i));
                if (_fillAtClose && _pending != PendingAction.None)
                {
                    ExecutePending(i, openTime[i], close[i], markClosePrice);
                    _pending = PendingAction.None;

                    // A fill at the close whose mark close already lies beyond the new liquidation price is
                    // liquidated at once, as the exchange would (the bar's path is over).
                    if (_position.Side > 0 ? markClosePrice <= _position.LiquidationPrice : _position.Side < 0 && markClosePrice >= _position.LiquidationPrice)
                    {
                        Liquidate(i, openTime[i], markClosePrice);
                    }
                }
            }

            // Record the state at the close.
            if (_position.Side == 0)
            {
                double equity = _account.Balance;
                equityOut[i] = equity;
                metrics.AddFlat(equity);
                notionalOut[i] = 0;
                leverageOut[i] = 0;
                marginRatioOut[i] = 0;
                liquidationOut[i] = double.NaN;
            }
            else
            {
                double unrealized = _payoff.ProfitAndLoss(_position.Side, _position.Quantity, _position.EntryPrice, markClosePrice);
                double equity = _account.Balance + unrealized;
                double notional = _payoff.Notional(_position.Quantity, markClosePrice);
                double marginBalance = _isolated ? _account.IsolatedWallet + unrealized : equity;
                double leverage = notional / equity;
                equityOut[i] = equity;
                notionalOut[i] = notional;
                leverageOut[i] = leverage;
                metrics.AddHeld(equity, notional, leverage);
                marginRatioOut[i] = _brackets.MaintenanceMargin(notional) / marginBalance;
                liquidationOut[i] = _position.LiquidationPrice;
            }
        }

        return Finish(curve, metrics);
    }

    private RunResult Finish(EquityCurve curve, RunMetricsAccumulator pass)
    {
        var data = _data;
        int last = data.Count - 1;
        double openUnrealized = 0;
        if (_position.Side != 0)
        {
            double mark = _markClose.Span[last];
            openUnrealized = _payoff.ProfitAndLoss(_position.Side, _position.Quantity, _position.EntryPrice, mark);
            AddTrade(data.OpenTimeMs.Span[last], last, mark, ExitReason.End, _position.TradeRealized + openUnrealized, marginLost: 0);
        }

        var totals = new RunMetricsCalculator.Totals(
            _settings.InitialCapital,
            _settings.Leverage,
            data.BarIntervalMs,
            _log.Liquidations.Count,
            _log.FirstLiquidationTimeMs,
            _account.MarginLost,
            _account.ClearanceFees,
            _account.FundingPaid,
            _account.FundingReceived,
            _account.FeesPaid,
            _account.RealizedPnl,
            openUnrealized,
            _account.TradeCount,
            _log.StopCount,
            _log.TakeProfitCount,
            _account.RejectedOrders,
            _account.ReducedOrders,
            _account.MaxOrderLeverage);
        var metrics = RunMetricsCalculator.Compute(totals, pass, data.OpenTimeMs.Span, data.Close.Span, data.SumOfSquaredCloseReturns, curve.Equity);
        var usd = _settings.Contract == ContractKind.Inverse
            ? UsdEquityMetrics.Compute(_settings.InitialCapital, data.Open.Span[0], data.Close.Span, curve.Equity, metrics.Years)
            : null;
        return new RunResult(metrics, curve, _log.Trades, _log.Liquidations, _log.FundingPayments, _log.StopEvents, _account.RejectedOrders, _account.ReducedOrders, _markFallbackBars, usd, _buffers);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double SlippageAt(int bar) => _slippageByBar is null ? _fixedSlippage : _slippageByBar[bar];

    private void AdvanceTable(long timeMs)
    {
        _brackets.Advance(timeMs);
        if (_position.Side != 0)
        {
            UpdateLiquidationPrice();
        }
    }

    private void AddTrade(long exitTimeMs, int exitBar, double exitPrice, ExitReason reason, double realized, double marginLost)
    {
        ref readonly var p = ref _position;
        _log.Trades.Add(new TradeRecord(
            _data.OpenTimeMs.Span[p.EntryBar],
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

    private void Flatten()
    {
        _position.Flatten();
        _pending = PendingAction.None;
    }
}
