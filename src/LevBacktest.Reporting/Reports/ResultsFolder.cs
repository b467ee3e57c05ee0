using System.Globalization;
using System.Text.Json;

using LevBacktest.Core.Experiments.Results;
using LevBacktest.Parquet;

namespace LevBacktest.Reporting.Reports;

/// <summary>
/// A results folder written by <c>levbt run</c>, read back from disk: <c>summary.json</c> (spec, data, sweep,
/// metrics per run) at once, and the rows of the Parquet tables <c>equity</c>, <c>trades</c>, <c>liquidations</c>,
/// <c>funding</c> and <c>stops</c> only for the runs asked for (<see cref="Load"/>, or a run's first
/// <see cref="EquityOf"/>, …), skipping row groups that hold none of them: a report of a 10,000-run sweep reads the
/// curves of the runs it draws, not the whole folder. The report is drawn only from this model, so
/// <c>levbt report DIR</c> redraws exactly what <c>levbt run</c> drew. Thread-safe.
/// </summary>
public sealed class ResultsFolder
{
    private readonly Dictionary<int, ResultsRun> _runsByIndex;
    private readonly object _gate = new();
    private readonly HashSet<int> _loaded = [];
    private readonly Dictionary<int, RunEquityCurve> _equity = [];
    private readonly Dictionary<int, List<LiquidationEvent>> _liquidations = [];
    private readonly Dictionary<int, List<FundingSettlement>> _funding = [];
    private readonly Dictionary<int, List<StopFill>> _stops = [];
    private readonly Dictionary<int, long[]> _entryTimes = [];

    /// <summary>True when the folder was built by <see cref="FromParts"/>: no files, no rows.</summary>
    private bool _fromParts;

    private ResultsFolder(
        string directory,
        JsonElement summary,
        ResultsDataSummary data,
        IReadOnlyList<ResultsAxis> axes,
        IReadOnlyList<ResultsRun> runs)
    {
        Directory = directory;
        Experiment = summary.TryGetProperty("experiment", out var name) ? name.GetString() ?? "experiment" : "experiment";
        Tool = summary.TryGetProperty("tool", out var tool) ? tool.GetString() ?? string.Empty : string.Empty;
        SpecJson = summary.TryGetProperty("spec", out var spec)
            ? JsonSerializer.Serialize(spec, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            : "{}";
        Description = spec.ValueKind == JsonValueKind.Object && spec.TryGetProperty("description", out var description) ? description.GetString() : null;
        var overrides = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (summary.TryGetProperty("overrides", out var o) && o.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in o.EnumerateObject())
            {
                overrides[p.Name] = p.Value.ToString();
            }
        }

        Overrides = overrides;
        Data = data;
        Axes = axes;
        Runs = runs;
        _runsByIndex = runs.ToDictionary(r => r.RunIndex);
        InitialCapital = runs.Count > 0 ? runs[0].Metric("initialCapital") : double.NaN;
    }

    /// <summary>The folder, full path.</summary>
    public string Directory { get; }

    /// <summary>Experiment name from the spec.</summary>
    public string Experiment { get; }

    /// <summary>The spec's description, or null.</summary>
    public string? Description { get; }

    /// <summary>Tool and version that wrote the folder, e.g. "levbt 0.1.0".</summary>
    public string Tool { get; }

    /// <summary>The spec as run (indented JSON).</summary>
    public string SpecJson { get; }

    /// <summary>Command-line overrides of the spec (name → value).</summary>
    public IReadOnlyDictionary<string, string> Overrides { get; }

    /// <summary>The market data the runs used.</summary>
    public ResultsDataSummary Data { get; }

    /// <summary>Sweep axes in spec order.</summary>
    public IReadOnlyList<ResultsAxis> Axes { get; }

    /// <summary>The runs in this folder, ascending run index.</summary>
    public IReadOnlyList<ResultsRun> Runs { get; }

    /// <summary>Initial capital of the runs, USDT.</summary>
    public double InitialCapital { get; }

    /// <summary>Liquidations of every run together (summary.json's <c>liquidationCount</c> metrics summed; no table is read).</summary>
    public int LiquidationCount => Runs.Sum(r => r.LiquidationCount);

    /// <summary>
    /// Whether equity.parquet has the <c>liquidationPrice</c> column (folders written by early versions lack
    /// it); without it <see cref="RunEquityCurve.LiquidationPrice"/> is all NaN.
    /// </summary>
    public bool HasLiquidationPrices { get; private init; }

    /// <summary>
    /// Open times (UTC epoch milliseconds) of the entry bars of a run's positions, ascending, from trades.parquet:
    /// where a position starts, including a reversal from long to short or a re-entry at the bar another
    /// position left, which equity.parquet alone cannot show. Empty when the run traded nothing or the folder
    /// has no trades.parquet.
    /// </summary>
    /// <param name="runIndex">Index in the sweep.</param>
    public IReadOnlyList<long> PositionEntryTimesOf(int runIndex) => Loaded(runIndex, () => _entryTimes.TryGetValue(runIndex, out var times) ? times : []);

    /// <summary>
    /// The unit of the money figures: "USDT", or for inverse (coin-margined) contracts the coin — the portfolio's
    /// settlement asset, or the data symbol's base (BTCUSD_PERP, BTCUSDT → BTC).
    /// </summary>
    public string MoneyUnit { get; private init; } = "USDT";

    /// <summary>True when the money is a coin (inverse contracts): the runs' <see cref="ResultsRun.UsdMetrics"/> value it in USD.</summary>
    public bool IsInverse { get; private init; }

    /// <summary>The portfolio of a portfolio's folder (summary.json <c>portfolio</c>), or null for a single instrument.</summary>
    public ResultsPortfolio? Portfolio { get; private init; }

    private IReadOnlyDictionary<int, IReadOnlyList<InstrumentExposure>> Exposure { get; init; } = new Dictionary<int, IReadOnlyList<InstrumentExposure>>();

    /// <summary>A portfolio run's exposure by instrument (exposure.parquet), in spec order; empty for a single instrument.</summary>
    /// <param name="runIndex">Index in the sweep.</param>
    public IReadOnlyList<InstrumentExposure> ExposureOf(int runIndex) => Exposure.TryGetValue(runIndex, out var exposure) ? exposure : [];

    /// <summary>The leverage axis, or null when the sweep has none.</summary>
    public ResultsAxis? LeverageAxis => Axes.FirstOrDefault(a => a.IsLeverage);

    /// <summary>The run with index <paramref name="runIndex"/>.</summary>
    /// <param name="runIndex">Index in the sweep.</param>
    /// <exception cref="ArgumentException">The folder has no such run (the message lists the range).</exception>
    public ResultsRun Run(int runIndex) => _runsByIndex.TryGetValue(runIndex, out var run)
        ? run
        : throw new ArgumentException($"run {runIndex} is not in {Directory}; it holds runs {Runs[0].RunIndex}..{Runs[^1].RunIndex}.");

    /// <summary>
    /// What equity.parquet keeps of each run's curve (summary.json's <c>equityStorage</c>): full, downsampled (each
    /// bucket's lowest and highest bar, see <see cref="EquityDownsampler"/>) or none, when <see cref="EquityOf"/> is
    /// empty for every run.
    /// </summary>
    public EquityStorage EquityStorage { get; private init; } = EquityStorage.Full;

    /// <summary>The equity curve of a run (empty when the run has no bars or the folder keeps no curves).</summary>
    /// <param name="runIndex">Index in the sweep.</param>
    /// <exception cref="ResultsFolderException">A table of the folder is unreadable.</exception>
    public RunEquityCurve EquityOf(int runIndex) => Loaded(runIndex, () => _equity.TryGetValue(runIndex, out var curve)
        ? curve
        : new RunEquityCurve(runIndex, ReadOnlyMemory<long>.Empty, ReadOnlyMemory<double>.Empty, ReadOnlyMemory<double>.Empty, ReadOnlyMemory<double>.Empty, ReadOnlyMemory<double>.Empty, ReadOnlyMemory<double>.Empty));

    /// <summary>The liquidations of one run, in time order.</summary>
    /// <param name="runIndex">Index in the sweep.</param>
    /// <exception cref="ResultsFolderException">A table of the folder is unreadable.</exception>
    public IReadOnlyList<LiquidationEvent> LiquidationsOf(int runIndex) => Loaded(runIndex, () => _liquidations.TryGetValue(runIndex, out var list) ? list : []);

    /// <summary>The funding settlements of one run, in time order.</summary>
    /// <param name="runIndex">Index in the sweep.</param>
    /// <exception cref="ResultsFolderException">A table of the folder is unreadable.</exception>
    public IReadOnlyList<FundingSettlement> FundingOf(int runIndex) => Loaded(runIndex, () => _funding.TryGetValue(runIndex, out var list) ? list : []);

    /// <summary>The stop and take-profit fills of one run, in time order.</summary>
    /// <param name="runIndex">Index in the sweep.</param>
    /// <exception cref="ResultsFolderException">A table of the folder is unreadable.</exception>
    public IReadOnlyList<StopFill> StopsOf(int runIndex) => Loaded(runIndex, () => _stops.TryGetValue(runIndex, out var list) ? list : []);

    /// <summary>Funding settlements per run index (from funding.parquet's runIndex column alone), for every run.</summary>
    /// <exception cref="ResultsFolderException">funding.parquet is unreadable.</exception>
    public IReadOnlyDictionary<int, int> FundingCountsByRun() => RunRowReader.CountByRun(Path.Combine(Directory, "funding.parquet"));

    /// <summary>
    /// Reads the rows of <paramref name="runIndices"/> from every table in one pass per table (runs already read are
    /// left out), so that the <c>…Of</c> accessors of those runs need no further reading. Charts call it with the
    /// runs they draw before drawing in parallel.
    /// </summary>
    /// <param name="runIndices">Runs of this folder.</param>
    /// <exception cref="ResultsFolderException">A table of the folder is unreadable.</exception>
    public void Load(IEnumerable<int> runIndices)
    {
        ArgumentNullException.ThrowIfNull(runIndices);
        lock (_gate)
        {
            var runs = runIndices.Where(r => !_loaded.Contains(r)).ToHashSet();
            if (runs.Count == 0)
            {
                return;
            }

            if (_fromParts)
            {
                _loaded.UnionWith(runs);
                return;
            }

            if (EquityStorage.Kind != EquityStorageKind.None)
            {
                ReadEquity(Path.Combine(Directory, "equity.parquet"), runs, _equity);
            }

            ReadLiquidations(Path.Combine(Directory, "liquidations.parquet"), runs, _liquidations);
            ReadFunding(Path.Combine(Directory, "funding.parquet"), runs, _funding);
            ReadStops(Path.Combine(Directory, "stops.parquet"), runs, _stops);
            string trades = Path.Combine(Directory, "trades.parquet");
            if (File.Exists(trades))
            {
                ReadEntryTimes(trades, runs, _entryTimes);
            }

            _loaded.UnionWith(runs);
        }
    }

    private T Loaded<T>(int runIndex, Func<T> get)
    {
        lock (_gate)
        {
            if (!_loaded.Contains(runIndex))
            {
                Load([runIndex]);
            }

            return get();
        }
    }

    /// <summary>
    /// A short label of a run's sweep point: "10×" for a leverage-only sweep, else "10× · stop.distance 0.05"
    /// (axes with a single value are left out); "run N" when the sweep has no axis that varies.
    /// </summary>
    /// <param name="run">The run.</param>
    public string LabelOf(ResultsRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var parts = new List<string>();
        foreach (var axis in Axes)
        {
            if (axis.Count < 2 || !run.Parameters.TryGetValue(axis.Name, out string? value))
            {
                continue;
            }

            parts.Add(axis.IsLeverage ? value + "×" : $"{ShortAxisName(axis.Name)} {value}");
        }

        return parts.Count == 0 ? $"run {run.RunIndex}" : string.Join(" · ", parts);
    }

    /// <summary>The last segment of a dotted axis name ("strategy.stop.distance" → "stop.distance").</summary>
    internal static string ShortAxisName(string name)
    {
        int last = name.LastIndexOf('.');
        if (last <= 0)
        {
            return name;
        }

        int previous = name.LastIndexOf('.', last - 1);
        return previous < 0 ? name : name[(previous + 1)..];
    }

    /// <summary>A folder model from parts, without files (for the selection logic and its tests).</summary>
    internal static ResultsFolder FromParts(IReadOnlyList<ResultsAxis> axes, IReadOnlyList<ResultsRun> runs)
    {
        using var empty = JsonDocument.Parse("{}");
        var data = new ResultsDataSummary { Symbol = "TEST", BarIntervalMs = 3_600_000, BarCount = 0, FirstBarOpenTime = string.Empty, LastBarOpenTime = string.Empty };
        return new ResultsFolder(Path.GetTempPath(), empty.RootElement.Clone(), data, axes, runs) { _fromParts = true };
    }

    /// <summary>Reads a results folder.</summary>
    /// <param name="directory">The folder written by <c>levbt run</c>.</param>
    /// <exception cref="ResultsFolderException">The folder or a file is missing or malformed (the message names it).</exception>
    public static ResultsFolder Read(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        string full = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(full))
        {
            throw new ResultsFolderException($"results folder not found: {full}");
        }

        string summaryPath = Path.Combine(full, "summary.json");
        if (!File.Exists(summaryPath))
        {
            throw new ResultsFolderException($"{full} is not a results folder: it has no summary.json (write one with 'levbt run SPEC --out {directory}').");
        }

        JsonElement summary;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(summaryPath));
            summary = document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new ResultsFolderException($"{summaryPath}: not valid JSON ({exception.Message})", exception);
        }

        try
        {
            string format = summary.TryGetProperty("format", out var f) ? f.GetString() ?? string.Empty : string.Empty;
            if (!format.StartsWith("levbt-results/", StringComparison.Ordinal))
            {
                throw new ResultsFolderException($"{summaryPath}: not a levbt results summary (its \"format\" is '{format}', expected levbt-results/1).");
            }

            var data = ReadData(Required(summary, "data", summaryPath), summaryPath);
            var axes = ReadAxes(Required(summary, "sweep", summaryPath), summaryPath);
            var runs = ReadRuns(Required(summary, "runs", summaryPath), summaryPath);
            if (runs.Count == 0)
            {
                throw new ResultsFolderException($"{summaryPath}: the folder holds no runs.");
            }

            var storage = ReadEquityStorage(summary);
            // Only the schema is read here; rows are read per run when asked for. A folder that keeps no curves has
            // an empty equity.parquet. trades.parquet only gives the liquidation-price line its position boundaries,
            // and older readers never required it.
            string equityPath = ParquetPath(full, "equity.parquet");
            bool hasLiquidationPrices = storage.Kind != EquityStorageKind.None && HasColumn(equityPath, "liquidationPrice");
            foreach (string table in new[] { "liquidations.parquet", "funding.parquet", "stops.parquet" })
            {
                _ = ParquetPath(full, table);
            }

            var portfolio = ReadPortfolio(summary);
            bool inverse = portfolio is not null
                ? portfolio.SettlementAsset != "USDT"
                : summary.TryGetProperty("spec", out var specElement) && specElement.TryGetProperty("instrument", out var instrument)
                    && instrument.TryGetProperty("contract", out var contract) && contract.GetString() == "inverse";
            return new ResultsFolder(full, summary, data, axes, runs)
            {
                HasLiquidationPrices = hasLiquidationPrices,
                EquityStorage = storage,
                Portfolio = portfolio,
                IsInverse = inverse,
                MoneyUnit = !inverse ? "USDT" : portfolio?.SettlementAsset ?? CoinOf(data.Symbol),
                Exposure = portfolio is not null ? ReadExposure(ParquetPath(full, ResultsFolderFiles.ExposureFileName)) : new Dictionary<int, IReadOnlyList<InstrumentExposure>>(),
            };
        }
        catch (Exception exception) when (exception is InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new ResultsFolderException($"{summaryPath}: unexpected content ({exception.Message})", exception);
        }
    }

    private static string ParquetPath(string directory, string name)
    {
        string path = Path.Combine(directory, name);
        return File.Exists(path)
            ? path
            : throw new ResultsFolderException($"{directory} is incomplete: {name} is missing (rerun 'levbt run').");
    }

    private static JsonElement Required(JsonElement element, string name, string file)
        => element.TryGetProperty(name, out var value)
            ? value
            : throw new ResultsFolderException($"{file}: the \"{name}\" section is missing.");

    private static ResultsDataSummary ReadData(JsonElement data, string file)
    {
        var files = new List<ResultsDataFile>();
        if (data.TryGetProperty("files", out var list))
        {
            foreach (var f in list.EnumerateArray())
            {
                files.Add(new ResultsDataFile(
                    f.GetProperty("role").GetString() ?? "other",
                    f.GetProperty("path").GetString() ?? string.Empty,
                    f.GetProperty("sha256").GetString() ?? string.Empty,
                    f.GetProperty("rowCount").GetInt64(),
                    f.TryGetProperty("firstTimeMs", out var first) ? first.GetInt64() : 0,
                    f.TryGetProperty("lastTimeMs", out var last) ? last.GetInt64() : 0));
            }
        }

        var warnings = new List<string>();
        if (data.TryGetProperty("warnings", out var w))
        {
            foreach (var line in w.EnumerateArray())
            {
                warnings.Add(line.GetString() ?? string.Empty);
            }
        }

        return new ResultsDataSummary
        {
            Symbol = Required(data, "symbol", file).GetString() ?? string.Empty,
            BarIntervalMs = Required(data, "barIntervalMs", file).GetInt64(),
            ResampledFromIntervalMs = data.TryGetProperty("resampledFromIntervalMs", out var resampled) ? resampled.GetInt64() : null,
            BarCount = Required(data, "barCount", file).GetInt64(),
            FirstBarOpenTime = Required(data, "firstBarOpenTime", file).GetString() ?? string.Empty,
            LastBarOpenTime = Required(data, "lastBarOpenTime", file).GetString() ?? string.Empty,
            GapCount = data.TryGetProperty("gapCount", out var gaps) ? gaps.GetInt64() : 0,
            MissingBarCount = data.TryGetProperty("missingBarCount", out var missing) ? missing.GetInt64() : 0,
            HasMarkFile = data.TryGetProperty("hasMarkFile", out var hasMark) && hasMark.GetBoolean(),
            MarkFallbackBarCount = data.TryGetProperty("markFallbackBarCount", out var fallback) ? fallback.GetInt64() : 0,
            FundingEventCount = data.TryGetProperty("fundingEventCount", out var events) ? events.GetInt64() : 0,
            Warnings = warnings,
            Files = files,
        };
    }

    private static List<ResultsAxis> ReadAxes(JsonElement sweep, string file)
    {
        var axes = new List<ResultsAxis>();
        foreach (var axis in Required(sweep, "axes", file).EnumerateArray())
        {
            var labels = new List<string>();
            var numbers = new List<double>();
            bool allNumbers = true;
            foreach (var value in axis.GetProperty("values").EnumerateArray())
            {
                labels.Add(FormatValue(value));
                if (value.ValueKind == JsonValueKind.Number)
                {
                    numbers.Add(value.GetDouble());
                }
                else
                {
                    allNumbers = false;
                }
            }

            axes.Add(new ResultsAxis(axis.GetProperty("name").GetString() ?? string.Empty, labels, allNumbers ? numbers : null));
        }

        return axes;
    }

    private static List<ResultsRun> ReadRuns(JsonElement runs, string file)
    {
        var list = new List<ResultsRun>();
        foreach (var run in runs.EnumerateArray())
        {
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            if (run.TryGetProperty("parameters", out var p))
            {
                foreach (var property in p.EnumerateObject())
                {
                    parameters[property.Name] = FormatValue(property.Value);
                }
            }

            var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var property in Required(run, "metrics", file).EnumerateObject())
            {
                metrics[property.Name] = property.Value.ValueKind == JsonValueKind.Number ? property.Value.GetDouble() : double.NaN;
            }

            string strategy = string.Empty;
            if (run.TryGetProperty("strategy", out var s) && s.ValueKind == JsonValueKind.Object)
            {
                strategy = string.Join(" · ", s.EnumerateObject().Select(x => x.Value.GetString()));
            }

            var usd = new Dictionary<string, double>(StringComparer.Ordinal);
            if (run.TryGetProperty("usdMetrics", out var usdMetrics) && usdMetrics.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in usdMetrics.EnumerateObject())
                {
                    usd[property.Name] = property.Value.ValueKind == JsonValueKind.Number ? property.Value.GetDouble() : double.NaN;
                }
            }

            var contributions = new List<InstrumentContribution>();
            if (run.TryGetProperty("instruments", out var instruments) && instruments.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in instruments.EnumerateArray())
                {
                    double Number(string name) => item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;
                    contributions.Add(new InstrumentContribution(
                        item.GetProperty("symbol").GetString() ?? string.Empty,
                        Number("profitAndLoss"),
                        Number("realizedPnl"),
                        Number("unrealizedPnl"),
                        Number("feesPaid"),
                        Number("fundingPaid"),
                        Number("marginLost"),
                        (int)Number("liquidationCount"),
                        (int)Number("barsWithoutData")));
                }
            }

            list.Add(new ResultsRun(Required(run, "runIndex", file).GetInt32(), parameters, strategy, metrics) { UsdMetrics = usd, Contributions = contributions });
        }

        list.Sort((a, b) => a.RunIndex.CompareTo(b.RunIndex));
        return list;
    }

    private static string FormatValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble().ToString("0.############", CultureInfo.InvariantCulture),
        JsonValueKind.String => value.GetString() ?? string.Empty,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.ToString(),
    };

    /// <summary><c>equityStorage</c> of summary.json; folders written before it existed kept full curves.</summary>
    private static EquityStorage ReadEquityStorage(JsonElement summary)
    {
        if (!summary.TryGetProperty("equityStorage", out var storage) || !storage.TryGetProperty("kind", out var kind))
        {
            return EquityStorage.Full;
        }

        var choice = kind.GetString() switch
        {
            "none" => EquityStorage.None,
            "downsampled" => EquityStorage.Downsampled(storage.GetProperty("buckets").GetInt32()),
            "full" => EquityStorage.Full,
            var other => throw new FormatException($"equityStorage.kind '{other}' is not full, downsampled or none"),
        };
        return storage.TryGetProperty("fullRuns", out var full) && full.ValueKind == JsonValueKind.Array
            ? choice.WithFullRuns(full.EnumerateArray().Select(r => r.GetInt32()))
            : choice;
    }

    private static bool HasColumn(string path, string name) => WithParquet(path, reader => reader.Schema.FindColumn(name) is not null);

    private static void ReadEquity(string path, IReadOnlySet<int> runs, Dictionary<int, RunEquityCurve> into)
    {
        var parts = new Dictionary<int, List<(ParquetColumnData?[] Data, int Start, int Count)>>();
        RunRowReader.Read(path, runs, ["time", "equity", "positionNotional", "effectiveLeverage", "marginRatio", "liquidationPrice"], (run, data, start, count) =>
        {
            if (!parts.TryGetValue(run, out var list))
            {
                list = [];
                parts[run] = list;
            }

            list.Add((data, start, count));
        });
        foreach (var (run, list) in parts)
        {
            int n = list.Sum(p => p.Count);
            var time = new long[n];
            var columns = new double[5][];
            for (int c = 0; c < columns.Length; c++)
            {
                columns[c] = new double[n];
            }

            int offset = 0;
            foreach (var (data, start, count) in list)
            {
                var times = data[0]?.Int64s ?? throw new ResultsFolderException($"{path}: column 'time' is missing or not a timestamp.");
                times.AsSpan(start, count).CopyTo(time.AsSpan(offset));
                for (int c = 0; c < columns.Length; c++)
                {
                    // Folders from before the liquidationPrice column existed still draw, without that line (NaN).
                    for (int i = 0; i < count; i++)
                    {
                        columns[c][offset + i] = RunRowReader.Double(data[c + 1], start + i, path);
                    }
                }

                offset += count;
            }

            into[run] = new RunEquityCurve(run, time, columns[0], columns[1], columns[2], columns[3], columns[4]);
        }
    }

    private static void ReadEntryTimes(string path, IReadOnlySet<int> runs, Dictionary<int, long[]> into)
    {
        var byRun = new Dictionary<int, List<long>>();
        RunRowReader.Read(path, runs, ["entryTime"], (run, data, start, count) =>
        {
            if (!byRun.TryGetValue(run, out var list))
            {
                list = [];
                byRun[run] = list;
            }

            list.AddRange(data[0]!.Int64s!.AsSpan(start, count));
        });
        foreach (var (index, list) in byRun)
        {
            var times = list.ToArray();
            Array.Sort(times);
            into[index] = times;
        }
    }

    /// <summary>"BTCUSD_PERP", "BTCUSDT" → "BTC": the coin an inverse contract on the symbol settles in ("coin" when no USD quote is found).</summary>
    internal static string CoinOf(string symbol)
    {
        int usd = symbol.IndexOf("USD", StringComparison.OrdinalIgnoreCase);
        return usd > 0 ? symbol[..usd] : "coin";
    }

    private static ResultsPortfolio? ReadPortfolio(JsonElement summary)
    {
        if (!summary.TryGetProperty("portfolio", out var portfolio) || portfolio.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var symbols = new List<string>();
        var spans = new List<IReadOnlyList<Core.Data.BarSpan>>();
        foreach (var instrument in portfolio.GetProperty("instruments").EnumerateArray())
        {
            symbols.Add(instrument.GetProperty("symbol").GetString() ?? string.Empty);
            var list = new List<Core.Data.BarSpan>();
            if (instrument.TryGetProperty("noBarSpans", out var noBar))
            {
                foreach (var span in noBar.EnumerateArray())
                {
                    list.Add(new Core.Data.BarSpan(ParseUtc(span.GetProperty("from").GetString()), ParseUtc(span.GetProperty("to").GetString()), span.GetProperty("barCount").GetInt32()));
                }
            }

            spans.Add(list);
        }

        return new ResultsPortfolio(
            portfolio.GetProperty("marginMode").GetString() ?? "cross",
            portfolio.GetProperty("sizing").GetString() ?? "equal",
            portfolio.GetProperty("rebalancing").GetString() ?? "none",
            portfolio.TryGetProperty("settlementAsset", out var asset) ? asset.GetString() ?? "USDT" : "USDT",
            symbols,
            spans);
    }

    private static long ParseUtc(string? text)
        => Core.Experiments.SpecTime.TryParseUtcMilliseconds(text ?? string.Empty, out long ms) ? ms : throw new FormatException($"'{text}' is not a UTC time");

    private static Dictionary<int, IReadOnlyList<InstrumentExposure>> ReadExposure(string path) => WithParquet(path, reader =>
    {
        int[] run = reader.ReadInt32Column("runIndex");
        var instrument = reader.ReadColumn("instrument");
        long[] time = reader.ReadInt64Column("time");
        double[] notional = reader.ReadDoubleColumn("notional");
        var hasBar = reader.ReadColumn("hasBar");
        var result = new Dictionary<int, IReadOnlyList<InstrumentExposure>>();
        int start = 0;
        while (start < run.Length)
        {
            // Rows run by run, then instrument by instrument (ResultTables.Exposure).
            int end = start + 1;
            string symbol = instrument.Binaries?[start] is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : string.Empty;
            while (end < run.Length && run[end] == run[start] && (instrument.Binaries?[end] is byte[] b ? System.Text.Encoding.UTF8.GetString(b) : string.Empty) == symbol)
            {
                end++;
            }

            int count = end - start;
            var flags = new bool[count];
            for (int i = 0; i < count; i++)
            {
                flags[i] = hasBar.Booleans?[start + i] ?? true;
            }

            if (!result.TryGetValue(run[start], out var list))
            {
                list = new List<InstrumentExposure>();
                result[run[start]] = list;
            }

            ((List<InstrumentExposure>)list).Add(new InstrumentExposure(symbol, time[start..end], notional[start..end], flags));
            start = end;
        }

        return result;
    });

    private static void ReadLiquidations(string path, IReadOnlySet<int> runs, Dictionary<int, List<LiquidationEvent>> into)
        => RunRowReader.Read(path, runs, ["time", "markPrice", "liquidationPrice", "side", "marginLost", "instrument"], (run, data, start, count) =>
        {
            var list = ListOf(into, run);
            for (int i = start; i < start + count; i++)
            {
                // A portfolio's liquidations name their instrument; a single instrument's table has no such column.
                string symbol = data[5]?.Binaries?[i] is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : string.Empty;
                list.Add(new LiquidationEvent(run, data[0]!.Int64s![i], RunRowReader.Double(data[1], i, path), RunRowReader.Double(data[2], i, path), data[3]!.Int32s![i], RunRowReader.Double(data[4], i, path)) { Instrument = symbol });
            }
        });

    private static void ReadFunding(string path, IReadOnlySet<int> runs, Dictionary<int, List<FundingSettlement>> into)
        => RunRowReader.Read(path, runs, ["time", "rate", "payment"], (run, data, start, count) =>
        {
            var list = ListOf(into, run);
            for (int i = start; i < start + count; i++)
            {
                list.Add(new FundingSettlement(run, data[0]!.Int64s![i], RunRowReader.Double(data[1], i, path), RunRowReader.Double(data[2], i, path)));
            }
        });

    private static void ReadStops(string path, IReadOnlySet<int> runs, Dictionary<int, List<StopFill>> into)
        => RunRowReader.Read(path, runs, ["time", "kind", "triggerPrice", "fillPrice", "gap"], (run, data, start, count) =>
        {
            var list = ListOf(into, run);
            for (int i = start; i < start + count; i++)
            {
                string text = data[1]?.Binaries?[i] is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : string.Empty;
                list.Add(new StopFill(run, data[0]!.Int64s![i], text, RunRowReader.Double(data[2], i, path), RunRowReader.Double(data[3], i, path), data[4]?.Booleans?[i] ?? false));
            }
        });

    private static List<T> ListOf<T>(Dictionary<int, List<T>> lists, int run)
    {
        if (!lists.TryGetValue(run, out var list))
        {
            list = [];
            lists[run] = list;
        }

        return list;
    }

    private static T WithParquet<T>(string path, Func<ParquetFileReader, T> read)
    {
        try
        {
            using var reader = ParquetFileReader.Open(path);
            return read(reader);
        }
        catch (ParquetFormatException exception)
        {
            string message = exception.Message.StartsWith(path, StringComparison.Ordinal) ? exception.Message : $"{path}: {exception.Message}";
            throw new ResultsFolderException(message + " (was the folder written by an older levbt? rerun 'levbt run')", exception);
        }
        catch (Exception exception) when (exception is IOException or NotSupportedException or InvalidDataException)
        {
            throw new ResultsFolderException($"{path}: cannot be read ({exception.Message})", exception);
        }
    }
}
