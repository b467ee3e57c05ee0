namespace LevBacktest.Core.Simulation;

/// <summary>Why a position was closed.</summary>
public enum ExitReason
{
    /// <summary>The signal changed direction or went flat (market order at the fill).</summary>
    Signal,

    /// <summary>The stop-loss was touched (or the bar opened beyond it).</summary>
    Stop,

    /// <summary>The take-profit limit was touched.</summary>
    TakeProfit,

    /// <summary>The mark price reached the liquidation price.</summary>
    Liquidation,

    /// <summary>Still open at the end of the data; marked to the last mark close, no exit fee.</summary>
    End,

    /// <summary>The stop rule asked to exit at the next open (time stop).</summary>
    TimeStop,
}
