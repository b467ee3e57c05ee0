namespace LevBacktest.Strategies.Signals;

/// <summary>Which moving average a crossover uses.</summary>
public enum MovingAverageKind
{
    /// <summary>Simple moving average ("sma").</summary>
    Simple,

    /// <summary>Exponential moving average, α = 2 / (period + 1) ("ema").</summary>
    Exponential,
}
