using LevBacktest.Core.Data.Sources;

namespace LevBacktest.Core.Data;

/// <summary>
/// Checks one market-data file on its own with the load-time rules of <see cref="MarketDataLoader"/>,
/// collecting every error instead of stopping at the first (for <c>levbt data validate</c>).
/// </summary>
public static class MarketDataValidator
{
    /// <summary>
    /// Validates every file of a dataset — a folder (Hive-style partitions included), a glob, or one file — as
    /// <see cref="ValidateFile"/> does, leaving out other symbols' <c>symbol=…</c> partitions when a symbol is given (or
    /// the only one there is). When every file is valid and holds bars, the dataset is also read as one series, as
    /// <c>--prices DIR</c> reads it, and an overlap between files is reported on the last result.
    /// </summary>
    /// <param name="path">A file, folder or glob.</param>
    /// <param name="symbol">Symbol to keep, or null.</param>
    /// <param name="timeUnit">Unit of integer epoch times, or null to detect it.</param>
    /// <param name="columns">Explicit column names, or null to recognise them.</param>
    /// <param name="maxErrors">How many errors to keep per file (at least 1).</param>
    /// <returns>One result per file, in path order; a dataset-level problem (no file matches, several symbols) as a single invalid result for <paramref name="path"/>.</returns>
    public static IReadOnlyList<FileValidationResult> ValidateDataset(string path, string? symbol = null, EpochTimeUnit? timeUnit = null, ColumnMapping? columns = null, int maxErrors = 20)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!DatasetFiles.IsDataset(path))
        {
            return [ValidateFile(path, symbol, timeUnit, columns, maxErrors)];
        }

        List<string> files;
        string? partitionSymbol;
        try
        {
            files = DatasetReader.SelectFiles(path, symbol, out partitionSymbol);
        }
        catch (MarketDataException error)
        {
            return [new FileValidationResult { Path = path, Errors = [error.Message], ErrorCount = 1 }];
        }

        var results = files.Select(file => ValidateFile(file, symbol ?? partitionSymbol, timeUnit, columns, maxErrors)).ToList();
        if (results.All(r => r.IsValid && r.Kind is DataFileKind.Prices or DataFileKind.MarkPrices))
        {
            try
            {
                MarketDataLoader.Load(new MarketDataRequest { PricesPath = path, Symbol = symbol, TimeUnit = timeUnit, PriceColumns = columns ?? ColumnMapping.Auto });
            }
            catch (MarketDataException error)
            {
                results.Add(new FileValidationResult { Path = path, Errors = [error.Message], ErrorCount = 1 });
            }
        }

        return results;
    }

    /// <summary>Validates a Parquet or CSV file of prices, mark prices or funding.</summary>
    /// <param name="path">The file.</param>
    /// <param name="symbol">Symbol to keep from a multi-symbol file, or null.</param>
    /// <param name="timeUnit">Unit of integer epoch times, or null to detect it.</param>
    /// <param name="columns">Explicit column names, or null to recognise them.</param>
    /// <param name="maxErrors">How many errors to keep (at least 1); counting goes on past it.</param>
    /// <returns>The result; file-level problems (missing file or column) are reported as its single error, not thrown.</returns>
    public static FileValidationResult ValidateFile(string path, string? symbol = null, EpochTimeUnit? timeUnit = null, ColumnMapping? columns = null, int maxErrors = 20)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        columns ??= ColumnMapping.Auto;
        string? sha = null;
        SourceTable? table = null;
        try
        {
            table = SourceFiles.Open(path);
            sha = MarketDataLoader.Sha256OfFile(path);
            var kind = MarketDataFileColumns.Classify(table, columns);
            var sink = ValidationSink.Collecting(maxErrors);
            string? filterSymbol = symbol ?? MarketDataLoader.SymbolFromFileName(path);
            return kind == DataFileKind.Funding
                ? ValidateFunding(path, table, columns, symbol, filterSymbol, timeUnit, sink, sha)
                : ValidateBars(path, table, columns, symbol, timeUnit, kind, sink, sha);
        }
        catch (MarketDataException error)
        {
            return new FileValidationResult { Path = path, Errors = [error.Message], ErrorCount = 1, Sha256 = sha };
        }
        finally
        {
            (table as IDisposable)?.Dispose();
        }
    }

    private static FileValidationResult ValidateBars(string path, SourceTable table, ColumnMapping columns, string? symbol, EpochTimeUnit? unit, DataFileKind kind, ValidationSink sink, string sha)
    {
        var bars = SeriesReader.ReadBars(table, columns, symbol, unit, withVolume: kind == DataFileKind.Prices);
        bool timesValid = SeriesValidator.ValidateBars(bars, sink) && !HasTimeErrors(sink, bars.TimeColumn);
        long? interval = null;
        IReadOnlyList<DataGap> gaps = [];
        var warnings = new List<string>();
        if (timesValid && bars.Count >= 2)
        {
            int before = sink.ErrorCount;
            interval = SeriesValidator.InferInterval(bars, null, sink);
            if (sink.ErrorCount == before)
            {
                gaps = SeriesAnalysis.FindGaps(bars.OpenTimeMs, interval.Value);
            }
        }

        if (kind == DataFileKind.Prices && bars.Volume is { } volume)
        {
            int zero = volume.Count(v => v == 0);
            if (zero > 0)
            {
                warnings.Add($"{zero} bar(s) have zero volume.");
            }
        }

        return new FileValidationResult
        {
            Path = path,
            Kind = kind,
            Symbol = symbol ?? bars.SymbolInData ?? MarketDataLoader.SymbolFromFileName(path),
            RowCount = bars.Count,
            FirstTimeMs = bars.Count > 0 ? bars.OpenTimeMs[0] : null,
            LastTimeMs = bars.Count > 0 ? bars.OpenTimeMs[^1] : null,
            BarIntervalMs = interval,
            Gaps = gaps,
            Errors = sink.Errors.Select(e => e.Message).ToArray(),
            ErrorCount = sink.ErrorCount,
            Warnings = warnings,
            Sha256 = sha,
        };
    }

    private static FileValidationResult ValidateFunding(string path, SourceTable table, ColumnMapping columns, string? symbol, string? filterSymbol, EpochTimeUnit? unit, ValidationSink sink, string sha)
    {
        FundingColumns funding;
        try
        {
            funding = SeriesReader.ReadFunding(table, columns, symbol, unit);
        }
        catch (MarketDataException) when (symbol is null && filterSymbol is not null)
        {
            // A multi-symbol funding file named after one symbol: keep that symbol's rows.
            funding = SeriesReader.ReadFunding(table, columns, filterSymbol, unit);
        }

        bool timesValid = SeriesValidator.ValidateFunding(funding, sink) && !HasTimeErrors(sink, funding.TimeColumn);
        return new FileValidationResult
        {
            Path = path,
            Kind = DataFileKind.Funding,
            Symbol = symbol ?? funding.SymbolInData ?? MarketDataLoader.SymbolFromFileName(path),
            RowCount = funding.Count,
            FirstTimeMs = funding.Count > 0 ? funding.TimeMs[0] : null,
            LastTimeMs = funding.Count > 0 ? funding.TimeMs[^1] : null,
            FundingIntervals = timesValid ? SeriesAnalysis.FundingIntervals(funding.TimeMs) : [],
            Errors = sink.Errors.Select(e => e.Message).ToArray(),
            ErrorCount = sink.ErrorCount,
            Sha256 = sha,
        };
    }

    private static bool HasTimeErrors(ValidationSink sink, string timeColumn) =>
        sink.Errors.Any(e => e.Column == timeColumn);
}
