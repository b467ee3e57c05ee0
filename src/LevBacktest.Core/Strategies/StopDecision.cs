namespace LevBacktest.Core.Strategies;

/// <summary>A stop rule's answer for the bars that follow.</summary>
/// <param name="StopPrice">Stop price in USDT for the next bars, or NaN for none. For a long it triggers
/// when the trigger series trades at or below it; for a short at or above it.</param>
/// <param name="ExitAtNextOpen">True to close the position at the next open at market (time stops).</param>
public readonly record struct StopDecision(double StopPrice, bool ExitAtNextOpen)
{
    /// <summary>No stop and no exit.</summary>
    public static StopDecision None => new(double.NaN, false);
}
