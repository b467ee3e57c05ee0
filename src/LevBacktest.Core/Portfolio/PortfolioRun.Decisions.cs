using LevBacktest.Core.Strategies;

namespace LevBacktest.Core.Portfolio;

/// <content>
/// The strategies' turn at a close (step 5): each instrument with a bar moves its stop and asks its signal (as a single
/// run does), then the target weights are set over the instruments that want a position, then held positions due for
/// rebalancing (periodic or band) get a resize order.
/// </content>
internal sealed partial class PortfolioRun<TPayoff>
{
    private void Decide(int clockBar)
    {
        var legs = _legs;
        foreach (var leg in legs)
        {
            int b = leg.BarAt[clockBar];
            if (b >= 0 && !leg.Ended)
            {
                DecideSide(leg, b);
            }
        }

        UpdateTargetWeights();
        if (_settings.RebalanceEveryBars <= 0 && !(_settings.RebalanceBand > 0))
        {
            return;
        }

        double equity = double.NaN;
        foreach (var leg in legs)
        {
            int b = leg.BarAt[clockBar];
            if (b < 0 || leg.Ended || !leg.Held || leg.Pending != PortfolioOrder.None || leg.Desired != leg.Position.Side)
            {
                continue;
            }

            if (!_isolated && double.IsNaN(equity))
            {
                equity = EquityAtCurrentMarks();
            }

            if (ShouldRebalance(leg, b, equity))
            {
                leg.Pending = PortfolioOrder.Resize;
            }
        }
    }

    /// <summary>The single run's Decide without the sizing rule: a side change or a time-stop exit becomes the pending order.</summary>
    private void DecideSide(PortfolioLeg<TPayoff> leg, int bar)
    {
        int desired = leg.DesiredSideAt(bar);
        leg.Desired = desired;
        int side = leg.Position.Side;
        if (side == 0)
        {
            if (desired != 0)
            {
                leg.Pending = PortfolioOrder.SetSide;
                leg.PendingSide = desired;
            }

            return;
        }

        if (leg.StopMovesAfterEntry)
        {
            var decision = leg.EvaluateStop(new StopContext(bar, false, PositionAt(leg, bar, leg.CurrentMark)));
            leg.Position.StopPrice = decision.StopPrice;
            if (decision.ExitAtNextOpen)
            {
                leg.Pending = PortfolioOrder.TimeStopExit;
                return;
            }
        }

        if (desired != side)
        {
            leg.Pending = PortfolioOrder.SetSide;
            leg.PendingSide = desired;
        }
    }

    /// <summary>
    /// Periodic: RebalanceEveryBars of the instrument's own bars since its last fill. Band: its leverage on its share,
    /// notional / (weight · equity) (isolated: / its margin balance), off the leverage it was last filled at by more than
    /// the band, relatively. For one instrument both are the single run's "constant-leverage" sizing rule.
    /// </summary>
    private bool ShouldRebalance(PortfolioLeg<TPayoff> leg, int bar, double equity)
    {
        ref readonly var p = ref leg.Position;
        int every = _settings.RebalanceEveryBars;
        if (every > 0 && bar + 1 - p.LastRebalanceBar >= every)
        {
            return true;
        }

        double band = _settings.RebalanceBand;
        if (!(band > 0) || !(p.TargetLeverage > 0))
        {
            return false;
        }

        double unrealized = leg.Unrealized(leg.CurrentMark);
        double backing = _isolated ? leg.Account.IsolatedWallet + unrealized : leg.TargetWeight * equity;
        double effective = leg.Payoff.Notional(p.Quantity, leg.CurrentMark) / backing;
        return Math.Abs((effective / p.TargetLeverage) - 1.0) > band;
    }

    /// <summary>Weights over the instruments whose latest decision wants a position (see <see cref="PortfolioWeighting"/>); 0 for the rest.</summary>
    private void UpdateTargetWeights()
    {
        var weighting = _settings.Weighting;
        double sum = 0;
        foreach (var leg in _legs)
        {
            double raw = leg.Desired != 0 ? PortfolioWeights.Raw(weighting, leg.FixedWeight, leg.Volatility, leg.LastBar) : 0;
            leg.TargetWeight = raw;
            sum += raw;
        }

        foreach (var leg in _legs)
        {
            leg.TargetWeight = sum > 0 ? leg.TargetWeight / sum : 0;
        }
    }
}
