using LevBacktest.Core.Data.Sources;

namespace LevBacktest.Core.Data;

/// <summary>
/// Runs the market-data load path once on a built-in file of four daily bars (written by <c>levbt data synth</c>:
/// symbol, TIMESTAMP(MILLIS) open time, DOUBLE OHLCV, SNAPPY, dictionary-encoded), so that a process's first real load
/// does not pay, on its critical path, for what only the first read costs: loading ParquetSharp's native library
/// (27 MB), its P/Invoke stubs, and compiling the generic reader code that ReadyToRun images cannot hold. Meant to run
/// on a spare core while the command line and the spec are still being parsed.
/// </summary>
public static class ReadPathWarmUp
{
    private const string ResourceName = "LevBacktest.Core.Data.ReadPathWarmUp.parquet";

    /// <summary>
    /// Reads, converts and validates the built-in bars, and forgets them. Never throws: a failure only loses the head start,
    /// and the real load reports its own errors.
    /// </summary>
    public static void Run()
    {
        try
        {
            _ = ReadBuiltInBars();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Nothing to report: the real load takes the same path and reports what goes wrong there.
        }
    }

    /// <summary>Starts <see cref="Run"/> on a background thread of its own and returns at once.</summary>
    public static void Start()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "market data read path warm-up" };
        thread.Start();
    }

    /// <summary>
    /// The built-in bars as the loader reads them, then the loader's other steps on them once: the file-name symbol pattern,
    /// mark alignment, a funding CSV (two settlements) read, checked and windowed, gap and interval analysis. Throws like a
    /// real load would.
    /// </summary>
    /// <returns>The four bars.</returns>
    internal static BarColumns ReadBuiltInBars()
    {
        using var stream = typeof(ReadPathWarmUp).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"resource {ResourceName} is missing from {typeof(ReadPathWarmUp).Assembly.GetName().Name}");
        using var table = ParquetSourceTable.Open(stream, ResourceName);
        var bars = SeriesReader.ReadBars(table, ColumnMapping.Auto, (string?)null, null, withVolume: true);
        var sink = ValidationSink.Throwing();
        SeriesValidator.ValidateBars(bars, sink);
        long interval = SeriesValidator.InferInterval(bars, null, sink);
        _ = MarketDataLoader.SymbolFromFileName("BTCUSDT-1h.parquet");
        var alignment = MarkAlignment.Align(bars, bars, interval, MissingMarkPolicy.FallBackToLastPrice);

        long first = bars.OpenTimeMs[0];
        var fundingTable = CsvSourceTable.Parse("built-in funding", $"funding_time,funding_rate\n{first},0.0001\n{first + interval},-0.0001\n");
        var funding = SeriesReader.ReadFunding(fundingTable, ColumnMapping.Auto, null, null);
        SeriesValidator.ValidateFunding(funding, sink);
        var events = FundingWindow.Within(new FundingEvents(funding.TimeMs, funding.Rate, ReadOnlyMemory<double>.Empty), bars.OpenTimeMs);
        _ = SeriesAnalysis.FindGaps(bars.OpenTimeMs, interval);
        _ = SeriesAnalysis.FundingIntervals(events.TimeMs.Span);
        _ = SeriesAnalysis.CountJitter(events.TimeMs.Span);
        _ = new MarketData(bars.SymbolInData ?? "built-in", interval, bars.OpenTimeMs, bars.Open, bars.High, bars.Low, bars.Close, bars.Volume!, alignment.Open, alignment.High, alignment.Low, alignment.Close, events);
        return bars;
    }
}
