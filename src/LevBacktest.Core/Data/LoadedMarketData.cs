namespace LevBacktest.Core.Data;

/// <summary>The result of <see cref="MarketDataLoader.Load"/>: the data, what validation found, and the input files' fingerprints.</summary>
public sealed class LoadedMarketData
{
    /// <summary>Creates the result.</summary>
    /// <param name="data">The validated, aligned market data.</param>
    /// <param name="report">The validation report of <paramref name="data"/>.</param>
    /// <param name="files">Fingerprints of the input files in the order prices, mark, funding (those given).</param>
    public LoadedMarketData(MarketData data, DataValidationReport report, IReadOnlyList<DataFileFingerprint> files)
        : this(data, report, new Lazy<IReadOnlyList<DataFileFingerprint>>(files ?? throw new ArgumentNullException(nameof(files))))
    {
    }

    /// <summary>Creates the result with fingerprints that are still being computed.</summary>
    internal LoadedMarketData(MarketData data, DataValidationReport report, Lazy<IReadOnlyList<DataFileFingerprint>> files)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(report);
        Data = data;
        Report = report;
        _files = files;
    }

    private readonly Lazy<IReadOnlyList<DataFileFingerprint>> _files;

    /// <summary>The validated, aligned market data.</summary>
    public MarketData Data { get; }

    /// <summary>Gaps, mark fallback, funding intervals and warnings.</summary>
    public DataValidationReport Report { get; }

    /// <summary>
    /// Fingerprints of the input files in the order prices, mark, funding (those given). The loader
    /// hashes the files on the thread pool while it parses them and does not wait for the hashes:
    /// the first access waits for them (a run needs them only for its summary).
    /// </summary>
    /// <exception cref="MarketDataException">A file could not be read for hashing (e.g. deleted during the load).</exception>
    public IReadOnlyList<DataFileFingerprint> Files => _files.Value;
}
