namespace LevBacktest.Core.Simulation;

/// <summary>What the run does after a liquidation.</summary>
public enum AfterLiquidationPolicy
{
    /// <summary>The strategy keeps deciding with whatever equity remains (isolated: the free balance).</summary>
    ReEnter,

    /// <summary>No further orders; equity is still recorded at every remaining bar close.</summary>
    EndRun,
}
