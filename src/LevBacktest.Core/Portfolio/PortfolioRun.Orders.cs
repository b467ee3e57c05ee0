using LevBacktest.Core.Simulation;
using LevBacktest.Core.Strategies;

namespace LevBacktest.Core.Portfolio;

/// <content>
/// Fills of the orders decided at the previous close (step 3): every close first, then opens and resizes, each sized
/// from the same account equity at the mark opens. Open, Resize and ClosePosition are the single run's, with the
/// position's share of the target gross leverage in place of the sizing rule's leverage.
/// </content>
internal sealed partial class PortfolioRun<TPayoff>
{
    private void ExecutePending(int clockBar, long timeMs, ReadOnlySpan<bool> closedAtOpen)
    {
        var legs = _legs;
        bool anyEntry = false;
        for (int k = 0; k < legs.Length; k++)
        {
            var leg = legs[k];
            int b = leg.BarAt[clockBar];
            if (b < 0 || leg.Pending == PortfolioOrder.None)
            {
                continue; // without a bar the order waits for the instrument's next bar
            }

            if (closedAtOpen[k])
            {
                leg.Pending = PortfolioOrder.None;
                continue;
            }

            double price = leg.Open[b];
            switch (leg.Pending)
            {
                case PortfolioOrder.TimeStopExit:
                    leg.Pending = PortfolioOrder.None;
                    if (leg.Held)
                    {
                        ClosePosition(leg, b, timeMs, price * (1 - (leg.Position.Side * leg.SlippageAt(b, _fixedSlippage))), _takerFee, ExitReason.TimeStop);
                    }

                    break;
                case PortfolioOrder.SetSide:
                    if (leg.Held && leg.Position.Side != leg.PendingSide)
                    {
                        ClosePosition(leg, b, timeMs, price * (1 - (leg.Position.Side * leg.SlippageAt(b, _fixedSlippage))), _takerFee, ExitReason.Signal);
                        leg.Pending = PortfolioOrder.SetSide; // the close flattened the order too; the entry comes below
                    }

                    anyEntry = true;
                    break;
                default:
                    anyEntry = true;
                    break;
            }
        }

        if (!anyEntry)
        {
            return;
        }

        double equity = EquityAtCurrentMarks();
        for (int k = 0; k < legs.Length; k++)
        {
            var leg = legs[k];
            int b = leg.BarAt[clockBar];
            if (b < 0 || leg.Pending == PortfolioOrder.None)
            {
                continue;
            }

            var action = leg.Pending;
            leg.Pending = PortfolioOrder.None;
            double price = leg.Open[b];
            if (action == PortfolioOrder.SetSide)
            {
                if (leg.PendingSide != 0 && !leg.Held)
                {
                    Open(leg, b, leg.PendingSide, price, leg.CurrentMark, equity);
                }
            }
            else if (action == PortfolioOrder.Resize && leg.Held)
            {
                Resize(leg, b, timeMs, price, leg.CurrentMark, equity);
            }

            // As in a single run, an order the fill itself produced (a stop rule asking to exit at entry) is dropped:
            // the rule is asked again at the close.
            leg.Pending = PortfolioOrder.None;
        }
    }

    /// <summary>Account equity: wallets, then every open position's uPnL at its current mark, in instrument order (the single run's sum).</summary>
    private double EquityAtCurrentMarks()
    {
        double equity = _wallet;
        if (_isolated)
        {
            foreach (var leg in _legs)
            {
                equity += leg.Account.IsolatedWallet;
            }
        }

        foreach (var leg in _legs)
        {
            if (leg.Held)
            {
                equity += leg.Unrealized(leg.CurrentMark);
            }
        }

        return equity;
    }

    /// <summary>The single run's leverage cap: unchanged, reduced (counted) or rejected (counted, 0).</summary>
    private double ApplyLeverageLimit(PortfolioLeg<TPayoff> leg, double notional, double margin)
    {
        double allowed = leg.Brackets.Table.MaxNotionalForMargin(margin);
        if (notional <= allowed)
        {
            return notional;
        }

        if (_settings.OverLeveragePolicy == OverLeveragePolicy.Reject)
        {
            leg.Account.RejectedOrders++;
            return 0;
        }

        leg.Account.ReducedOrders++;
        return allowed;
    }

    /// <summary>
    /// Opens at notional L · weight · equity: margin = weight · equity (isolated: moved from the free balance into the
    /// position's wallet, at most the free balance), notional = L · margin, capped by the tier table.
    /// </summary>
    private void Open(PortfolioLeg<TPayoff> leg, int bar, int side, double price, double markPrice, double equity)
    {
        if (!(equity > 0))
        {
            return;
        }

        double slippage = leg.SlippageAt(bar, _fixedSlippage);
        double expectedFill = price * (1 + (side * slippage));

        // The entry preview a single run shows its stop rule before sizing: asked here too, so a rule that keeps state
        // sees the same calls in a portfolio as alone.
        leg.EvaluateStop(new StopContext(bar, true,
            new PositionView(bar, bar, bar, side, 0, expectedFill, markPrice, equity, 0, _leverage, double.NaN, expectedFill, expectedFill, double.NaN)));
        double share = leg.TargetWeight * equity;
        double margin = _isolated ? Math.Min(share, _wallet) : share;
        if (!(margin > 0))
        {
            return;
        }

        double notional = ApplyLeverageLimit(leg, _leverage * margin, margin);
        if (!(notional > 0))
        {
            return;
        }

        double quantity = leg.Payoff.QuantityForNotional(notional, price);
        double fill = expectedFill;
        double fee = leg.Payoff.Fee(_takerFee, quantity, fill);
        if (_isolated)
        {
            _wallet -= margin;
            leg.Account.IsolatedWallet = margin - fee;
        }
        else
        {
            _wallet -= fee;
        }

        leg.Account.FeesPaid += fee;
        leg.Account.TradeCount++;
        leg.Account.MaxOrderLeverage = Math.Max(leg.Account.MaxOrderLeverage, notional / margin);
        leg.Position.Enter(bar, side, quantity, fill, margin, notional / margin, fee);
        leg.Brackets.ResetBracket(notional);
        UpdateLiquidationPrices(leg);

        var decision = leg.EvaluateStop(new StopContext(bar, true, PositionAt(leg, bar, markPrice) with { HighestHighSinceEntry = fill, LowestLowSinceEntry = fill }));
        leg.Position.StopPrice = decision.StopPrice;
        leg.Position.TakeProfitPrice = double.IsNaN(_takeProfitFraction) ? double.NaN : fill * (1 + (side * _takeProfitFraction));
        if (decision.ExitAtNextOpen)
        {
            leg.Pending = PortfolioOrder.TimeStopExit;
        }
    }

    /// <summary>
    /// Resizes back to the target: cross, notional L · weight · equity (equity at the mark opens); isolated, L × the
    /// position's own margin balance, nothing moving between wallets (DESIGN.md).
    /// </summary>
    private void Resize(PortfolioLeg<TPayoff> leg, int bar, long timeMs, double price, double markPrice, double equity)
    {
        ref var p = ref leg.Position;
        double unrealized = leg.Payoff.ProfitAndLoss(p.Side, p.Quantity, p.EntryPrice, markPrice);
        double backing = _isolated ? leg.Account.IsolatedWallet + unrealized : leg.TargetWeight * equity;
        if (!(backing > 0))
        {
            return;
        }

        double targetNotional = _leverage * backing;
        double limited = ApplyLeverageLimit(leg, targetNotional, backing);
        if (!(limited > 0))
        {
            return;
        }

        double newQuantity = leg.Payoff.QuantityForNotional(limited, price);
        double delta = newQuantity - p.Quantity;
        if (Math.Abs(delta) <= 1e-12 * p.Quantity)
        {
            return;
        }

        double slippage = leg.SlippageAt(bar, _fixedSlippage);
        double pnl = 0;
        double fee;
        if (delta > 0)
        {
            double fill = price * (1 + (p.Side * slippage));
            fee = leg.Payoff.Fee(_takerFee, delta, fill);
            if (fee > BackingWallet(leg))
            {
                leg.Account.RejectedOrders++;
                return;
            }

            p.EntryPrice = leg.Payoff.AverageEntryPrice(p.Quantity, p.EntryPrice, delta, fill, newQuantity);
        }
        else
        {
            double reduce = -delta;
            double fill = price * (1 - (p.Side * slippage));
            fee = leg.Payoff.Fee(_takerFee, reduce, fill);
            pnl = leg.Payoff.ProfitAndLoss(p.Side, reduce, p.EntryPrice, fill);
        }

        double walletAfter = BackingWallet(leg) + pnl - fee;
        double floor = CrossFloor(leg, out bool othersHeld);
        if (othersHeld ? walletAfter < floor : walletAfter < 0)
        {
            pnl -= walletAfter - (othersHeld ? floor : 0);
            walletAfter = othersHeld ? floor : 0;
        }

        SetBackingWallet(leg, walletAfter);
        leg.Account.RealizedPnl += pnl;
        p.TradeRealized += pnl;
        leg.Account.FeesPaid += fee;
        p.TradeFees += fee;
        p.Quantity = newQuantity;
        p.LastRebalanceBar = bar;
        p.TargetLeverage = limited / backing;
        leg.Account.MaxOrderLeverage = Math.Max(leg.Account.MaxOrderLeverage, p.TargetLeverage);
        UpdateLiquidationPrices(leg);
    }

    /// <summary>
    /// The lowest the backing wallet may go on a realised loss: 0 for one position (the insurance fund absorbs the rest);
    /// in a cross account with other open positions, −(their uPnL), so the account's margin balance never goes below 0.
    /// </summary>
    private double CrossFloor(PortfolioLeg<TPayoff> leg, out bool othersHeld)
    {
        othersHeld = false;
        if (_isolated)
        {
            return 0;
        }

        double others = OthersUnrealized(leg, out othersHeld);
        return othersHeld ? -others : 0;
    }

    /// <summary>Closes the whole position at <paramref name="fillPrice"/> paying <paramref name="feeRate"/> on the fill notional.</summary>
    private void ClosePosition(PortfolioLeg<TPayoff> leg, int bar, long timeMs, double fillPrice, double feeRate, ExitReason reason)
    {
        ref var p = ref leg.Position;
        double pnl = leg.Payoff.ProfitAndLoss(p.Side, p.Quantity, p.EntryPrice, fillPrice);
        double fee = leg.Payoff.Fee(feeRate, p.Quantity, fillPrice);
        double backing = BackingWallet(leg) + pnl - fee;
        double floor = CrossFloor(leg, out bool othersHeld);
        if (othersHeld ? backing < floor : backing < 0)
        {
            pnl -= othersHeld ? backing - floor : backing;
            backing = othersHeld ? floor : 0;
        }

        if (_isolated)
        {
            _wallet += backing;
            leg.Account.IsolatedWallet = 0;
        }
        else
        {
            _wallet = backing;
        }

        leg.Account.RealizedPnl += pnl;
        leg.Account.FeesPaid += fee;
        p.TradeFees += fee;
        p.TradeRealized += pnl;
        AddTrade(leg, timeMs, bar, fillPrice, reason, p.TradeRealized, marginLost: 0);
        leg.Flatten();
        if (!_isolated)
        {
            UpdateLiquidationPrices(leg); // the others share the wallet this close moved
        }
    }

    /// <summary>The position as strategies see it at <paramref name="markPrice"/> (cross: Equity is the account's, the others at their current marks).</summary>
    private PositionView PositionAt(PortfolioLeg<TPayoff> leg, int bar, double markPrice)
    {
        ref readonly var p = ref leg.Position;
        double unrealized = leg.Payoff.ProfitAndLoss(p.Side, p.Quantity, p.EntryPrice, markPrice);
        double backing = BackingWallet(leg) + unrealized;
        if (!_isolated)
        {
            double others = OthersUnrealized(leg, out bool any);
            backing = any ? backing + others : backing;
        }

        double notional = leg.Payoff.Notional(p.Quantity, markPrice);
        return new PositionView(
            bar,
            p.EntryBar,
            p.LastRebalanceBar,
            p.Side,
            p.Quantity,
            p.EntryPrice,
            markPrice,
            backing,
            notional / backing,
            p.TargetLeverage,
            LiquidationPriceOf(leg),
            p.HighestHigh,
            p.LowestLow,
            p.StopPrice);
    }
}
