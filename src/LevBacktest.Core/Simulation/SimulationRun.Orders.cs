using LevBacktest.Core.Strategies;

namespace LevBacktest.Core.Simulation;

/// <content>
/// Fills of the strategy's orders (DESIGN.md step 3, or a bar-close fill): open, resize, close, with the
/// bracket's leverage limit, fees and slippage.
/// </content>
internal sealed partial class SimulationRun<TPayoff>
{
    /// <summary>Executes the pending order at <paramref name="price"/> (last price, before slippage).</summary>
    private void ExecutePending(int bar, long timeMs, double price, double markPrice)
    {
        var action = _pending;
        _pending = PendingAction.None;
        switch (action)
        {
            case PendingAction.TimeStopExit:
                if (_position.Side != 0)
                {
                    ClosePosition(bar, timeMs, price * (1 - (_position.Side * SlippageAt(bar))), _takerFee, ExitReason.TimeStop);
                }

                break;
            case PendingAction.Resize:
                if (_position.Side != 0)
                {
                    Resize(bar, timeMs, price, markPrice);
                }

                break;
            case PendingAction.SetSide:
                int target = _pendingSide;
                if (_position.Side != 0 && _position.Side != target)
                {
                    ClosePosition(bar, timeMs, price * (1 - (_position.Side * SlippageAt(bar))), _takerFee, ExitReason.Signal);
                }

                if (target != 0 && _position.Side == 0)
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
        double allowed = _brackets.Table.MaxNotionalForMargin(margin);
        if (notional <= allowed)
        {
            return notional;
        }

        if (_settings.OverLeveragePolicy == OverLeveragePolicy.Reject)
        {
            _account.RejectedOrders++;
            return 0;
        }

        _account.ReducedOrders++;
        return allowed;
    }

    /// <summary>Opens a position on <paramref name="side"/> sized by the sizing rule from the equity at the fill.</summary>
    private void Open(int bar, int side, double price, double markPrice)
    {
        double equity = _account.Balance;
        if (!(equity > 0))
        {
            return;
        }

        double slippage = SlippageAt(bar);
        double expectedFill = price * (1 + (side * slippage));
        var preview = _stopLoss.Evaluate(new StopContext(bar, true,
            new PositionView(bar, bar, bar, side, 0, expectedFill, markPrice, equity, 0, _settings.Leverage, double.NaN, expectedFill, expectedFill, double.NaN)));
        var first = _brackets.Table.BracketArray[0];
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

        double quantity = _payoff.QuantityForNotional(notional, price);
        double fill = expectedFill;
        double fee = _payoff.Fee(_takerFee, quantity, fill);
        if (_isolated)
        {
            _account.Wallet -= margin;
            _account.IsolatedWallet = margin - fee;
        }
        else
        {
            _account.Wallet -= fee;
        }

        _account.FeesPaid += fee;
        _account.TradeCount++;
        _account.MaxOrderLeverage = Math.Max(_account.MaxOrderLeverage, notional / margin);
        _position.Enter(bar, side, quantity, fill, margin, notional / margin, fee);
        _brackets.ResetBracket(notional);
        UpdateLiquidationPrice();

        var decision = _stopLoss.Evaluate(new StopContext(bar, true, PositionAt(bar, markPrice) with { HighestHighSinceEntry = fill, LowestLowSinceEntry = fill }));
        _position.StopPrice = decision.StopPrice;
        _position.TakeProfitPrice = double.IsNaN(_takeProfitFraction) ? double.NaN : fill * (1 + (side * _takeProfitFraction));
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
        ref var p = ref _position;
        double unrealized = _payoff.ProfitAndLoss(p.Side, p.Quantity, p.EntryPrice, markPrice);
        double backing = _account.BackingWallet + unrealized;
        if (!(backing > 0))
        {
            return;
        }

        var first = _brackets.Table.BracketArray[0];
        var context = new SizingContext(bar, p.Side, backing, price, _settings.Leverage, p.StopPrice, first.MaintenanceMarginRate, first.MaxLeverage, _takerFee);
        double leverage = CheckedTargetLeverage(context);
        if (leverage <= 0)
        {
            ClosePosition(bar, timeMs, price * (1 - (p.Side * SlippageAt(bar))), _takerFee, ExitReason.Signal);
            return;
        }

        double targetNotional = leverage * backing;
        double limited = ApplyLeverageLimit(targetNotional, backing);
        if (!(limited > 0))
        {
            return; // rejected: the position stays as it is
        }

        double newQuantity = _payoff.QuantityForNotional(limited, price);
        double delta = newQuantity - p.Quantity;
        if (Math.Abs(delta) <= 1e-12 * p.Quantity)
        {
            return;
        }

        double slippage = SlippageAt(bar);
        double pnl = 0;
        double fee;
        if (delta > 0)
        {
            double fill = price * (1 + (p.Side * slippage));
            fee = _payoff.Fee(_takerFee, delta, fill);
            if (fee > _account.BackingWallet)
            {
                // The backing wallet cannot pay the fee (its margin is unrealised profit): the exchange refuses.
                _account.RejectedOrders++;
                return;
            }

            p.EntryPrice = _payoff.AverageEntryPrice(p.Quantity, p.EntryPrice, delta, fill, newQuantity);
        }
        else
        {
            double reduce = -delta;
            double fill = price * (1 - (p.Side * slippage));
            fee = _payoff.Fee(_takerFee, reduce, fill);
            pnl = _payoff.ProfitAndLoss(p.Side, reduce, p.EntryPrice, fill);
        }

        // Realised at the last price while the wallet is judged at the mark: a reduction can book a loss the
        // backing wallet cannot cover when the two prices part. As on a close, the excess is absorbed.
        double walletAfter = _account.BackingWallet + pnl - fee;
        if (walletAfter < 0)
        {
            pnl -= walletAfter;
            walletAfter = 0;
        }

        _account.BackingWallet = walletAfter;
        _account.RealizedPnl += pnl;
        p.TradeRealized += pnl;
        _account.FeesPaid += fee;
        p.TradeFees += fee;
        p.Quantity = newQuantity;
        p.LastRebalanceBar = bar;
        p.TargetLeverage = limited / backing;
        _account.MaxOrderLeverage = Math.Max(_account.MaxOrderLeverage, p.TargetLeverage);
        UpdateLiquidationPrice();
    }

    /// <summary>Closes the whole position at <paramref name="fillPrice"/> paying <paramref name="feeRate"/> on the fill notional.</summary>
    private void ClosePosition(int bar, long timeMs, double fillPrice, double feeRate, ExitReason reason)
    {
        ref var p = ref _position;
        double pnl = _payoff.ProfitAndLoss(p.Side, p.Quantity, p.EntryPrice, fillPrice);
        double fee = _payoff.Fee(feeRate, p.Quantity, fillPrice);
        double backing = _account.BackingWallet + pnl - fee;
        if (backing < 0)
        {
            // The insurance fund absorbs a loss beyond the backing wallet.
            pnl -= backing;
            backing = 0;
        }

        if (_isolated)
        {
            _account.Wallet += backing;
            _account.IsolatedWallet = 0;
        }
        else
        {
            _account.Wallet = backing;
        }

        _account.RealizedPnl += pnl;
        _account.FeesPaid += fee;
        p.TradeFees += fee;
        p.TradeRealized += pnl;
        AddTrade(timeMs, bar, fillPrice, reason, p.TradeRealized, marginLost: 0);
        Flatten();
    }
}
