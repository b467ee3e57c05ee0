namespace LevBacktest.Core.Simulation;

/// <summary>How a position's margin is held (DESIGN.md "Instruments and margin").</summary>
public enum MarginMode
{
    /// <summary>A chosen fraction of equity is moved into the position's isolated wallet; a liquidation loses only that wallet.</summary>
    Isolated,

    /// <summary>The whole account wallet backs the position; a liquidation takes the account's equity to zero.</summary>
    Cross,
}
