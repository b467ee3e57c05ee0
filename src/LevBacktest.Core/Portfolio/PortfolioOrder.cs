namespace LevBacktest.Core.Portfolio;

/// <summary>An instrument's order decided at a close, filled at its next bar's open (as a single run's pending action).</summary>
internal enum PortfolioOrder : byte
{
    /// <summary>Nothing to do.</summary>
    None,

    /// <summary>Go to the signal's side (close, and open if not flat).</summary>
    SetSide,

    /// <summary>Resize back to the target (rebalancing).</summary>
    Resize,

    /// <summary>Close: the stop rule asked (time stop).</summary>
    TimeStopExit,
}
