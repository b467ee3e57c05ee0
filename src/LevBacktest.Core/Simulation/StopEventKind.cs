namespace LevBacktest.Core.Simulation;

/// <summary>Kinds of <see cref="StopEventRecord"/>.</summary>
public enum StopEventKind
{
    /// <summary>Stop-loss filled.</summary>
    Stop,

    /// <summary>Take-profit filled.</summary>
    TakeProfit,
}
