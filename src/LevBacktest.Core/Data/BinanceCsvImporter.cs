using LevBacktest.Core.Data.Sources;

namespace LevBacktest.Core.Data;

/// <summary>
/// Reads the CSV files Binance publishes at data.binance.vision — kline, mark-price kline and
/// funding-rate files, with or without a header row, plain or zipped — and freqtrade-style tables
/// (header <c>date,open,high,low,close,volume</c>; funding tables with the rate in <c>open</c>),
/// and joins the files of one series (e.g. one per month) into one time-ordered series.
/// </summary>
/// <remarks>
/// Each file is validated on its own (errors name file, line and column). Files may overlap (daily
/// and monthly downloads of the same days): a row repeated with identical values is kept once and
/// counted; a repeated open time with different values is an error naming both files and lines.
/// Epoch times are converted by magnitude per file, so Binance's switch from milliseconds to
/// microseconds in 2025 spot files needs no option. Any file <see cref="MarketDataLoader"/> reads
/// (Parquet included) is accepted.
/// </remarks>
public static class BinanceCsvImporter
{
    /// <summary>Reads and joins kline (or mark-price kline) files.</summary>
    /// <param name="paths">The files, in any order.</param>
    /// <param name="symbol">The symbol; null to take it from the file names (e.g. <c>BTCUSDT-1h-2024-01.zip</c>), which must then agree.</param>
    /// <param name="markPrices">True for mark-price klines: no volume is kept.</param>
    /// <param name="duplicateRows">Rows dropped because another file had the same row.</param>
    /// <returns>The joined series with strictly increasing open times.</returns>
    /// <exception cref="MarketDataException">A file is unreadable or invalid, the symbol cannot be told, or two files disagree about a bar.</exception>
    public static BarSeries ReadBars(IReadOnlyList<string> paths, string? symbol, bool markPrices, out int duplicateRows)
    {
        ArgumentNullException.ThrowIfNull(paths);
        string resolvedSymbol = ResolveSymbol(paths, symbol);
        var parts = new List<BarColumns>();
        foreach (string path in paths)
        {
            var table = SourceFiles.Open(path);
            try
            {
                var bars = SeriesReader.ReadBars(table, ColumnMapping.Auto, symbol, null, withVolume: !markPrices);
                SeriesValidator.ValidateBars(bars, ValidationSink.Throwing());
                parts.Add(bars);
            }
            finally
            {
                (table as IDisposable)?.Dispose();
            }
        }

        var order = MergeOrder(parts.Select(p => p.OpenTimeMs).ToList());
        var keep = new List<(int Part, int Row)>(order.Count);
        duplicateRows = 0;
        foreach (var (part, row) in order)
        {
            if (keep.Count > 0)
            {
                var (previousPart, previousRow) = keep[^1];
                var a = parts[previousPart];
                var b = parts[part];
                if (a.OpenTimeMs[previousRow] == b.OpenTimeMs[row])
                {
                    bool same = a.Open[previousRow] == b.Open[row] && a.High[previousRow] == b.High[row] && a.Low[previousRow] == b.Low[row]
                        && a.Close[previousRow] == b.Close[row] && (a.Volume is null || a.Volume[previousRow] == b.Volume![row]);
                    if (!same)
                    {
                        throw b.Rows.Error(row, b.TimeColumn, $"open time {TimeText.Format(b.OpenTimeMs[row])} is also in {a.Table.Path}, {a.Rows.Describe(previousRow)}, with different prices or volume.");
                    }

                    duplicateRows++;
                    continue;
                }
            }

            keep.Add((part, row));
        }

        int n = keep.Count;
        var time = new long[n];
        var open = new double[n];
        var high = new double[n];
        var low = new double[n];
        var close = new double[n];
        var volume = markPrices ? null : new double[n];
        for (int i = 0; i < n; i++)
        {
            var (part, row) = keep[i];
            var source = parts[part];
            time[i] = source.OpenTimeMs[row];
            open[i] = source.Open[row];
            high[i] = source.High[row];
            low[i] = source.Low[row];
            close[i] = source.Close[row];
            if (volume is not null)
            {
                volume[i] = source.Volume?[row] ?? 0;
            }
        }

        return new BarSeries(resolvedSymbol, time, open, high, low, close, volume);
    }

    /// <summary>Reads and joins funding-rate files (Binance <c>calc_time,funding_interval_hours,last_funding_rate</c>, or any recognised layout).</summary>
    /// <param name="paths">The files, in any order.</param>
    /// <param name="symbol">The symbol; null to take it from the file names.</param>
    /// <param name="duplicateRows">Rows dropped because another file had the same row.</param>
    /// <returns>The symbol and the joined settlements (with mark prices when every file has them).</returns>
    /// <exception cref="MarketDataException">A file is unreadable or invalid, the symbol cannot be told, or two files disagree about a settlement.</exception>
    public static (string Symbol, FundingEvents Funding) ReadFunding(IReadOnlyList<string> paths, string? symbol, out int duplicateRows)
    {
        ArgumentNullException.ThrowIfNull(paths);
        string resolvedSymbol = ResolveSymbol(paths, symbol);
        var parts = new List<FundingColumns>();
        foreach (string path in paths)
        {
            var table = SourceFiles.Open(path);
            try
            {
                var funding = SeriesReader.ReadFunding(table, ColumnMapping.Auto, symbol, null);
                SeriesValidator.ValidateFunding(funding, ValidationSink.Throwing());
                parts.Add(funding);
            }
            finally
            {
                (table as IDisposable)?.Dispose();
            }
        }

        bool withMark = parts.Count > 0 && parts.All(p => p.MarkPrice is not null);
        var order = MergeOrder(parts.Select(p => p.TimeMs).ToList());
        var times = new List<long>(order.Count);
        var rates = new List<double>(order.Count);
        var marks = new List<double>(order.Count);
        (int Part, int Row) previous = (-1, -1);
        duplicateRows = 0;
        foreach (var (part, row) in order)
        {
            var current = parts[part];
            if (times.Count > 0 && times[^1] == current.TimeMs[row])
            {
                var earlier = parts[previous.Part];
                if (earlier.Rate[previous.Row] != current.Rate[row])
                {
                    throw current.Rows.Error(row, current.TimeColumn, $"funding time {TimeText.Format(current.TimeMs[row])} is also in {earlier.Table.Path}, {earlier.Rows.Describe(previous.Row)}, with a different rate.");
                }

                duplicateRows++;
                continue;
            }

            times.Add(current.TimeMs[row]);
            rates.Add(current.Rate[row]);
            if (withMark)
            {
                marks.Add(current.MarkPrice![row]);
            }

            previous = (part, row);
        }

        return (resolvedSymbol, new FundingEvents(times.ToArray(), rates.ToArray(), withMark ? marks.ToArray() : ReadOnlyMemory<double>.Empty));
    }

    private static string ResolveSymbol(IReadOnlyList<string> paths, string? symbol)
    {
        if (paths.Count == 0)
        {
            throw new MarketDataException("No input files were given.");
        }

        if (symbol is not null)
        {
            return symbol;
        }

        var named = paths.Select(p => (Path: p, Symbol: MarketDataLoader.SymbolFromFileName(p))).ToArray();
        if (named.FirstOrDefault(n => n.Symbol is null) is { Path: not null } unnamed)
        {
            throw new MarketDataException(unnamed.Path, null, null, "the file name does not start with a symbol (like BTCUSDT-1h-2024-01.zip); give the symbol (--symbol).");
        }

        var distinct = named.Select(n => n.Symbol!).Distinct(StringComparer.Ordinal).ToArray();
        if (distinct.Length > 1)
        {
            throw new MarketDataException($"The files are for different symbols ({string.Join(", ", distinct)}); import one symbol at a time.");
        }

        return distinct[0];
    }

    /// <summary>All (part, row) pairs ordered by time; among equal times, by part then row (stable).</summary>
    private static List<(int Part, int Row)> MergeOrder(List<long[]> times)
    {
        int total = times.Sum(t => t.Length);
        var keys = new long[total];
        var items = new (int Part, int Row)[total];
        int k = 0;
        for (int part = 0; part < times.Count; part++)
        {
            for (int row = 0; row < times[part].Length; row++)
            {
                keys[k] = times[part][row];
                items[k++] = (part, row);
            }
        }

        // Array.Sort is not stable: sort by (time, part, row) explicitly.
        var index = Enumerable.Range(0, total).ToArray();
        Array.Sort(index, (x, y) =>
        {
            int byTime = keys[x].CompareTo(keys[y]);
            return byTime != 0 ? byTime : x.CompareTo(y);
        });
        return index.Select(i => items[i]).ToList();
    }
}
