using System.Runtime.CompilerServices;

using LevBacktest.Core.Data;
using LevBacktest.Core.Margin;
using LevBacktest.Core.Metrics;
using LevBacktest.Core.Strategies;

namespace LevBacktest.Core.Simulation;

/// <summary>
/// The state of one run and its bar loop (see <see cref="Backtester"/> for the order of events).
/// One instance per run; not thread-safe.
/// </summary>
/// <remarks>
/// Money flow (DESIGN.md "Sizing and money flow"): <c>_wallet</c> is the free balance in isolated mode
/// and the cross wallet in cross mode; <c>_isolatedWallet</c> holds the isolated position's margin, into
/// which that position's fees, funding and realised PnL go. Equity = wallet + isolated wallet + uPnL at
/// the mark price. A loss beyond the backing wallet (possible only when the last price fills far beyond
/// the mark-price bankruptcy price) is capped at that wallet: the insurance fund takes the rest, so the
/// realised PnL booked is the capped figure and equity never goes below zero.
/// </remarks>
[SkipLocalsInit] // the per-bar strategy views are fully written before use; zeroing them is wasted work
internal sealed class SimulationRun
{
    private enum PendingAction : byte
    {
        None,
        SetSide,
        Resize,
        TimeStopExit,
    }

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
    private readonly LeverageBracketSchedule _schedule;

    private readonly List<TradeRecord> _trades = new(16);
    private readonly List<LiquidationRecord> _liquidations = new(4);
    private readonly List<FundingPaymentRecord> _fundingPayments;
    private readonly List<StopEventRecord> _stopEvents = new(16);

    private int _tableIndex;
    private LeverageBracketTable _table;
    private long _nextTableMs;
    private int _bracketIndex;

    // Account.
    private double _wallet;
    private double _isolatedWallet;

    // Position (side 0 = flat).
    private int _side;
    private double _quantity;
    private double _entryPrice;
    private double _liquidationPrice = double.NaN;
    private double _stopPrice = double.NaN;
    private double _takeProfitPrice = double.NaN;
    private int _entryBar;
    private int _lastRebalanceBar;
    private double _targetLeverage;
    private double _highestHigh;
    private double _lowestLow;

    // The trade in progress.
    private double _tradeEntryPrice;
    private double _tradeEntryQuantity;
    private double _tradeInitialMargin;
    private double _tradeFees;
    private double _tradeFunding;
    private double _tradeRealized;

    private PendingAction _pending;
    private int _pendingSide;
    private bool _ended;

    // Totals.
    private double _realizedPnl;
    private double _feesPaid;
    private double _fundingPaid;
    private double _fundingReceived;
    private double _marginLost;
    private double _clearanceFees;
    private double _firstLiquidationTimeMs = double.NaN;
    private int _tradeCount;
    private int _stopCount;
    private int _takeProfitCount;
    private int _rejectedOrders;
    private int _reducedOrders;

    internal SimulationRun(MarketData data, SimulationSettings settings, ISignal signal, ISizing sizing, IStopLoss stopLoss)
    {
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
        _schedule = settings.Brackets;
        _wallet = settings.InitialCapital;

        var mark = data.ResolvedMark;
        (_markOpen, _markHigh, _markLow, _markClose, _markFallbackBars) = (mark.Open, mark.High, mark.Low, mark.Close, mark.FallbackBars);

        _tableIndex = _schedule.IndexAt(data.OpenTimeMs.Span[0]);
        _table = _schedule.Tables[_tableIndex];
        _nextTableMs = _tableIndex + 1 < _schedule.Tables.Count ? _schedule.Tables[_tableIndex + 1].EffectiveFromMs : long.MaxValue;
        _fundingPayments = new List<FundingPaymentRecord>(Math.Max(4, data.Funding.Count));
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
        var fundingBar = data.Funding.SettlementBarIndices(openTime, _settings.FundingTimeToleranceMs);
        int fundingCursor = 0;
        int fundingCount = fundingBar.Length;
        int nextFundingBar = fundingCount > 0 ? fundingBar[0] : int.MaxValue;

        var curve = new EquityCurve(data.OpenTimeMs, n);
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
        int nextTableBar = NextTableBar(openTime, 0);
        for (int i = 0; i < n; i++)
        {
            if (i == nextTableBar)
            {
                AdvanceTable(openTime[i]);
                nextTableBar = NextTableBar(openTime, i + 1);
            }

            double markOpenPrice = markOpen[i];

            // 1. Funding settling at this bar, on the position carried in.
            if (i >= nextFundingBar)
            {
                while (fundingCursor < fundingCount && fundingBar[fundingCursor] <= i)
                {
                    if (_side != 0)
                    {
                        SettleFunding(fundingCursor, i, markOpenPrice);
                    }

                    fundingCursor++;
                }

                nextFundingBar = fundingCursor < fundingCount ? fundingBar[fundingCursor] : int.MaxValue;
            }

            // 2. Open check of the carried position.
            bool closedAtOpen = false;
            if (_side != 0)
            {
                double openPrice = open[i];
                double trigger = _stopOnMark ? markOpenPrice : openPrice;
                if (_side > 0 ? markOpenPrice <= _liquidationPrice : markOpenPrice >= _liquidationPrice)
                {
                    Liquidate(i, openTime[i], markOpenPrice);
                    closedAtOpen = true;
                }
                else if (_side > 0 ? trigger <= _stopPrice : trigger >= _stopPrice)
                {
                    double fill = openPrice * (1 - (_side * SlippageAt(i)));
                    RecordStop(i, openTime[i], StopEventKind.Stop, _stopPrice, fill, gap: true);
                    ClosePosition(i, openTime[i], fill, _takerFee, ExitReason.Stop);
                    closedAtOpen = true;
                }
                else if (_side > 0 ? trigger >= _takeProfitPrice : trigger <= _takeProfitPrice)
                {
                    double fill = _takeProfitPrice;
                    RecordStop(i, openTime[i], StopEventKind.TakeProfit, fill, fill, gap: true);
                    ClosePosition(i, openTime[i], fill, _makerFee, ExitReason.TakeProfit);
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
            int side = _side;
            if (side != 0)
            {
                double barHigh = high[i], barLow = low[i], barMarkHigh = markHigh[i], barMarkLow = markLow[i];
                bool touched = side > 0
                    ? barMarkLow <= _liquidationPrice || (_stopOnMark ? barMarkLow : barLow) <= _stopPrice || (_stopOnMark ? barMarkHigh : barHigh) >= _takeProfitPrice
                    : barMarkHigh >= _liquidationPrice || (_stopOnMark ? barMarkHigh : barHigh) >= _stopPrice || (_stopOnMark ? barMarkLow : barLow) <= _takeProfitPrice;
                if (touched)
                {
                    AdversePath(i, openTime[i], open[i], barHigh, barLow, barMarkHigh, barMarkLow);
                }

                // 5. Close: extremes of completed bars for trailing stops.
                if (_side != 0)
                {
                    if (barHigh > _highestHigh)
                    {
                        _highestHigh = barHigh;
                    }

                    if (barLow < _lowestLow)
                    {
                        _lowestLow = barLow;
                    }
                }
            }

            double markClosePrice = markClose[i];

            if (!_ended)
            {
                Decide(i, markClosePrice);
                if (_fillAtClose && _pending != PendingAction.None)
                {
                    ExecutePending(i, openTime[i], close[i], markClosePrice);
                    _pending = PendingAction.None;

                    // A fill at the close whose mark close already lies beyond the new liquidation price is
                    // liquidated at once, as the exchange would (the bar's path is over).
                    if (_side > 0 ? markClosePrice <= _liquidationPrice : _side < 0 && markClosePrice >= _liquidationPrice)
                    {
                        Liquidate(i, openTime[i], markClosePrice);
                    }
                }
            }

            // Record the state at the close.
            if (_side == 0)
            {
                double equity = _wallet + _isolatedWallet;
                equityOut[i] = equity;
                metrics.AddFlat(equity);
                notionalOut[i] = 0;
                leverageOut[i] = 0;
                marginRatioOut[i] = 0;
                liquidationOut[i] = double.NaN;
            }
            else
            {
                double unrealized = _side * _quantity * (markClosePrice - _entryPrice);
                double equity = _wallet + _isolatedWallet + unrealized;
                double notional = _quantity * markClosePrice;
                double marginBalance = _isolated ? _isolatedWallet + unrealized : equity;
                double leverage = notional / equity;
                equityOut[i] = equity;
                notionalOut[i] = notional;
                leverageOut[i] = leverage;
                metrics.AddHeld(equity, notional, leverage);
                marginRatioOut[i] = MaintenanceMargin(notional) / marginBalance;
                liquidationOut[i] = _liquidationPrice;
            }
        }

        return Finish(curve, metrics);
    }

    /// <summary>First bar at or after <paramref name="from"/> whose open time reaches the next table's effective date (int.MaxValue if none).</summary>
    private int NextTableBar(ReadOnlySpan<long> openTime, int from)
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

    private RunResult Finish(EquityCurve curve, RunMetricsAccumulator pass)
    {
        var data = _data;
        int last = data.Count - 1;
        double openUnrealized = 0;
        if (_side != 0)
        {
            double mark = _markClose.Span[last];
            openUnrealized = _side * _quantity * (mark - _entryPrice);
            AddTrade(data.OpenTimeMs.Span[last], last, mark, ExitReason.End, _tradeRealized + openUnrealized, marginLost: 0);
        }

        var totals = new RunMetricsCalculator.Totals(
            _settings.InitialCapital,
            _settings.Leverage,
            data.BarIntervalMs,
            _liquidations.Count,
            _firstLiquidationTimeMs,
            _marginLost,
            _clearanceFees,
            _fundingPaid,
            _fundingReceived,
            _feesPaid,
            _realizedPnl,
            openUnrealized,
            _tradeCount,
            _stopCount,
            _takeProfitCount,
            _rejectedOrders,
            _reducedOrders);
        var metrics = RunMetricsCalculator.Compute(totals, pass, data.OpenTimeMs.Span, data.Close.Span, data.SumOfSquaredCloseReturns, curve.Equity);
        return new RunResult(metrics, curve, _trades, _liquidations, _fundingPayments, _stopEvents, _rejectedOrders, _reducedOrders, _markFallbackBars);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double SlippageAt(int bar) => _slippageByBar is null ? _fixedSlippage : _slippageByBar[bar];

    private void AdvanceTable(long timeMs)
    {
        var tables = _schedule.Tables;
        while (_tableIndex + 1 < tables.Count && tables[_tableIndex + 1].EffectiveFromMs <= timeMs)
        {
            _tableIndex++;
        }

        _table = tables[_tableIndex];
        _nextTableMs = _tableIndex + 1 < tables.Count ? tables[_tableIndex + 1].EffectiveFromMs : long.MaxValue;
        _bracketIndex = 0;
        if (_side != 0)
        {
            UpdateLiquidationPrice();
        }
    }

    /// <summary>Maintenance margin of <paramref name="notional"/> with the current table, caching the bracket (positions rarely change bracket).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double MaintenanceMargin(double notional)
    {
        var brackets = _table.Span;
        int k = _bracketIndex;
        if ((uint)k >= (uint)brackets.Length || !(notional >= brackets[k].FloorNotional && (notional < brackets[k].CapNotional || k == brackets.Length - 1)))
        {
            k = _table.IndexOf(notional);
            _bracketIndex = k;
        }

        return brackets[k].MaintenanceMargin(notional);
    }

    private void UpdateLiquidationPrice()
    {
        double walletBalance = _isolated ? _isolatedWallet : _wallet;
        _liquidationPrice = LiquidationPrice.ComputeUnchecked(_side, _quantity, _entryPrice, walletBalance, _table.Span, 0, 0);
    }

    private void SettleFunding(int eventIndex, int bar, double markOpenPrice)
    {
        var funding = _data.Funding;
        double rate = funding.Rate.Span[eventIndex];
        double price = markOpenPrice;
        if (funding.HasMarkPrice)
        {
            double eventMark = funding.MarkPrice.Span[eventIndex];
            if (double.IsFinite(eventMark) && eventMark > 0)
            {
                price = eventMark;
            }
        }

        double payment = _side * _quantity * price * rate;
        if (_isolated)
        {
            _isolatedWallet -= payment;
        }
        else
        {
            _wallet -= payment;
        }

        if (payment > 0)
        {
            _fundingPaid += payment;
        }
        else
        {
            _fundingReceived -= payment;
        }

        _tradeFunding += payment;
        _fundingPayments.Add(new FundingPaymentRecord(funding.TimeMs.Span[eventIndex], bar, rate, price, _side, _quantity, payment));
        UpdateLiquidationPrice();
    }

    /// <summary>Step 4: stop vs liquidation on the adverse side of the bar (the level met first from the open wins; tie to the stop), then take-profit.</summary>
    private void AdversePath(int bar, long timeMs, double open, double high, double low, double markHigh, double markLow)
    {
        bool stopHit, liquidationHit, stopFirst;
        if (_side > 0)
        {
            double triggerLow = _stopOnMark ? markLow : low;
            stopHit = triggerLow <= _stopPrice;
            liquidationHit = markLow <= _liquidationPrice;
            stopFirst = _stopPrice >= _liquidationPrice;
        }
        else
        {
            double triggerHigh = _stopOnMark ? markHigh : high;
            stopHit = triggerHigh >= _stopPrice;
            liquidationHit = markHigh >= _liquidationPrice;
            stopFirst = _stopPrice <= _liquidationPrice;
        }

        if (stopHit && (stopFirst || !liquidationHit))
        {
            // A stop-market order fills at its level (never better than the bar's open) less slippage.
            double level = _side > 0 ? Math.Min(_stopPrice, open) : Math.Max(_stopPrice, open);
            double fill = level * (1 - (_side * SlippageAt(bar)));
            RecordStop(bar, timeMs, StopEventKind.Stop, _stopPrice, fill, gap: false);
            ClosePosition(bar, timeMs, fill, _takerFee, ExitReason.Stop);
            return;
        }

        if (liquidationHit)
        {
            Liquidate(bar, timeMs, _liquidationPrice);
            return;
        }

        double favourable = _side > 0 ? (_stopOnMark ? markHigh : high) : (_stopOnMark ? markLow : low);
        if (_side > 0 ? favourable >= _takeProfitPrice : favourable <= _takeProfitPrice)
        {
            double fill = _takeProfitPrice;
            RecordStop(bar, timeMs, StopEventKind.TakeProfit, fill, fill, gap: false);
            ClosePosition(bar, timeMs, fill, _makerFee, ExitReason.TakeProfit);
        }
    }

    private void RecordStop(int bar, long timeMs, StopEventKind kind, double level, double fill, bool gap)
    {
        _stopEvents.Add(new StopEventRecord(timeMs, bar, kind, level, fill, gap));
        if (kind == StopEventKind.Stop)
        {
            _stopCount++;
        }
        else
        {
            _takeProfitCount++;
        }
    }

    /// <summary>
    /// Liquidation: the position is taken over at the bankruptcy price and its backing wallet is lost
    /// (isolated wallet, or the cross wallet); nothing is added to realised PnL.
    /// </summary>
    private void Liquidate(int bar, long timeMs, double triggerMarkPrice)
    {
        double backing = _isolated ? _isolatedWallet : _wallet;
        double bankruptcyPrice = _entryPrice - (_side * backing / _quantity);
        double lost = backing;
        if (backing < 0)
        {
            // A wallet driven below zero by funding while the position's uPnL was positive: at the bankruptcy
            // price that uPnL (−backing) exactly refills the wallet, so it is realised and nothing is lost.
            _realizedPnl -= backing;
            _tradeRealized -= backing;
            lost = 0;
        }

        double clearance = Math.Min(_settings.ClearanceFeeRate * _quantity * triggerMarkPrice, Math.Max(lost, 0));
        if (_isolated)
        {
            _isolatedWallet = 0;
        }
        else
        {
            _wallet = 0;
        }

        _marginLost += lost;
        _clearanceFees += clearance;
        if (_liquidations.Count == 0)
        {
            _firstLiquidationTimeMs = timeMs;
        }

        _liquidations.Add(new LiquidationRecord(timeMs, bar, triggerMarkPrice, _liquidationPrice, bankruptcyPrice, _side, _quantity, lost, clearance));
        AddTrade(timeMs, bar, bankruptcyPrice, ExitReason.Liquidation, _tradeRealized, lost);
        Flatten();
        if (_settings.AfterLiquidationPolicy == AfterLiquidationPolicy.EndRun)
        {
            _ended = true;
        }
    }

    /// <summary>Closes the whole position at <paramref name="fillPrice"/> paying <paramref name="feeRate"/> on the fill notional.</summary>
    private void ClosePosition(int bar, long timeMs, double fillPrice, double feeRate, ExitReason reason)
    {
        double pnl = _side * _quantity * (fillPrice - _entryPrice);
        double fee = feeRate * _quantity * fillPrice;
        double backing = (_isolated ? _isolatedWallet : _wallet) + pnl - fee;
        if (backing < 0)
        {
            // The insurance fund absorbs a loss beyond the backing wallet.
            pnl -= backing;
            backing = 0;
        }

        if (_isolated)
        {
            _wallet += backing;
            _isolatedWallet = 0;
        }
        else
        {
            _wallet = backing;
        }

        _realizedPnl += pnl;
        _feesPaid += fee;
        _tradeFees += fee;
        _tradeRealized += pnl;
        AddTrade(timeMs, bar, fillPrice, reason, _tradeRealized, marginLost: 0);
        Flatten();
    }

    private void AddTrade(long exitTimeMs, int exitBar, double exitPrice, ExitReason reason, double realized, double marginLost)
    {
        var openTime = _data.OpenTimeMs.Span;
        _trades.Add(new TradeRecord(
            openTime[_entryBar],
            _entryBar,
            _tradeEntryPrice,
            exitTimeMs,
            exitBar,
            exitPrice,
            _side,
            _tradeEntryQuantity,
            _tradeInitialMargin,
            _quantity,
            _tradeFees,
            _tradeFunding,
            realized,
            marginLost,
            realized - _tradeFees - _tradeFunding - marginLost,
            reason));
    }

    private void Flatten()
    {
        _side = 0;
        _quantity = 0;
        _entryPrice = 0;
        _liquidationPrice = double.NaN;
        _stopPrice = double.NaN;
        _takeProfitPrice = double.NaN;
        _pending = PendingAction.None;
    }

    /// <summary>Step 5: stop update and the strategy's decision at the close of <paramref name="bar"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Decide(int bar, double markClose)
    {
        int desired = _signal.DesiredSide(bar);
        if (desired is < -1 or > 1)
        {
            throw new InvalidOperationException($"Signal {_signal.GetType().Name} returned side {desired} at bar {bar}; expected −1, 0 or +1.");
        }

        if (_side == 0)
        {
            if (desired != 0)
            {
                _pending = PendingAction.SetSide;
                _pendingSide = desired;
            }

            return;
        }

        if (!_stopMovesAfterEntry)
        {
            // The stop was set at the entry fill and stays; the view is built only for a rule that rebalances.
            if (desired != _side)
            {
                _pending = PendingAction.SetSide;
                _pendingSide = desired;
            }
            else if (_sizingRebalances && _sizing.ShouldRebalance(PositionAt(bar, markClose)))
            {
                _pending = PendingAction.Resize;
            }

            return;
        }

        // The view is built straight into the stop rule's context: building it as a local first made the JIT
        // copy its 112 bytes twice more per bar, with wide loads of just-written narrow stores (store-forwarding
        // stalls, about a third of the bar's time). The sizing rule then gets one copy carrying the stop just set;
        // a conditional "same view or a copy" costs more than always copying.
        var context = new StopContext(bar, false, PositionAt(bar, markClose));
        var decision = _stopLoss.Evaluate(in context);
        _stopPrice = decision.StopPrice;
        if (decision.ExitAtNextOpen)
        {
            _pending = PendingAction.TimeStopExit;
            return;
        }

        if (desired != _side)
        {
            _pending = PendingAction.SetSide;
            _pendingSide = desired;
        }
        else if (_sizingRebalances && _sizing.ShouldRebalance(context.Position with { StopPrice = SizingViewStopPrice(context.Position.StopPrice, decision.StopPrice) }))
        {
            _pending = PendingAction.Resize;
        }
    }

    /// <summary>
    /// The stop price the sizing rule sees at a close: the rule's new stop, except that a stop equal by
    /// <see cref="double.Equals(double)"/> to the previous one (NaN = NaN, −0 = +0) keeps the previous value's bits,
    /// as the view always has.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double SizingViewStopPrice(double previousStopPrice, double newStopPrice) =>
        newStopPrice.Equals(previousStopPrice) ? previousStopPrice : newStopPrice;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private PositionView PositionAt(int bar, double markPrice)
    {
        double unrealized = _side * _quantity * (markPrice - _entryPrice);
        double backing = _isolated ? _isolatedWallet + unrealized : _wallet + unrealized;
        double notional = _quantity * markPrice;
        return new PositionView(
            bar,
            _entryBar,
            _lastRebalanceBar,
            _side,
            _quantity,
            _entryPrice,
            markPrice,
            backing,
            notional / backing,
            _targetLeverage,
            _liquidationPrice,
            _highestHigh,
            _lowestLow,
            _stopPrice);
    }

    /// <summary>Step 3 (or a bar-close fill): executes the pending order at <paramref name="price"/> (last price, before slippage).</summary>
    private void ExecutePending(int bar, long timeMs, double price, double markPrice)
    {
        var action = _pending;
        _pending = PendingAction.None;
        switch (action)
        {
            case PendingAction.TimeStopExit:
                if (_side != 0)
                {
                    ClosePosition(bar, timeMs, price * (1 - (_side * SlippageAt(bar))), _takerFee, ExitReason.TimeStop);
                }

                break;
            case PendingAction.Resize:
                if (_side != 0)
                {
                    Resize(bar, timeMs, price, markPrice);
                }

                break;
            case PendingAction.SetSide:
                int target = _pendingSide;
                if (_side != 0 && _side != target)
                {
                    ClosePosition(bar, timeMs, price * (1 - (_side * SlippageAt(bar))), _takerFee, ExitReason.Signal);
                }

                if (target != 0 && _side == 0)
                {
                    Open(bar, target, price, markPrice);
                }

                break;
        }
    }

    private double CheckedTargetLeverage(in SizingContext context)
    {
        double leverage = _sizing.TargetLeverage(context);
        if (!double.IsFinite(leverage) || leverage < 0)
        {
            throw new InvalidOperationException($"Sizing {_sizing.GetType().Name} returned target leverage {leverage} at bar {context.BarIndex}; expected a finite number ≥ 0.");
        }

        return leverage;
    }

    /// <summary>
    /// Applies the bracket table's max leverage to an order whose resulting position has
    /// <paramref name="notional"/> backed by <paramref name="margin"/>: unchanged, reduced (counted) or
    /// rejected (counted, returns 0).
    /// </summary>
    private double ApplyLeverageLimit(double notional, double margin)
    {
        double allowed = _table.MaxNotionalForMargin(margin);
        if (notional <= allowed)
        {
            return notional;
        }

        if (_settings.OverLeveragePolicy == OverLeveragePolicy.Reject)
        {
            _rejectedOrders++;
            return 0;
        }

        _reducedOrders++;
        return allowed;
    }

    private void Open(int bar, int side, double price, double markPrice)
    {
        double equity = _wallet + _isolatedWallet;
        if (!(equity > 0))
        {
            return;
        }

        double slippage = SlippageAt(bar);
        double expectedFill = price * (1 + (side * slippage));
        var preview = _stopLoss.Evaluate(new StopContext(bar, true,
            new PositionView(bar, bar, bar, side, 0, expectedFill, markPrice, equity, 0, _settings.Leverage, double.NaN, expectedFill, expectedFill, double.NaN)));
        var first = _table.Span[0];
        var context = new SizingContext(bar, side, equity, price, _settings.Leverage, preview.StopPrice, first.MaintenanceMarginRate, first.MaxLeverage, _takerFee);
        double leverage = CheckedTargetLeverage(context);
        if (leverage <= 0)
        {
            return;
        }

        double margin = _isolated ? _settings.IsolatedAllocation * equity : equity;
        double notional = ApplyLeverageLimit(leverage * margin, margin);
        if (!(notional > 0))
        {
            return;
        }

        double quantity = notional / price;
        double fill = expectedFill;
        double fee = _takerFee * quantity * fill;
        if (_isolated)
        {
            _wallet -= margin;
            _isolatedWallet = margin - fee;
        }
        else
        {
            _wallet -= fee;
        }

        _feesPaid += fee;
        _side = side;
        _quantity = quantity;
        _entryPrice = fill;
        _entryBar = bar;
        _lastRebalanceBar = bar;
        _targetLeverage = notional / margin;
        _highestHigh = fill;
        _lowestLow = fill;
        _bracketIndex = _table.IndexOf(notional);
        _tradeEntryPrice = fill;
        _tradeEntryQuantity = quantity;
        _tradeInitialMargin = margin;
        _tradeFees = fee;
        _tradeFunding = 0;
        _tradeRealized = 0;
        _tradeCount++;
        UpdateLiquidationPrice();

        var decision = _stopLoss.Evaluate(new StopContext(bar, true, PositionAt(bar, markPrice) with { HighestHighSinceEntry = fill, LowestLowSinceEntry = fill }));
        _stopPrice = decision.StopPrice;
        _takeProfitPrice = double.IsNaN(_takeProfitFraction) ? double.NaN : fill * (1 + (side * _takeProfitFraction));
        if (decision.ExitAtNextOpen)
        {
            _pending = PendingAction.TimeStopExit;
        }
    }

    /// <summary>
    /// Resizes the position back to the sizing rule's target leverage of its backing margin balance
    /// (isolated: isolated wallet + uPnL, nothing moves from the free balance; cross: equity).
    /// </summary>
    private void Resize(int bar, long timeMs, double price, double markPrice)
    {
        double unrealized = _side * _quantity * (markPrice - _entryPrice);
        double backing = (_isolated ? _isolatedWallet : _wallet) + unrealized;
        if (!(backing > 0))
        {
            return;
        }

        var context = new SizingContext(bar, _side, backing, price, _settings.Leverage, _stopPrice, _table.Span[0].MaintenanceMarginRate, _table.Span[0].MaxLeverage, _takerFee);
        double leverage = CheckedTargetLeverage(context);
        if (leverage <= 0)
        {
            ClosePosition(bar, timeMs, price * (1 - (_side * SlippageAt(bar))), _takerFee, ExitReason.Signal);
            return;
        }

        double targetNotional = leverage * backing;
        double limited = ApplyLeverageLimit(targetNotional, backing);
        if (!(limited > 0))
        {
            return; // rejected: the position stays as it is
        }

        double newQuantity = limited / price;
        double delta = newQuantity - _quantity;
        if (Math.Abs(delta) <= 1e-12 * _quantity)
        {
            return;
        }

        double slippage = SlippageAt(bar);
        double pnl = 0;
        double fee;
        if (delta > 0)
        {
            double fill = price * (1 + (_side * slippage));
            fee = _takerFee * delta * fill;
            if (fee > (_isolated ? _isolatedWallet : _wallet))
            {
                // The backing wallet cannot pay the fee (its margin is unrealised profit): the exchange refuses.
                _rejectedOrders++;
                return;
            }

            _entryPrice = ((_quantity * _entryPrice) + (delta * fill)) / newQuantity;
        }
        else
        {
            double reduce = -delta;
            double fill = price * (1 - (_side * slippage));
            fee = _takerFee * reduce * fill;
            pnl = _side * reduce * (fill - _entryPrice);
        }

        // Realised at the last price while the wallet is judged at the mark: a reduction can book a loss the
        // backing wallet cannot cover when the two prices part. As on a close, the excess is absorbed.
        double walletAfter = (_isolated ? _isolatedWallet : _wallet) + pnl - fee;
        if (walletAfter < 0)
        {
            pnl -= walletAfter;
            walletAfter = 0;
        }

        if (_isolated)
        {
            _isolatedWallet = walletAfter;
        }
        else
        {
            _wallet = walletAfter;
        }

        _realizedPnl += pnl;
        _tradeRealized += pnl;
        _feesPaid += fee;
        _tradeFees += fee;
        _quantity = newQuantity;
        _lastRebalanceBar = bar;
        _targetLeverage = limited / backing;
        UpdateLiquidationPrice();
    }
}
