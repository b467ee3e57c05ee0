namespace LevBacktest.Core.Simulation;

/// <summary>The price series that triggers stop-loss and take-profit orders.</summary>
public enum PriceSource
{
    /// <summary>Last (traded) price OHLC — Binance's default "Last Price" working type.</summary>
    LastPrice,

    /// <summary>Mark-price OHLC (falls back to last price where no mark price is loaded).</summary>
    MarkPrice,
}
