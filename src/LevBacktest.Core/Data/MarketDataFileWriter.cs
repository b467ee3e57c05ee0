using LevBacktest.Parquet;
using LevBacktest.Parquet.Format;
using LevBacktest.Parquet.Writer;

namespace LevBacktest.Core.Data;

/// <summary>
/// Writes market data as Parquet in the project's layout, which <see cref="MarketDataLoader"/>
/// (and pandas, polars, DuckDB) read without configuration. Each file is written atomically
/// (temporary file, then rename).
/// </summary>
/// <remarks>
/// Layout: bar files have <c>symbol</c> (STRING), <c>open_time</c> (TIMESTAMP(MILLIS, UTC)),
/// <c>open</c>, <c>high</c>, <c>low</c>, <c>close</c> and, for last-price bars, <c>volume</c> (DOUBLE);
/// funding files have <c>symbol</c>, <c>funding_time</c> (TIMESTAMP(MILLIS, UTC)), <c>funding_rate</c>
/// (DOUBLE, fraction per interval) and, when known, <c>mark_price</c> (DOUBLE, null where unknown).
/// </remarks>
public static class MarketDataFileWriter
{
    /// <summary>File name of last-price bars in a data folder.</summary>
    public const string PricesFileName = "prices.parquet";

    /// <summary>File name of mark-price bars in a data folder.</summary>
    public const string MarkFileName = "mark.parquet";

    /// <summary>File name of funding settlements in a data folder.</summary>
    public const string FundingFileName = "funding.parquet";

    /// <summary>SNAPPY compression (no native library needed to read it back), one row group per 1,048,576 rows.</summary>
    public static ParquetWriterOptions DefaultOptions { get; } = new() { Codec = ParquetCompressionCodec.Snappy };

    /// <summary>Writes a bar series (with a volume column when it has one).</summary>
    /// <param name="path">Destination file; its folder must exist; an existing file is replaced.</param>
    /// <param name="series">The bars.</param>
    /// <param name="options">Writer options; null for <see cref="DefaultOptions"/>.</param>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void WriteBars(string path, BarSeries series, ParquetWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var columns = new List<ParquetWriteColumn>
        {
            ParquetWriteColumn.String("symbol", Repeat(series.Symbol, series.Count)),
            ParquetWriteColumn.Timestamp("open_time", series.OpenTimeArray, ParquetTimeUnit.Millis),
            ParquetWriteColumn.Double("open", series.OpenArray),
            ParquetWriteColumn.Double("high", series.HighArray),
            ParquetWriteColumn.Double("low", series.LowArray),
            ParquetWriteColumn.Double("close", series.CloseArray),
        };
        if (series.VolumeArray is { } volume)
        {
            columns.Add(ParquetWriteColumn.Double("volume", volume));
        }

        ParquetFileWriter.Write(path, columns, options ?? DefaultOptions);
    }

    /// <summary>Writes funding settlements; <c>mark_price</c> only when <paramref name="funding"/> has one (NaN written as null).</summary>
    /// <param name="path">Destination file; its folder must exist; an existing file is replaced.</param>
    /// <param name="symbol">Exchange symbol written in every row.</param>
    /// <param name="funding">The settlements.</param>
    /// <param name="options">Writer options; null for <see cref="DefaultOptions"/>.</param>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void WriteFunding(string path, string symbol, FundingEvents funding, ParquetWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(funding);
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        var columns = new List<ParquetWriteColumn>
        {
            ParquetWriteColumn.String("symbol", Repeat(symbol, funding.Count)),
            ParquetWriteColumn.Timestamp("funding_time", funding.TimeMs.ToArray(), ParquetTimeUnit.Millis),
            ParquetWriteColumn.Double("funding_rate", funding.Rate.ToArray()),
        };
        if (funding.HasMarkPrice)
        {
            double[] mark = funding.MarkPrice.ToArray();
            bool[] present = mark.Select(m => !double.IsNaN(m)).ToArray();
            columns.Add(ParquetWriteColumn.Double("mark_price", mark, present));
        }

        ParquetFileWriter.Write(path, columns, options ?? DefaultOptions);
    }

    /// <summary>
    /// Writes <paramref name="data"/> into a folder as <see cref="PricesFileName"/>, <see cref="MarkFileName"/>
    /// (when it has mark prices) and <see cref="FundingFileName"/> (when it has settlements).
    /// </summary>
    /// <param name="data">The market data.</param>
    /// <param name="directory">Destination folder, created when missing.</param>
    /// <param name="options">Writer options; null for <see cref="DefaultOptions"/>.</param>
    /// <returns>The paths written, in the order prices, mark, funding.</returns>
    /// <exception cref="IOException">A file cannot be written.</exception>
    public static IReadOnlyList<string> WriteDirectory(MarketData data, string directory, ParquetWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        string prices = Path.Combine(directory, PricesFileName);
        WriteBars(prices, new BarSeries(data.Symbol, data.OpenTimeMs.ToArray(), data.Open.ToArray(), data.High.ToArray(), data.Low.ToArray(), data.Close.ToArray(), data.Volume.ToArray()), options);
        written.Add(prices);
        if (data.HasMarkPrice)
        {
            string mark = Path.Combine(directory, MarkFileName);
            WriteBars(mark, new BarSeries(data.Symbol, data.OpenTimeMs.ToArray(), data.MarkOpen.ToArray(), data.MarkHigh.ToArray(), data.MarkLow.ToArray(), data.MarkClose.ToArray(), null), options);
            written.Add(mark);
        }

        if (data.Funding.Count > 0)
        {
            string funding = Path.Combine(directory, FundingFileName);
            WriteFunding(funding, data.Symbol, data.Funding, options);
            written.Add(funding);
        }

        return written;
    }

    private static string[] Repeat(string value, int count)
    {
        var result = new string[count];
        Array.Fill(result, value);
        return result;
    }
}
