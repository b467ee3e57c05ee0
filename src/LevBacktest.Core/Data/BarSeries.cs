namespace LevBacktest.Core.Data;

/// <summary>
/// One series of OHLC(V) bars on its own, as imported from a file before it is combined into
/// <see cref="MarketData"/>: last-price bars (with volume) or mark-price bars (without).
/// </summary>
/// <remarks>All columns have length <see cref="Count"/>; times are UTC epoch milliseconds, prices USDT, volume base units.</remarks>
public sealed class BarSeries
{
    /// <summary>Creates a series; the arrays are kept, not copied.</summary>
    /// <param name="symbol">Exchange symbol.</param>
    /// <param name="openTimeMs">Bar open times, strictly increasing.</param>
    /// <param name="open">Open prices.</param>
    /// <param name="high">High prices.</param>
    /// <param name="low">Low prices.</param>
    /// <param name="close">Close prices.</param>
    /// <param name="volume">Volume in base units, or null for mark-price bars.</param>
    /// <exception cref="ArgumentException">Lengths disagree or the symbol is blank.</exception>
    public BarSeries(string symbol, long[] openTimeMs, double[] open, double[] high, double[] low, double[] close, double[]? volume)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        int n = openTimeMs.Length;
        if (open.Length != n || high.Length != n || low.Length != n || close.Length != n || (volume is not null && volume.Length != n))
        {
            throw new ArgumentException("All bar columns must have the same length as the open times.", nameof(openTimeMs));
        }

        Symbol = symbol;
        OpenTimeArray = openTimeMs;
        OpenArray = open;
        HighArray = high;
        LowArray = low;
        CloseArray = close;
        VolumeArray = volume;
    }

    /// <summary>Exchange symbol.</summary>
    public string Symbol { get; }

    /// <summary>Number of bars.</summary>
    public int Count => OpenTimeArray.Length;

    internal long[] OpenTimeArray { get; }

    internal double[] OpenArray { get; }

    internal double[] HighArray { get; }

    internal double[] LowArray { get; }

    internal double[] CloseArray { get; }

    internal double[]? VolumeArray { get; }

    /// <summary>Bar open times, UTC epoch milliseconds, strictly increasing.</summary>
    public ReadOnlyMemory<long> OpenTimeMs => OpenTimeArray;

    /// <summary>Open prices, USDT.</summary>
    public ReadOnlyMemory<double> Open => OpenArray;

    /// <summary>High prices, USDT.</summary>
    public ReadOnlyMemory<double> High => HighArray;

    /// <summary>Low prices, USDT.</summary>
    public ReadOnlyMemory<double> Low => LowArray;

    /// <summary>Close prices, USDT.</summary>
    public ReadOnlyMemory<double> Close => CloseArray;

    /// <summary>Volume in base units, length <see cref="Count"/>, or empty for mark-price bars.</summary>
    public ReadOnlyMemory<double> Volume => VolumeArray;

    /// <summary>True when the series has a volume column (last-price bars).</summary>
    public bool HasVolume => VolumeArray is not null;
}
