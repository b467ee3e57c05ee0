using System.Security.Cryptography;
using System.Text.RegularExpressions;

using LevBacktest.Core.Data.Sources;

namespace LevBacktest.Core.Data;

/// <summary>
/// Loads, validates and aligns market data: last-price bars, optional mark-price bars and funding
/// settlements, from Parquet or CSV files.
/// </summary>
/// <remarks>
/// <para>Column names recognised without configuration (exact first, then ignoring case; the first
/// present wins; <see cref="ColumnMapping"/> overrides any of them):</para>
/// <list type="bullet">
/// <item>Bar open time: open_time_ms, open_time, timestamp, ts, time, date, datetime. A file with both
/// open_time_ms and open_time uses open_time_ms (exact integer milliseconds, no conversion).</item>
/// <item>Prices: open, high, low, close, volume, in any letter case. Mark files need no volume.</item>
/// <item>Funding time: funding_time_ms, funding_time, fundingTime, calc_time, settlement_ts, then the
/// bar time names. Funding rate: funding_rate, fundingRate, last_funding_rate, rate_raw, rate, else
/// open (freqtrade's funding-rate table). Mark price at settlement: mark_price, markPrice (optional).</item>
/// <item>Symbol (multi-symbol files): canonical_symbol, venue_symbol, symbol.</item>
/// </list>
/// <para>Times may be Parquet TIMESTAMP (ms/us/ns), DATE, INT96, integer or floating-point epochs
/// (unit from <see cref="MarketDataRequest.TimeUnit"/>, else detected when unambiguous) or ISO-8601
/// text; they become UTC epoch milliseconds (sub-millisecond parts floored). Prices may be DOUBLE,
/// FLOAT, DECIMAL or integers.</para>
/// <para>Order of work: read and validate each file completely (errors name file, row and column),
/// join mark bars to price bars by open time and apply <see cref="MissingMarkPolicy"/>, keep
/// [FromMs, ToMs), resample, then keep the funding settlements that settle at one of the bars.
/// Gaps are reported, never filled.</para>
/// </remarks>
public static class MarketDataLoader
{
    private static readonly Regex SymbolLikeName = new("^[A-Z0-9]{5,30}$", RegexOptions.CultureInvariant);

    /// <summary>Loads the files named by <paramref name="request"/>.</summary>
    /// <param name="request">Files, column names, time range, resampling and mark policy.</param>
    /// <returns>The data, its validation report and the files' fingerprints (hashed in the background; see <see cref="LoadedMarketData.Files"/>).</returns>
    /// <exception cref="MarketDataException">A file is missing or unreadable, a column is missing or
    /// ambiguous, a value fails validation, or the mark/funding files do not match the prices.</exception>
    /// <exception cref="ArgumentException">The request itself is inconsistent (empty path, FromMs ≥ ToMs, bad resample interval).</exception>
    public static LoadedMarketData Load(MarketDataRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.PricesPath, nameof(request.PricesPath));
        if (request.FromMs is { } from && request.ToMs is { } to && from >= to)
        {
            throw new ArgumentException($"FromMs ({TimeText.Format(from)}) must be before ToMs ({TimeText.Format(to)}).", nameof(request));
        }

        // The mark file's rows are those of the prices' symbol, which a single prices file settles before its values are
        // converted. A plain mark file (not a dataset, no symbol= partition: its file list does not depend on the symbol) is
        // opened on another core at once and waits for that symbol only when it chooses its rows; otherwise its read starts
        // once the symbol is known. Errors keep their order (prices first).
        string? fileSymbol = PathSymbol(request.PricesPath);
        Task<(BarColumns Bars, IReadOnlyList<DatasetReader.Part> Parts)>? markRead = null;
        Action<string?>? startMarkRead = null;
        TaskCompletionSource<string?>? pricesSymbol = null;
        if (request.MarkPath is { } markPath && !DatasetFiles.IsDataset(request.PricesPath))
        {
            if (!DatasetFiles.IsDataset(markPath) && DatasetFiles.PartitionValue(markPath, "symbol") is null)
            {
                var symbolSettled = pricesSymbol = request.Symbol is null ? new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously) : null;
                Func<string?> markSymbol = symbolSettled is null
                    ? () => request.Symbol
                    : () => symbolSettled.Task.GetAwaiter().GetResult() ?? fileSymbol;
                markRead = Task.Run(() => Checked(ReadBars(markPath, request.MarkColumns, markSymbol, request.TimeUnit, withVolume: false)));
                startMarkRead = symbolSettled is null ? null : symbolInData => symbolSettled.TrySetResult(symbolInData);
            }
            else
            {
                startMarkRead = symbolInData => markRead = Task.Run(() => Checked(ReadBars(markPath, request.MarkColumns, request.Symbol ?? symbolInData ?? fileSymbol, request.TimeUnit, withVolume: false)));
            }
        }

        try
        {
            return ReadAndAlign(request, fileSymbol, startMarkRead, () => markRead);
        }
        catch when (markRead is not null)
        {
            // The prices (or what follows them) failed first: let the mark read end before reporting, so nothing reads
            // the files after Load has returned (a mark read still waiting for the prices' symbol gives up); its own
            // error, if any, is not the one to report.
            pricesSymbol?.TrySetCanceled();
            try
            {
                markRead.Wait();
            }
            catch (AggregateException)
            {
            }

            throw;
        }
    }

    private static LoadedMarketData ReadAndAlign(MarketDataRequest request, string? fileSymbol, Action<string?>? startMarkRead, Func<Task<(BarColumns Bars, IReadOnlyList<DatasetReader.Part> Parts)>?> markRead)
    {
        var sink = ValidationSink.Throwing();
        var warnings = new List<string>();
        var (prices, priceParts) = ReadBars(request.PricesPath, request.PriceColumns, request.Symbol, request.TimeUnit, withVolume: true, startMarkRead);
        SeriesValidator.ValidateBars(prices, sink);
        long interval = SeriesValidator.InferInterval(prices, request.BarIntervalMs, sink);
        string symbol = request.Symbol ?? prices.SymbolInData ?? fileSymbol ?? Path.GetFileNameWithoutExtension(request.PricesPath);
        string? knownSymbol = request.Symbol ?? prices.SymbolInData ?? fileSymbol;
        var volume = prices.Volume;
        if (volume is null)
        {
            volume = new double[prices.Count];
            warnings.Add($"{request.PricesPath}: no volume column; volume is 0 for every bar.");
        }
        else
        {
            WarnZeroVolume(request.PricesPath, prices, warnings);
        }

        var files = new List<DatasetReader.Part>(priceParts);

        ReadOnlyMemory<long> times = prices.OpenTimeMs;
        ReadOnlyMemory<double> open = prices.Open, high = prices.High, low = prices.Low, close = prices.Close, vol = volume;
        ReadOnlyMemory<double> markOpen = default, markHigh = default, markLow = default, markClose = default;
        bool[]? fallback = null;
        int markWithoutPrice = 0, trimmed = 0;
        if (request.MarkPath is not null)
        {
            // Read on another core when started above, with the same symbol (a single prices file's SymbolInData is the one
            // its symbol selection reported).
            // A mark read started on another core has validated its bars there (Checked): its first bad bar is rethrown here,
            // after the prices' checks, where a read on this thread would have reported it.
            var started = markRead();
            var (mark, markParts) = started is not null
                ? started.GetAwaiter().GetResult()
                : ReadBars(request.MarkPath, request.MarkColumns, knownSymbol, request.TimeUnit, withVolume: false);
            if (started is null)
            {
                SeriesValidator.ValidateBars(mark, sink);
            }

            CheckSameSymbol(request.MarkPath, mark.SymbolInData ?? PathSymbol(request.MarkPath), knownSymbol, request.PricesPath, "mark-price");
            if (mark.Count >= 2)
            {
                long markInterval = SeriesValidator.InferInterval(mark, null, sink);
                if (markInterval != interval)
                {
                    throw new MarketDataException(request.MarkPath, null, mark.TimeColumn, $"the mark-price bars are {TimeText.Duration(markInterval)} apart but the price bars in {request.PricesPath} are {TimeText.Duration(interval)}; mark and price series must have the same interval.");
                }
            }

            files.AddRange(markParts);
            var alignment = MarkAlignment.Align(prices, mark, interval, request.MarkPriceFallback);
            int start = alignment.Start, length = alignment.End - alignment.Start;
            times = times.Slice(start, length);
            open = open.Slice(start, length);
            high = high.Slice(start, length);
            low = low.Slice(start, length);
            close = close.Slice(start, length);
            vol = vol.Slice(start, length);
            (markOpen, markHigh, markLow, markClose) = (alignment.Open, alignment.High, alignment.Low, alignment.Close);
            markWithoutPrice = alignment.MarkBarsWithoutPriceBar;
            trimmed = alignment.TrimmedBarCount;
            fallback = alignment.Fallback;
        }

        var funding = FundingEvents.Empty;
        int fundingInFile = 0;
        if (request.FundingPath is not null)
        {
            var (columns, fundingParts) = ReadFunding(request.FundingPath, request.FundingColumns, knownSymbol, request.TimeUnit);
            SeriesValidator.ValidateFunding(columns, sink);
            CheckSameSymbol(request.FundingPath, columns.SymbolInData ?? PathSymbol(request.FundingPath), knownSymbol, request.PricesPath, "funding");
            files.AddRange(fundingParts);
            funding = new FundingEvents(columns.TimeMs, columns.Rate, columns.MarkPrice ?? ReadOnlyMemory<double>.Empty);
            fundingInFile = columns.Count;
        }

        var data = new MarketData(symbol, interval, times, open, high, low, close, vol, markOpen, markHigh, markLow, markClose, funding);

        // Time range: bars in [FromMs, ToMs).
        if (request.FromMs is not null || request.ToMs is not null)
        {
            long fromMs = request.FromMs ?? long.MinValue + FundingEvents.SettlementToleranceMs;
            long toMs = request.ToMs ?? long.MaxValue;
            var span = data.OpenTimeMs.Span;
            int first = FundingEvents.LowerBound(span, fromMs);
            int end = Math.Max(first, FundingEvents.LowerBound(span, toMs));
            if (end == first)
            {
                string window = $"[{(request.FromMs is { } f ? TimeText.Format(f) : "the start")}, {(request.ToMs is { } t ? TimeText.Format(t) : "the end")})";
                string held = span.Length == 0 ? "no bars" : $"bars from {TimeText.Format(span[0])} to {TimeText.Format(span[^1])}";
                throw new MarketDataException(request.PricesPath, null, null, $"the run window {window} holds no bars; the file holds {held}.");
            }

            data = data.Slice(fromMs, toMs);
            if (fallback is not null)
            {
                fallback = fallback[first..end];
            }
        }

        long? resampledFrom = null;
        int droppedEdges = 0, incompleteBuckets = 0;
        if (request.ResampleIntervalMs is { } target && target != data.BarIntervalMs)
        {
            resampledFrom = data.BarIntervalMs;
            data = MarketDataResampler.Resample(data, target, request.PartialBuckets, out var summary, out int[] sourceStart);
            droppedEdges = summary.DroppedEdgeBucketCount;
            incompleteBuckets = summary.IncompleteBucketCount;
            if (fallback is not null)
            {
                var coarse = new bool[data.Count];
                for (int k = 0; k < data.Count; k++)
                {
                    for (int i = sourceStart[k]; i < sourceStart[k + 1]; i++)
                    {
                        coarse[k] |= fallback[i];
                    }
                }

                fallback = coarse;
            }
        }

        // Keep the settlements that settle at one of the bars.
        var kept = FundingWindow.Within(data.Funding, data.OpenTimeMs.Span);
        if (kept.Count != data.Funding.Count)
        {
            data = new MarketData(data.Symbol, data.BarIntervalMs, data.OpenTimeMs, data.Open, data.High, data.Low, data.Close, data.Volume, data.MarkOpen, data.MarkHigh, data.MarkLow, data.MarkClose, kept);
        }

        // Hash the files once they are read, one after another on a thread of their own: the hashes are wanted only for
        // summary.json, and the run that follows leaves the other core free (on the thread pool they would hold up the
        // runs' tasks; while the files are read they would compete with the mark file's read).
        var hashes = StartHashes(files.Select(part => part.File).Distinct(StringComparer.Ordinal).ToArray());
        var fingerprints = new Lazy<IReadOnlyList<DataFileFingerprint>>(() => files.Select(f => new DataFileFingerprint(f.File, AwaitHash(f.File, hashes[f.File]), f.Count, f.First, f.Last)).ToArray());
        var report = BuildReport(data, request.MarkPath is not null, fallback, markWithoutPrice, trimmed, fundingInFile, resampledFrom, droppedEdges, incompleteBuckets, warnings);
        return new LoadedMarketData(data, report, fingerprints);
    }

    /// <summary>
    /// The symbol a file name announces: its leading token (up to the first '-', '_' or '.') when that
    /// is 5–30 upper-case letters and digits, e.g. "BTCUSDT-1h.parquet" → "BTCUSDT"; else null.
    /// </summary>
    /// <param name="path">A file path.</param>
    public static string? SymbolFromFileName(string path)
    {
        string name = Path.GetFileName(path);
        int end = name.IndexOfAny(['-', '_', '.']);
        string token = end < 0 ? name : name[..end];
        return SymbolLikeName.IsMatch(token) && token.Any(char.IsLetter) ? token : null;
    }

    /// <summary>SHA-256 of a file's bytes as lower-case hexadecimal.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static string Sha256OfFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static (BarColumns Bars, IReadOnlyList<DatasetReader.Part> Parts) ReadBars(string path, ColumnMapping mapping, string? symbol, EpochTimeUnit? unit, bool withVolume, Action<string?>? symbolSelected = null)
        => DatasetReader.ReadBars(path, symbol, (file, wanted) =>
        {
            var table = SourceFiles.Open(file);
            try
            {
                return SeriesReader.ReadBars(table, mapping, wanted, unit, withVolume, symbolSelected);
            }
            finally
            {
                (table as IDisposable)?.Dispose();
            }
        });

    /// <summary>The bars, once <see cref="SeriesValidator.ValidateBars"/> found nothing wrong with them (else its error).</summary>
    private static (BarColumns Bars, IReadOnlyList<DatasetReader.Part> Parts) Checked((BarColumns Bars, IReadOnlyList<DatasetReader.Part> Parts) read)
    {
        SeriesValidator.ValidateBars(read.Bars, ValidationSink.Throwing());
        return read;
    }

    /// <summary>Reads one plain file's bars (no dataset, no symbol= partition), asking for the symbol only when its rows are chosen.</summary>
    private static (BarColumns Bars, IReadOnlyList<DatasetReader.Part> Parts) ReadBars(string path, ColumnMapping mapping, Func<string?> symbolWhenNeeded, EpochTimeUnit? unit, bool withVolume)
        => DatasetReader.ReadBars(path, null, (file, _) =>
        {
            var table = SourceFiles.Open(file);
            try
            {
                return SeriesReader.ReadBars(table, mapping, symbolWhenNeeded, unit, withVolume);
            }
            finally
            {
                (table as IDisposable)?.Dispose();
            }
        });

    private static (FundingColumns Funding, IReadOnlyList<DatasetReader.Part> Parts) ReadFunding(string path, ColumnMapping mapping, string? symbol, EpochTimeUnit? unit)
        => DatasetReader.ReadFunding(path, symbol, (file, wanted) =>
        {
            var table = SourceFiles.Open(file);
            try
            {
                return SeriesReader.ReadFunding(table, mapping, wanted, unit);
            }
            finally
            {
                (table as IDisposable)?.Dispose();
            }
        });

    /// <summary>The symbol a path announces: a dataset's <c>symbol=</c> partition or its first file's name; a file's name.</summary>
    private static string? PathSymbol(string path)
    {
        if (!DatasetFiles.IsDataset(path))
        {
            return SymbolFromFileName(path);
        }

        var files = DatasetFiles.Expand(path);
        return files.Count == 0 ? null : DatasetFiles.PartitionValue(files[0], "symbol") ?? SymbolFromFileName(files[0]);
    }

    private static string AwaitHash(string path, Task<string> hash)
    {
        try
        {
            return hash.GetAwaiter().GetResult();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new MarketDataException($"{path}: cannot read the file to fingerprint it: {exception.Message}", exception);
        }
    }

    private static Dictionary<string, Task<string>> StartHashes(string[] files)
    {
        var results = files.ToDictionary(file => file, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously), StringComparer.Ordinal);
        var thread = new Thread(() =>
        {
            foreach (string file in files)
            {
                try
                {
                    results[file].SetResult(Sha256OfFile(file));
                }
                catch (Exception exception)
                {
                    results[file].SetException(exception);
                }
            }
        })
        {
            IsBackground = true,
            Name = "data file fingerprints",
        };
        thread.Start();
        return results.ToDictionary(pair => pair.Key, pair =>
        {
            // A failed load may never await it; observe the exception so it is not reported as unobserved.
            var task = pair.Value.Task;
            task.ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
            return task;
        }, StringComparer.Ordinal);
    }

    private static void CheckSameSymbol(string path, string? fileSymbol, string? priceSymbol, string pricesPath, string what)
    {
        if (fileSymbol is not null && priceSymbol is not null && !string.Equals(fileSymbol, priceSymbol, StringComparison.OrdinalIgnoreCase))
        {
            throw new MarketDataException(path, null, null, $"the {what} file is for {fileSymbol} but the prices in {pricesPath} are for {priceSymbol}; mark, funding and price series must be of the same symbol.");
        }
    }

    private static void WarnZeroVolume(string path, BarColumns prices, List<string> warnings)
    {
        var volume = prices.Volume!;
        int zero = 0, firstZero = -1;
        for (int i = 0; i < volume.Length; i++)
        {
            if (volume[i] == 0)
            {
                zero++;
                if (firstZero < 0)
                {
                    firstZero = i;
                }
            }
        }

        if (zero > 0)
        {
            warnings.Add($"{path}: {zero} bar(s) have zero volume, the first at {TimeText.Format(prices.OpenTimeMs[firstZero])} ({prices.Rows.Describe(firstZero)}).");
        }
    }

    private static DataValidationReport BuildReport(
        MarketData data,
        bool hasMarkFile,
        bool[]? fallback,
        int markWithoutPrice,
        int trimmed,
        int fundingInFile,
        long? resampledFrom,
        int droppedEdges,
        int incompleteBuckets,
        List<string> warnings)
    {
        var times = data.OpenTimeMs.Span;
        var spans = new List<BarSpan>();
        int fallbackCount = 0;
        if (fallback is not null)
        {
            int runStart = -1;
            for (int k = 0; k <= fallback.Length; k++)
            {
                bool isFallback = k < fallback.Length && fallback[k];
                if (isFallback)
                {
                    fallbackCount++;
                    if (runStart < 0)
                    {
                        runStart = k;
                    }
                }
                else if (runStart >= 0)
                {
                    spans.Add(new BarSpan(times[runStart], times[k - 1] + data.BarIntervalMs, k - runStart));
                    runStart = -1;
                }
            }
        }

        var fundingTimes = data.Funding.TimeMs.Span;
        return new DataValidationReport
        {
            Symbol = data.Symbol,
            BarIntervalMs = data.BarIntervalMs,
            BarCount = data.Count,
            FirstOpenTimeMs = times.IsEmpty ? 0 : times[0],
            LastOpenTimeMs = times.IsEmpty ? 0 : times[^1],
            Gaps = SeriesAnalysis.FindGaps(times, data.BarIntervalMs),
            HasMarkFile = hasMarkFile,
            MarkFallbackBarCount = fallbackCount,
            MarkFallbackSpans = spans,
            MarkBarsWithoutPriceBar = markWithoutPrice,
            BarsTrimmedToMark = trimmed,
            FundingEventCount = data.Funding.Count,
            FundingEventsOutsideBars = fundingInFile - data.Funding.Count,
            FundingIntervals = SeriesAnalysis.FundingIntervals(fundingTimes),
            FundingEventsWithJitter = SeriesAnalysis.CountJitter(fundingTimes),
            ResampledFromIntervalMs = resampledFrom,
            DroppedEdgeBuckets = droppedEdges,
            IncompleteBuckets = incompleteBuckets,
            Warnings = warnings,
        };
    }

}
