namespace LevBacktest.Core.Simulation;

/// <summary>What happens to an order whose resulting position would exceed the max leverage of its bracket.</summary>
public enum OverLeveragePolicy
{
    /// <summary>Reduce the quantity to the largest notional the bracket table allows for the margin; counted in <see cref="RunResult.ReducedOrders"/>.</summary>
    Reduce,

    /// <summary>Do not fill the order (as the exchange would); counted in <see cref="RunResult.RejectedOrders"/>.</summary>
    Reject,
}
