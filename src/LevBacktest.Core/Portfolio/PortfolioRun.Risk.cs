using LevBacktest.Core.Simulation;

namespace LevBacktest.Core.Portfolio;

/// <content>
/// Funding, the open check, the adverse path, liquidation prices with the other positions' TMM and UPNL, and
/// liquidation of a position (isolated) or of the account (cross): the single run's steps 1, 2 and 4 per instrument.
/// </content>
internal sealed partial class PortfolioRun<TPayoff>
{
    /// <summary>Step 1 for one instrument: events settling at clock bar <paramref name="clockBar"/>; one that falls where the instrument has no bar settles nothing.</summary>
    private void SettleFundingAt(PortfolioLeg<TPayoff> leg, int clockBar)
    {
        int[] bars = leg.FundingClockBar;
        while (leg.FundingCursor < bars.Length && bars[leg.FundingCursor] <= clockBar)
        {
            int e = leg.FundingCursor++;
            int own = leg.BarAt[bars[e]];
            if (own < 0)
            {
                leg.FundingSkipped++;
                continue;
            }

            if (leg.Held)
            {
                SettleFunding(leg, e, own, leg.MarkOpen[own]);
            }
        }
    }

    private void SettleFunding(PortfolioLeg<TPayoff> leg, int eventIndex, int bar, double markOpenPrice)
    {
        var funding = leg.Data.Funding;
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

        ref var p = ref leg.Position;
        double payment = leg.Payoff.FundingPayment(p.Side, p.Quantity, price, rate);
        SetBackingWallet(leg, BackingWallet(leg) - payment);
        if (payment > 0)
        {
            leg.Account.FundingPaid += payment;
        }
        else
        {
            leg.Account.FundingReceived -= payment;
        }

        p.TradeFunding += payment;
        leg.Log.FundingPayments.Add(new FundingPaymentRecord(funding.TimeMs.Span[eventIndex], bar, rate, price, p.Side, p.Quantity, payment));
        UpdateLiquidationPrices(leg);
    }

    /// <summary>Step 2: each held position with a bar, in instrument order, against its liquidation price (cross: the others at their mark opens), then its stop and take-profit.</summary>
    private void OpenCheck(int clockBar, long timeMs, Span<bool> closedAtOpen)
    {
        var legs = _legs;
        for (int k = 0; k < legs.Length; k++)
        {
            var leg = legs[k];
            int b = leg.BarAt[clockBar];
            if (b < 0 || !leg.Held)
            {
                continue;
            }

            ref var p = ref leg.Position;
            double markOpenPrice = leg.CurrentMark;
            double openPrice = leg.Open[b];
            double trigger = _stopOnMark ? markOpenPrice : openPrice;
            double liquidationPrice = LiquidationPriceOf(leg);
            if (p.Side > 0 ? markOpenPrice <= liquidationPrice : markOpenPrice >= liquidationPrice)
            {
                if (_isolated)
                {
                    closedAtOpen[k] = true;
                }
                else
                {
                    MarkClosed(closedAtOpen);
                }

                Liquidate(clockBar, timeMs, k, markOpenPrice, liquidationPrice);
            }
            else if (p.Side > 0 ? trigger <= p.StopPrice : trigger >= p.StopPrice)
            {
                closedAtOpen[k] = true;
                double fill = openPrice * (1 - (p.Side * leg.SlippageAt(b, _fixedSlippage)));
                leg.Log.AddStop(b, timeMs, StopEventKind.Stop, p.StopPrice, fill, gap: true);
                ClosePosition(leg, b, timeMs, fill, _takerFee, ExitReason.Stop);
            }
            else if (p.Side > 0 ? trigger >= p.TakeProfitPrice : trigger <= p.TakeProfitPrice)
            {
                closedAtOpen[k] = true;
                double fill = p.TakeProfitPrice;
                leg.Log.AddStop(b, timeMs, StopEventKind.TakeProfit, fill, fill, gap: true);
                ClosePosition(leg, b, timeMs, fill, _makerFee, ExitReason.TakeProfit);
            }
        }
    }

    /// <summary>Marks every position a liquidation is about to take (cross: all of them) as closed at the open.</summary>
    private void MarkClosed(Span<bool> closedAtOpen)
    {
        for (int k = 0; k < _legs.Length; k++)
        {
            closedAtOpen[k] |= _legs[k].Held;
        }
    }

    /// <summary>
    /// Step 4 for every held position with a bar, in instrument order: first every instrument is put at its adverse mark
    /// extreme (low for a long, high for a short; the last mark without a bar), then each position meets its own levels
    /// with the others there — the worst case, since the paths inside a bar are unknown.
    /// </summary>
    private void AdversePaths(int clockBar, long timeMs)
    {
        var legs = _legs;
        foreach (var leg in legs)
        {
            int b = leg.BarAt[clockBar];
            if (b >= 0 && leg.Held)
            {
                leg.CurrentMark = leg.Position.Side > 0 ? leg.MarkLow[b] : leg.MarkHigh[b];
            }
        }

        for (int k = 0; k < legs.Length; k++)
        {
            var leg = legs[k];
            int b = leg.BarAt[clockBar];
            int side = leg.Position.Side;
            if (b < 0 || side == 0)
            {
                continue;
            }

            ref var p = ref leg.Position;
            double liquidationPrice = LiquidationPriceOf(leg);
            double barHigh = leg.High[b], barLow = leg.Low[b], barMarkHigh = leg.MarkHigh[b], barMarkLow = leg.MarkLow[b];
            bool touched = side > 0
                ? barMarkLow <= liquidationPrice || (_stopOnMark ? barMarkLow : barLow) <= p.StopPrice || (_stopOnMark ? barMarkHigh : barHigh) >= p.TakeProfitPrice
                : barMarkHigh >= liquidationPrice || (_stopOnMark ? barMarkHigh : barHigh) >= p.StopPrice || (_stopOnMark ? barMarkLow : barLow) <= p.TakeProfitPrice;
            if (touched)
            {
                AdversePath(k, clockBar, b, timeMs, leg.Open[b], barHigh, barLow, barMarkHigh, barMarkLow, liquidationPrice);
            }

            if (leg.Held)
            {
                if (barHigh > p.HighestHigh)
                {
                    p.HighestHigh = barHigh;
                }

                if (barLow < p.LowestLow)
                {
                    p.LowestLow = barLow;
                }
            }
        }
    }

    /// <summary>The single run's AdversePath for one position: stop against liquidation (the level met first from the open wins, tie to the stop), then take-profit.</summary>
    private void AdversePath(int k, int clockBar, int bar, long timeMs, double open, double high, double low, double markHigh, double markLow, double liquidationPrice)
    {
        var leg = _legs[k];
        int side = leg.Position.Side;
        double stopPrice = leg.Position.StopPrice;
        bool stopHit, liquidationHit, stopFirst;
        if (side > 0)
        {
            double triggerLow = _stopOnMark ? markLow : low;
            stopHit = triggerLow <= stopPrice;
            liquidationHit = markLow <= liquidationPrice;
            stopFirst = stopPrice >= liquidationPrice;
        }
        else
        {
            double triggerHigh = _stopOnMark ? markHigh : high;
            stopHit = triggerHigh >= stopPrice;
            liquidationHit = markHigh >= liquidationPrice;
            stopFirst = stopPrice <= liquidationPrice;
        }

        if (stopHit && (stopFirst || !liquidationHit))
        {
            double level = side > 0 ? Math.Min(stopPrice, open) : Math.Max(stopPrice, open);
            double fill = level * (1 - (side * leg.SlippageAt(bar, _fixedSlippage)));
            leg.Log.AddStop(bar, timeMs, StopEventKind.Stop, stopPrice, fill, gap: false);
            ClosePosition(leg, bar, timeMs, fill, _takerFee, ExitReason.Stop);
            return;
        }

        if (liquidationHit)
        {
            Liquidate(clockBar, timeMs, k, liquidationPrice, liquidationPrice);
            return;
        }

        double takeProfitPrice = leg.Position.TakeProfitPrice;
        double favourable = side > 0 ? (_stopOnMark ? markHigh : high) : (_stopOnMark ? markLow : low);
        if (side > 0 ? favourable >= takeProfitPrice : favourable <= takeProfitPrice)
        {
            leg.Log.AddStop(bar, timeMs, StopEventKind.TakeProfit, takeProfitPrice, takeProfitPrice, gap: false);
            ClosePosition(leg, bar, timeMs, takeProfitPrice, _makerFee, ExitReason.TakeProfit);
        }
    }

    /// <summary>
    /// The liquidation price of <paramref name="leg"/>'s position now: isolated, its own (DESIGN's formula with TMM = UPNL = 0);
    /// cross, DESIGN's formula on the cross wallet with TMM and UPNL of every other open position at its
    /// <see cref="PortfolioLeg{TPayoff}.CurrentMark"/>, re-resolving the tier at the price as for one position.
    /// </summary>
    private double LiquidationPriceOf(PortfolioLeg<TPayoff> leg)
    {
        if (_isolated || !AnyOtherHeld(leg))
        {
            return leg.Position.LiquidationPrice;
        }

        double otherMaintenance = 0, otherUnrealized = 0;
        foreach (var other in _legs)
        {
            if (other != leg && other.Held)
            {
                otherMaintenance += other.Brackets.MaintenanceMargin(other.Payoff.Notional(other.Position.Quantity, other.CurrentMark));
                otherUnrealized += other.Unrealized(other.CurrentMark);
            }
        }

        ref readonly var p = ref leg.Position;
        return leg.Payoff.LiquidationPrice(p.Side, p.Quantity, p.EntryPrice, _wallet, leg.Brackets.Table.Span, otherMaintenance, otherUnrealized);
    }

    private bool AnyOtherHeld(PortfolioLeg<TPayoff> leg)
    {
        foreach (var other in _legs)
        {
            if (other != leg && other.Held)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Σ uPnL of the open positions other than <paramref name="leg"/>'s at their current marks; <paramref name="any"/> says whether there is one.</summary>
    private double OthersUnrealized(PortfolioLeg<TPayoff> leg, out bool any)
    {
        double sum = 0;
        any = false;
        foreach (var other in _legs)
        {
            if (other != leg && other.Held)
            {
                sum = any ? sum + other.Unrealized(other.CurrentMark) : other.Unrealized(other.CurrentMark);
                any = true;
            }
        }

        return sum;
    }

    /// <summary>Position <paramref name="k"/> met <paramref name="liquidationPrice"/> (at <paramref name="triggerMark"/>): isolated, it goes alone; cross, the account goes.</summary>
    private void Liquidate(int clockBar, long timeMs, int k, double triggerMark, double liquidationPrice)
    {
        if (_isolated)
        {
            LiquidatePosition(clockBar, timeMs, k, triggerMark, liquidationPrice);
        }
        else
        {
            LiquidateAccount(clockBar, timeMs, k, triggerMark, liquidationPrice);
        }

        _liquidationEvents++;
    }

    /// <summary>Isolated: the single run's Liquidate — taken over at the bankruptcy price, the isolated wallet lost.</summary>
    private void LiquidatePosition(int clockBar, long timeMs, int k, double triggerMark, double liquidationPrice)
    {
        var leg = _legs[k];
        ref var p = ref leg.Position;
        int bar = leg.LastBar;
        double backing = leg.Account.IsolatedWallet;
        double bankruptcyPrice = leg.Payoff.BankruptcyPrice(p.Side, p.Quantity, p.EntryPrice, backing);
        double lost = backing;
        if (backing < 0)
        {
            leg.Account.RealizedPnl -= backing;
            p.TradeRealized -= backing;
            lost = 0;
        }

        double clearance = ClearanceFee(leg, backing, bankruptcyPrice, triggerMark, lost);
        leg.Account.IsolatedWallet = 0;
        leg.Account.MarginLost += lost;
        leg.Account.ClearanceFees += clearance;
        leg.Log.AddLiquidation(new LiquidationRecord(timeMs, bar, triggerMark, liquidationPrice, bankruptcyPrice, p.Side, p.Quantity, lost, clearance));
        _liquidations.Add(new PortfolioLiquidationRecord(timeMs, clockBar, k, triggerMark, lost, AccountLiquidation: false));
        AddTrade(leg, timeMs, bar, bankruptcyPrice, ExitReason.Liquidation, p.TradeRealized, lost);
        leg.Flatten();
        if (_settings.AfterLiquidationPolicy == AfterLiquidationPolicy.EndRun)
        {
            leg.Ended = true;
            leg.Desired = 0;
        }
    }

    /// <summary>
    /// Cross: every open position is taken over at once. Position k (which met its liquidation price) is at
    /// <paramref name="triggerMark"/>, every other at its current mark (where, with the rest there, its own liquidation
    /// price lies). The wallet is lost, shared over the positions by notional at those prices; each is booked at its
    /// bankruptcy price given the others' uPnL there. One position: exactly the single run's Liquidate.
    /// </summary>
    private void LiquidateAccount(int clockBar, long timeMs, int k, double triggerMark, double liquidationPrice)
    {
        var legs = _legs;
        var trigger = legs[k];
        trigger.CurrentMark = triggerMark;
        double wallet = _wallet;
        double totalNotional = 0;
        bool first = true;
        foreach (var leg in legs)
        {
            if (leg.Held)
            {
                double notional = leg.Payoff.Notional(leg.Position.Quantity, leg.CurrentMark);
                totalNotional = first ? notional : totalNotional + notional;
                first = false;
            }
        }

        for (int j = 0; j < legs.Length; j++)
        {
            var leg = legs[j];
            if (!leg.Held)
            {
                continue;
            }

            ref var p = ref leg.Position;
            int bar = leg.LastBar;
            double share = leg.Payoff.Notional(p.Quantity, leg.CurrentMark) / totalNotional;
            double others = OthersUnrealized(leg, out bool anyOther);
            double backing = anyOther ? wallet + others : wallet;
            double bankruptcyPrice = leg.Payoff.BankruptcyPrice(p.Side, p.Quantity, p.EntryPrice, backing);
            double portion = wallet * share;
            double lost = portion;
            if (wallet < 0)
            {
                leg.Account.RealizedPnl -= portion;
                p.TradeRealized -= portion;
                lost = 0;
            }

            double clearance = ClearanceFee(leg, backing, bankruptcyPrice, leg.CurrentMark, lost);
            double recordedPrice = j == k ? liquidationPrice : leg.CurrentMark;
            leg.Account.MarginLost += lost;
            leg.Account.ClearanceFees += clearance;
            leg.Log.AddLiquidation(new LiquidationRecord(timeMs, bar, leg.CurrentMark, recordedPrice, bankruptcyPrice, p.Side, p.Quantity, lost, clearance));
            _liquidations.Add(new PortfolioLiquidationRecord(timeMs, clockBar, j, j == k ? triggerMark : leg.CurrentMark, lost, AccountLiquidation: true));
            AddTrade(leg, timeMs, bar, bankruptcyPrice, ExitReason.Liquidation, p.TradeRealized, lost);
        }

        foreach (var leg in legs)
        {
            leg.Flatten();
        }

        _wallet = 0;
        if (_settings.AfterLiquidationPolicy == AfterLiquidationPolicy.EndRun)
        {
            _ended = true;
        }
    }

    /// <summary>The single run's clearance fee rule (DESIGN.md): 0 at or beyond bankruptcy, else min(rate · notional at the fill, margin balance at the fill), at most the margin lost.</summary>
    private double ClearanceFee(PortfolioLeg<TPayoff> leg, double backing, double bankruptcyPrice, double fillPrice, double lost)
    {
        ref readonly var p = ref leg.Position;
        bool bankrupt = backing <= 0 || (p.Side > 0 ? fillPrice <= bankruptcyPrice : fillPrice >= bankruptcyPrice);
        if (bankrupt || _settings.ClearanceFeeRate == 0)
        {
            return 0;
        }

        double marginBalanceAtFill = backing + leg.Payoff.ProfitAndLoss(p.Side, p.Quantity, p.EntryPrice, fillPrice);
        double fee = Math.Min(leg.Payoff.Fee(_settings.ClearanceFeeRate, p.Quantity, fillPrice), marginBalanceAtFill);
        return Math.Clamp(fee, 0, Math.Max(lost, 0));
    }

    /// <summary>
    /// After anything moved <paramref name="leg"/>'s backing wallet, size or entry: re-solves its own liquidation price, and in a
    /// cross account every other open position's too (they share the wallet). The stored price is each position's with
    /// TMM = UPNL = 0: what it is while it is the only one open.
    /// </summary>
    private void UpdateLiquidationPrices(PortfolioLeg<TPayoff> leg)
    {
        if (_isolated)
        {
            if (leg.Held)
            {
                UpdateLiquidationPrice(leg);
            }

            return;
        }

        foreach (var other in _legs)
        {
            if (other.Held)
            {
                UpdateLiquidationPrice(other);
            }
        }
    }

    /// <summary>Re-solves the position's own liquidation price (TMM = UPNL = 0) after anything moved its backing wallet, size or entry.</summary>
    private void UpdateLiquidationPrice(PortfolioLeg<TPayoff> leg)
    {
        ref var p = ref leg.Position;
        p.LiquidationPrice = leg.Payoff.LiquidationPrice(p.Side, p.Quantity, p.EntryPrice, BackingWallet(leg), leg.Brackets.Table.Span, 0, 0);
    }
}
