namespace LevBacktest.Core.Simulation;

/// <summary>When a decision taken at a bar's close is filled.</summary>
public enum FillTiming
{
    /// <summary>At the next bar's last-price open (the default; no look-ahead).</summary>
    NextOpen,

    /// <summary>At the same bar's last-price close (only when a spec asks; reports must say so).</summary>
    BarClose,
}
