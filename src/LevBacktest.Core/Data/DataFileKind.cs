namespace LevBacktest.Core.Data;

/// <summary>What a market-data file holds, as recognised from its columns.</summary>
public enum DataFileKind
{
    /// <summary>Last-price OHLCV bars (open, high, low, close and volume columns).</summary>
    Prices,

    /// <summary>Mark-price OHLC bars (open, high, low, close; no volume column).</summary>
    MarkPrices,

    /// <summary>Funding settlements (a funding-rate column, no high/low columns).</summary>
    Funding,
}
