using System.Runtime.CompilerServices;

namespace LevBacktest.Core.Simulation;

/// <content>
/// Funding, the open check, the adverse path (stop against liquidation) and liquidation itself: the events that
/// happen to a position without the strategy asking (DESIGN.md steps 1, 2 and 4).
/// </content>
internal sealed partial class SimulationRun<TPayoff>
{
    /// <summary>Step 2, a gap through the stop: filled at the last-price open less slippage.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // rare per bar: kept out of the bar loop's locals (see Decide)
    private void StopAtOpen(int bar, long timeMs, double openPrice)
    {
        double fill = openPrice * (1 - (_position.Side * SlippageAt(bar)));
        _log.AddStop(bar, timeMs, StopEventKind.Stop, _position.StopPrice, fill, gap: true);
        ClosePosition(bar, timeMs, fill, _takerFee, ExitReason.Stop);
    }

    /// <summary>Step 2, an open beyond the take-profit: the resting limit fills at its price.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // rare per bar: kept out of the bar loop's locals (see Decide)
    private void TakeProfitAtOpen(int bar, long timeMs)
    {
        double fill = _position.TakeProfitPrice;
        _log.AddStop(bar, timeMs, StopEventKind.TakeProfit, fill, fill, gap: true);
        ClosePosition(bar, timeMs, fill, _makerFee, ExitReason.TakeProfit);
    }

    /// <summary>Step 1: settles funding event <paramref name="eventIndex"/> on the position carried into <paramref name="bar"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // rare per bar: kept out of the bar loop's locals (see Decide)
    private void SettleFunding(int eventIndex, int bar, double markOpenPrice, in RunColumns columns)
    {
        double rate = columns.FundingRate[eventIndex];
        double price = markOpenPrice;
        if (!columns.FundingMarkPrice.IsEmpty)
        {
            double eventMark = columns.FundingMarkPrice[eventIndex];
            if (double.IsFinite(eventMark) && eventMark > 0)
            {
                price = eventMark;
            }
        }

        double payment = _payoff.FundingPayment(_position.Side, _position.Quantity, price, rate);
        _account.PayFunding(payment);
        _position.TradeFunding += payment;
        _log.FundingPayments.Add(new FundingPaymentRecord(columns.FundingTimeMs[eventIndex], bar, rate, price, _position.Side, _position.Quantity, payment));
        UpdateLiquidationPrice();
    }

    /// <summary>Step 4: stop vs liquidation on the adverse side of the bar (the level met first from the open wins; tie to the stop), then take-profit.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // rare per bar: kept out of the bar loop's locals (see Decide)
    private void AdversePath(int bar, long timeMs, double open, double high, double low, double markHigh, double markLow)
    {
        int side = _position.Side;
        double stopPrice = _position.StopPrice;
        double liquidationPrice = _position.LiquidationPrice;
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
            // A stop-market order fills at its level (never better than the bar's open) less slippage.
            double level = side > 0 ? Math.Min(stopPrice, open) : Math.Max(stopPrice, open);
            double fill = level * (1 - (side * SlippageAt(bar)));
            _log.AddStop(bar, timeMs, StopEventKind.Stop, stopPrice, fill, gap: false);
            ClosePosition(bar, timeMs, fill, _takerFee, ExitReason.Stop);
            return;
        }

        if (liquidationHit)
        {
            Liquidate(bar, timeMs, liquidationPrice);
            return;
        }

        double takeProfitPrice = _position.TakeProfitPrice;
        double favourable = side > 0 ? (_stopOnMark ? markHigh : high) : (_stopOnMark ? markLow : low);
        if (side > 0 ? favourable >= takeProfitPrice : favourable <= takeProfitPrice)
        {
            _log.AddStop(bar, timeMs, StopEventKind.TakeProfit, takeProfitPrice, takeProfitPrice, gap: false);
            ClosePosition(bar, timeMs, takeProfitPrice, _makerFee, ExitReason.TakeProfit);
        }
    }

    /// <summary>
    /// Liquidation: the position is taken over at the bankruptcy price and its backing wallet is lost
    /// (isolated wallet, or the cross wallet); nothing is added to realised PnL.
    /// </summary>
    private void Liquidate(int bar, long timeMs, double triggerMarkPrice)
    {
        ref var p = ref _position;
        double backing = _account.BackingWallet;
        double bankruptcyPrice = _payoff.BankruptcyPrice(p.Side, p.Quantity, p.EntryPrice, backing);
        double lost = backing;
        if (backing < 0)
        {
            // A wallet driven below zero by funding while the position's uPnL was positive: at the bankruptcy
            // price that uPnL (−backing) exactly refills the wallet, so it is realised and nothing is lost.
            _account.RealizedPnl -= backing;
            p.TradeRealized -= backing;
            lost = 0;
        }

        double clearance = ClearanceFee(p.Side, p.Quantity, p.EntryPrice, backing, bankruptcyPrice, triggerMarkPrice, lost);
        _account.BackingWallet = 0;
        _account.MarginLost += lost;
        _account.ClearanceFees += clearance;
        _log.AddLiquidation(new LiquidationRecord(timeMs, bar, triggerMarkPrice, p.LiquidationPrice, bankruptcyPrice, p.Side, p.Quantity, lost, clearance));
        AddTrade(timeMs, bar, bankruptcyPrice, ExitReason.Liquidation, p.TradeRealized, lost);
        Flatten();
        if (_settings.AfterLiquidationPolicy == AfterLiquidationPolicy.EndRun)
        {
            _ended = true;
        }
    }

    /// <summary>
    /// The clearance fee an exchange collects on a liquidation filled at <paramref name="fillPrice"/>: 0 when the
    /// position is taken over at or beyond its bankruptcy price (a gap through it, or a backing wallet at or below
    /// zero), else min(rate · notional at the fill, margin balance left at the fill), never more than the margin
    /// lost. Binance, "Insurance Fund": the fund collects liquidation fees only from liquidations that do not end
    /// in bankruptcy. Reported only: equity is the same whatever the rate.
    /// </summary>
    private double ClearanceFee(int side, double quantity, double entryPrice, double backing, double bankruptcyPrice, double fillPrice, double lost)
    {
        bool bankrupt = backing <= 0 || (side > 0 ? fillPrice <= bankruptcyPrice : fillPrice >= bankruptcyPrice);
        if (bankrupt || _settings.ClearanceFeeRate == 0)
        {
            return 0;
        }

        double marginBalanceAtFill = backing + _payoff.ProfitAndLoss(side, quantity, entryPrice, fillPrice);
        double fee = Math.Min(_payoff.Fee(_settings.ClearanceFeeRate, quantity, fillPrice), marginBalanceAtFill);
        return Math.Clamp(fee, 0, Math.Max(lost, 0));
    }

    /// <summary>Re-solves the liquidation price after anything that moved the backing wallet, size or entry.</summary>
    private void UpdateLiquidationPrice()
    {
        _position.LiquidationPrice = _payoff.LiquidationPrice(_position.Side, _position.Quantity, _position.EntryPrice, _account.BackingWallet, _brackets.Table.Span, 0, 0);
    }
}
