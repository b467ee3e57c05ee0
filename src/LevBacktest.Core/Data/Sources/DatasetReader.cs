namespace LevBacktest.Core.Data.Sources;

/// <summary>
/// Reads a dataset of many files (a folder, a glob, Hive-style partitions) as one series: every file is read
/// on its own (so errors name the file and its row), files of another symbol's partition are skipped, the
/// files are put in time order and must cover disjoint spans (an overlap names both files), and their rows are
/// concatenated. Gaps between files are left for the gap report, like gaps inside one file.
/// </summary>
internal static class DatasetReader
{
    /// <summary>One file's share of a series: its rows and first and last time (UTC ms).</summary>
    public readonly record struct Part(string File, int Count, long First, long Last);

    /// <summary>Reads price or mark bars from every file <paramref name="path"/> names.</summary>
    /// <param name="path">A file, folder or glob.</param>
    /// <param name="symbol">The wanted symbol, or null when not known.</param>
    /// <param name="readFile">Reads one file's bars for a symbol.</param>
    /// <exception cref="MarketDataException">No file matches, files of several symbols, overlapping files, or a file's own error.</exception>
    public static (BarColumns Bars, IReadOnlyList<Part> Parts) ReadBars(string path, string? symbol, Func<string, string?, BarColumns> readFile)
    {
        var files = SelectFiles(path, symbol, out string? partitionSymbol);
        if (files.Count == 1 && !DatasetFiles.IsDataset(path))
        {
            var single = readFile(files[0], symbol);
            return (single, [new Part(files[0], single.Count, First(single.OpenTimeMs), Last(single.OpenTimeMs))]);
        }

        var read = files.Select(file => readFile(file, symbol ?? partitionSymbol)).Where(bars => bars.Count > 0).ToList();
        var parts = Order(path, read, bars => bars.OpenTimeMs, bars => bars.Table.Path, read.FirstOrDefault()?.TimeColumn);
        var first = parts.Count > 0 ? parts[0] : read.FirstOrDefault() ?? readFile(files[0], symbol ?? partitionSymbol);
        bool volume = parts.Count > 0 && parts.All(bars => bars.Volume is not null);
        var bars = new BarColumns
        {
            Rows = new RowNamer(new DatasetTable(path, [.. parts.Select(p => p.Rows)], [.. parts.Select(p => p.Count)]), null),
            OpenTimeMs = [.. parts.SelectMany(p => p.OpenTimeMs)],
            Open = [.. parts.SelectMany(p => p.Open)],
            High = [.. parts.SelectMany(p => p.High)],
            Low = [.. parts.SelectMany(p => p.Low)],
            Close = [.. parts.SelectMany(p => p.Close)],
            Volume = volume ? [.. parts.SelectMany(p => p.Volume!)] : null,
            TimeColumn = first.TimeColumn,
            OpenColumn = first.OpenColumn,
            HighColumn = first.HighColumn,
            LowColumn = first.LowColumn,
            CloseColumn = first.CloseColumn,
            VolumeColumn = volume ? first.VolumeColumn : null,
            SymbolInData = OneSymbol(path, parts.Select(p => p.SymbolInData)) ?? partitionSymbol,
        };
        return (bars, [.. parts.Select(p => new Part(p.Table.Path, p.Count, First(p.OpenTimeMs), Last(p.OpenTimeMs)))]);
    }

    /// <summary>Reads funding settlements from every file <paramref name="path"/> names.</summary>
    /// <param name="path">A file, folder or glob.</param>
    /// <param name="symbol">The wanted symbol, or null when not known.</param>
    /// <param name="readFile">Reads one file's settlements for a symbol.</param>
    /// <exception cref="MarketDataException">No file matches, files of several symbols, overlapping files, or a file's own error.</exception>
    public static (FundingColumns Funding, IReadOnlyList<Part> Parts) ReadFunding(string path, string? symbol, Func<string, string?, FundingColumns> readFile)
    {
        var files = SelectFiles(path, symbol, out string? partitionSymbol);
        if (files.Count == 1 && !DatasetFiles.IsDataset(path))
        {
            var single = readFile(files[0], symbol);
            return (single, [new Part(files[0], single.Count, First(single.TimeMs), Last(single.TimeMs))]);
        }

        var read = files.Select(file => readFile(file, symbol ?? partitionSymbol)).Where(funding => funding.Count > 0).ToList();
        var parts = Order(path, read, funding => funding.TimeMs, funding => funding.Table.Path, read.FirstOrDefault()?.TimeColumn);
        var first = parts.Count > 0 ? parts[0] : read.FirstOrDefault() ?? readFile(files[0], symbol ?? partitionSymbol);
        bool markPrice = parts.Any(p => p.MarkPrice is not null);
        var funding = new FundingColumns
        {
            Rows = new RowNamer(new DatasetTable(path, [.. parts.Select(p => p.Rows)], [.. parts.Select(p => p.Count)]), null),
            TimeMs = [.. parts.SelectMany(p => p.TimeMs)],
            Rate = [.. parts.SelectMany(p => p.Rate)],

            // A file without the column has no mark price at its settlements (NaN, as a null would read).
            MarkPrice = markPrice ? [.. parts.SelectMany(p => p.MarkPrice ?? Enumerable.Repeat(double.NaN, p.Count).ToArray())] : null,
            TimeColumn = first.TimeColumn,
            RateColumn = first.RateColumn,
            MarkPriceColumn = markPrice ? parts.First(p => p.MarkPrice is not null).MarkPriceColumn : null,
            SymbolInData = OneSymbol(path, parts.Select(p => p.SymbolInData)) ?? partitionSymbol,
        };
        return (funding, [.. parts.Select(p => new Part(p.Table.Path, p.Count, First(p.TimeMs), Last(p.TimeMs)))]);
    }

    /// <summary>The files of the wanted symbol (by a <c>symbol=</c> partition folder when there is one).</summary>
    /// <summary>The files of <paramref name="path"/> for <paramref name="symbol"/>: other symbols' Hive partitions are left out.</summary>
    /// <exception cref="MarketDataException">No file matches, or the partitions hold several symbols and none was chosen, or not the chosen one.</exception>
    internal static List<string> SelectFiles(string path, string? symbol, out string? partitionSymbol)
    {
        var files = DatasetFiles.Expand(path).ToList();
        if (files.Count == 0)
        {
            throw new MarketDataException(path, null, null, DatasetFiles.IsDataset(path) ? "no Parquet or CSV file matches." : "the file does not exist.");
        }

        var symbols = files.Select(f => DatasetFiles.PartitionValue(f, "symbol")).Where(s => s is not null).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        partitionSymbol = null;
        if (symbols.Count == 0)
        {
            return files;
        }

        if (symbol is null)
        {
            if (symbols.Count > 1)
            {
                throw new MarketDataException(path, null, null, $"the dataset holds several symbols ({string.Join(", ", symbols)}); choose one (--symbol, spec data.symbol, or MarketDataRequest.Symbol).");
            }

            partitionSymbol = symbols[0];
            return files;
        }

        var kept = files.Where(f => DatasetFiles.PartitionValue(f, "symbol") is not { } value || string.Equals(value, symbol, StringComparison.OrdinalIgnoreCase)).ToList();
        if (kept.Count == 0)
        {
            throw new MarketDataException(path, null, null, $"no partition folder symbol={symbol}; the dataset holds {string.Join(", ", symbols)}.");
        }

        partitionSymbol = symbol;
        return kept;
    }

    /// <summary>The files' series in time order; an overlap between two files is an error naming both.</summary>
    private static List<T> Order<T>(string path, List<T> parts, Func<T, long[]> times, Func<T, string> file, string? timeColumn)
    {
        var ordered = parts.OrderBy(p => times(p)[0]).ThenBy(file, StringComparer.Ordinal).ToList();
        for (int k = 1; k < ordered.Count; k++)
        {
            long[] previous = times(ordered[k - 1]);
            long[] current = times(ordered[k]);
            if (current[0] <= previous[^1])
            {
                throw new MarketDataException(
                    file(ordered[k]),
                    null,
                    timeColumn,
                    $"its times {TimeText.Format(current[0])} to {TimeText.Format(current[^1])} overlap those of {file(ordered[k - 1])} ({TimeText.Format(previous[0])} to {TimeText.Format(previous[^1])}); the files of a dataset ({path}) must cover disjoint spans.");
            }
        }

        return ordered;
    }

    private static string? OneSymbol(string path, IEnumerable<string?> symbols)
    {
        var distinct = symbols.Where(s => s is not null).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (distinct.Count > 1)
        {
            throw new MarketDataException(path, null, null, $"the dataset's files hold different symbols ({string.Join(", ", distinct)}); choose one (--symbol, spec data.symbol, or MarketDataRequest.Symbol).");
        }

        return distinct.Count == 1 ? distinct[0] : null;
    }

    private static long First(long[] times) => times.Length == 0 ? 0 : times[0];

    private static long Last(long[] times) => times.Length == 0 ? 0 : times[^1];
}
