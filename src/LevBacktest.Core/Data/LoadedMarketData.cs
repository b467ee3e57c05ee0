namespace LevBacktest.Core.Data;

/// <summary>The result of <see cref="MarketDataLoader.Load"/>: the data, what validation found, and the input files' fingerprints.</summary>
public sealed class LoadedMarketData
{
    /// <summary>Creates the result.</summary>
    /// <param name="data">The validated, aligned market data.</param>
    /// <param name="report">The validation report of <paramref name="data"/>.</param>
    /// <param name="files">Fingerprints of the input files in the order prices, mark, funding (those given).</param>
    public LoadedMarketData(MarketData data, DataValidationReport report, IReadOnlyList<DataFileFingerprint> files)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(files);
        Data = data;
        Report = report;
        Files = files;
    }

    /// <summary>The validated, aligned market data.</summary>
    public MarketData Data { get; }

    /// <summary>Gaps, mark fallback, funding intervals and warnings.</summary>
    public DataValidationReport Report { get; }

    /// <summary>Fingerprints of the input files in the order prices, mark, funding (those given).</summary>
    public IReadOnlyList<DataFileFingerprint> Files { get; }
}
