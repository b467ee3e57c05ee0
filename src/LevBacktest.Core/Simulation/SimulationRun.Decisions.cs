using System.Runtime.CompilerServices;

using LevBacktest.Core.Strategies;

namespace LevBacktest.Core.Simulation;

/// <content>
/// The strategy's turn at a bar close (DESIGN.md step 5): the stop rule moves the stop, the signal picks a side,
/// the sizing rule may ask for a rebalance; the answer becomes the pending order.
/// </content>
internal sealed partial class SimulationRun<TPayoff>
{
    /// <summary>Step 5: stop update and the strategy's decision at the close of <paramref name="bar"/>, given the signal's
    /// answer <paramref name="desired"/> for that bar (from its <see cref="ISignal.DesiredSides"/>, or asked).</summary>
    /// <remarks>
    /// Only the common case is inlined into the bar loop: the signal's answer, and the orders it implies when the stop
    /// stays where the entry put it. A stop rule that moves, a sizing rule that may rebalance and the bad-side error go
    /// out of line: inlined, their position views and message building gave the bar loop so many locals that the JIT
    /// kept its loop counter and array references on the stack (a 2 KB frame, reloaded at every bar).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Decide(int bar, double markClose, int desired)
    {
        if (desired is < -1 or > 1)
        {
            ThrowBadSide(desired, bar);
        }

        int side = _position.Side;
        if (side == 0)
        {
            if (desired != 0)
            {
                _pending = PendingAction.SetSide;
                _pendingSide = desired;
            }

            return;
        }

        if (_stopMovesAfterEntry)
        {
            DecideWithMovingStop(bar, markClose, desired, side);
            return;
        }

        // The stop was set at the entry fill and stays; the view is built only for a rule that rebalances.
        if (desired != side)
        {
            _pending = PendingAction.SetSide;
            _pendingSide = desired;
        }
        else if (_sizingRebalances && ShouldRebalanceAt(bar, markClose))
        {
            _pending = PendingAction.Resize;
        }
    }

    /// <summary>The sizing rule's rebalance question with the position as it stands at the close.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool ShouldRebalanceAt(int bar, double markClose) => _sizing.ShouldRebalance(PositionAt(bar, markClose));

    /// <summary>Step 5 for a stop rule that moves after the entry: the rule first, then the signal and the sizing rule.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void DecideWithMovingStop(int bar, double markClose, int desired, int side)
    {
        // The view is built straight into the stop rule's context: building it as a local first made the JIT
        // copy its 112 bytes twice more per bar, with wide loads of just-written narrow stores (store-forwarding
        // stalls, about a third of the bar's time). The sizing rule then gets one copy carrying the stop just set;
        // a conditional "same view or a copy" costs more than always copying.
        var context = new StopContext(bar, false, PositionAt(bar, markClose));
        var decision = _stopLoss.Evaluate(in context);
        _position.StopPrice = decision.StopPrice;
        if (decision.ExitAtNextOpen)
        {
            _pending = PendingAction.TimeStopExit;
            return;
        }

        if (desired != side)
        {
            _pending = PendingAction.SetSide;
            _pendingSide = desired;
        }
        else if (_sizingRebalances && _sizing.ShouldRebalance(context.Position with { StopPrice = SizingViewStopPrice(context.Position.StopPrice, decision.StopPrice) }))
        {
            _pending = PendingAction.Resize;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowBadSide(int desired, int bar)
        => throw new InvalidOperationException($"Signal {_signal.GetType().Name} returned side {desired} at bar {bar}; expected −1, 0 or +1.");

    /// <summary>
    /// The stop price the sizing rule sees at a close: the rule's new stop, except that a stop equal by
    /// <see cref="double.Equals(double)"/> to the previous one (NaN = NaN, −0 = +0) keeps the previous value's bits,
    /// as the view always has.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double SizingViewStopPrice(double previousStopPrice, double newStopPrice) =>
        newStopPrice.Equals(previousStopPrice) ? previousStopPrice : newStopPrice;

    /// <summary>The position as strategies see it at <paramref name="markPrice"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private PositionView PositionAt(int bar, double markPrice)
    {
        ref readonly var p = ref _position;
        double unrealized = _payoff.ProfitAndLoss(p.Side, p.Quantity, p.EntryPrice, markPrice);
        double backing = _account.BackingWallet + unrealized;
        double notional = _payoff.Notional(p.Quantity, markPrice);
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
            p.LiquidationPrice,
            p.HighestHigh,
            p.LowestLow,
            p.StopPrice);
    }
}
