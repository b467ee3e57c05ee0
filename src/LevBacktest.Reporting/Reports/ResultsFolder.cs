using System.Globalization;
using System.Text.Json;

using LevBacktest.Core.Experiments.Results;
using LevBacktest.Parquet;

namespace LevBacktest.Reporting.Reports;

/// <summary>
/// A results folder written by <c>levbt run</c>, read back from disk: <c>summary.json</c> (spec, data, sweep,
/// metrics per run) and the Parquet tables <c>equity</c>, <c>liquidations</c>, <c>funding</c> and <c>stops</c>.
/// The report is drawn only from this model, so <c>levbt report DIR</c> redraws exactly what <c>levbt run</c> drew.
/// </summary>
public sealed class ResultsFolder
{
    private readonly Dictionary<int, ResultsRun> _runsByIndex;
    private readonly Dictionary<int, RunEquityCurve> _equity;

    private ResultsFolder(
        string directory,
        JsonElement summary,
        ResultsDataSummary data,
        IReadOnlyList<ResultsAxis> axes,
        IReadOnlyList<ResultsRun> runs,
        Dictionary<int, RunEquityCurve> equity,
        IReadOnlyList<LiquidationEvent> liquidations,
        IReadOnlyList<FundingSettlement> funding,
        IReadOnlyList<StopFill> stops)
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
        _equity = equity;
        Liquidations = liquidations;
        Funding = funding;
        Stops = stops;
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

    /// <summary>Every liquidation, grouped by run in ascending run index, in time order.</summary>
    public IReadOnlyList<LiquidationEvent> Liquidations { get; }

    /// <summary>Every funding settlement, grouped by run, in time order.</summary>
    public IReadOnlyList<FundingSettlement> Funding { get; }

    /// <summary>Every stop or take-profit fill, grouped by run, in time order.</summary>
    public IReadOnlyList<StopFill> Stops { get; }

    /// <summary>
    /// Whether equity.parquet has the <c>liquidationPrice</c> column (folders written by early versions lack
    /// it); without it <see cref="RunEquityCurve.LiquidationPrice"/> is all NaN.
    /// </summary>
    public bool HasLiquidationPrices { get; private init; }

    /// <summary>Open times of the entry bars of each run's positions (trades.parquet <c>entryTime</c>), by run index.</summary>
    private IReadOnlyDictionary<int, long[]> EntryTimes { get; init; } = new Dictionary<int, long[]>();

    /// <summary>
    /// Open times (UTC epoch milliseconds) of the entry bars of a run's positions, ascending, from trades.parquet:
    /// where a position starts, including a reversal from long to short or a re-entry at the bar another
    /// position left, which equity.parquet alone cannot show. Empty when the run traded nothing or the folder
    /// has no trades.parquet.
    /// </summary>
    /// <param name="runIndex">Index in the sweep.</param>
    public IReadOnlyList<long> PositionEntryTimesOf(int runIndex) => EntryTimes.TryGetValue(runIndex, out var times) ? times : [];

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
    public RunEquityCurve EquityOf(int runIndex) => _equity.TryGetValue(runIndex, out var curve)
        ? curve
        : new RunEquityCurve(runIndex, ReadOnlyMemory<long>.Empty, ReadOnlyMemory<double>.Empty, ReadOnlyMemory<double>.Empty, ReadOnlyMemory<double>.Empty, ReadOnlyMemory<double>.Empty, ReadOnlyMemory<double>.Empty);

    /// <summary>The liquidations of one run, in time order.</summary>
    /// <param name="runIndex">Index in the sweep.</param>
    public IReadOnlyList<LiquidationEvent> LiquidationsOf(int runIndex) => Liquidations.Where(l => l.RunIndex == runIndex).ToList();

    /// <summary>The funding settlements of one run, in time order.</summary>
    /// <param name="runIndex">Index in the sweep.</param>
    public IReadOnlyList<FundingSettlement> FundingOf(int runIndex) => Funding.Where(f => f.RunIndex == runIndex).ToList();

    /// <summary>The stop and take-profit fills of one run, in time order.</summary>
    /// <param name="runIndex">Index in the sweep.</param>
    public IReadOnlyList<StopFill> StopsOf(int runIndex) => Stops.Where(s => s.RunIndex == runIndex).ToList();

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
        return new ResultsFolder(Path.GetTempPath(), empty.RootElement.Clone(), data, axes, runs, [], [], [], []);
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
            // A folder that keeps no curves has an empty equity.parquet: nothing to read.
            bool hasLiquidationPrices = false;
            var equity = storage.Kind == EquityStorageKind.None
                ? []
                : ReadEquity(ParquetPath(full, "equity.parquet"), out hasLiquidationPrices);
            var liquidations = ReadLiquidations(ParquetPath(full, "liquidations.parquet"));
            var funding = ReadFunding(ParquetPath(full, "funding.parquet"));
            var stops = ReadStops(ParquetPath(full, "stops.parquet"));
            // Only the position boundaries of the liquidation-price line need it; older readers never required the file.
            string tradesPath = Path.Combine(full, "trades.parquet");
            var entryTimes = File.Exists(tradesPath) ? ReadEntryTimes(tradesPath) : [];
            var portfolio = ReadPortfolio(summary);
            bool inverse = portfolio is not null
                ? portfolio.SettlementAsset != "USDT"
                : summary.TryGetProperty("spec", out var specElement) && specElement.TryGetProperty("instrument", out var instrument)
                    && instrument.TryGetProperty("contract", out var contract) && contract.GetString() == "inverse";
            string exposurePath = Path.Combine(full, ResultsFolderFiles.ExposureFileName);
            return new ResultsFolder(full, summary, data, axes, runs, equity, liquidations, funding, stops)
            {
                HasLiquidationPrices = hasLiquidationPrices,
                EntryTimes = entryTimes,
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

        return kind.GetString() switch
        {
            "none" => EquityStorage.None,
            "downsampled" => EquityStorage.Downsampled(storage.GetProperty("buckets").GetInt32()),
            "full" => EquityStorage.Full,
            var other => throw new FormatException($"equityStorage.kind '{other}' is not full, downsampled or none"),
        };
    }

    private static Dictionary<int, RunEquityCurve> ReadEquity(string path, out bool hasLiquidationPrices)
    {
        bool present = false;
        var result = WithParquet(path, reader =>
        {
            int[] run = reader.ReadInt32Column("runIndex");
            long[] time = reader.ReadInt64Column("time");
            double[] equity = NullableDoubles(reader, "equity");
            double[] notional = NullableDoubles(reader, "positionNotional");
            double[] leverage = NullableDoubles(reader, "effectiveLeverage");
            double[] marginRatio = NullableDoubles(reader, "marginRatio");
            // Folders from before the column existed still draw, without the liquidation-price line.
            present = reader.Schema.FindColumn("liquidationPrice") is not null;
            double[] liquidation;
            if (present)
            {
                liquidation = NullableDoubles(reader, "liquidationPrice");
            }
            else
            {
                liquidation = new double[run.Length];
                Array.Fill(liquidation, double.NaN);
            }

            var curves = new Dictionary<int, RunEquityCurve>();
            int start = 0;
            while (start < run.Length)
            {
                int end = start + 1;
                while (end < run.Length && run[end] == run[start])
                {
                    end++;
                }

                if (curves.ContainsKey(run[start]))
                {
                    throw new ResultsFolderException($"{path}: the rows of run {run[start]} are not contiguous (row {start}); the file was not written by levbt.");
                }

                int count = end - start;
                curves[run[start]] = new RunEquityCurve(
                    run[start],
                    time.AsMemory(start, count),
                    equity.AsMemory(start, count),
                    notional.AsMemory(start, count),
                    leverage.AsMemory(start, count),
                    marginRatio.AsMemory(start, count),
                    liquidation.AsMemory(start, count));
                start = end;
            }

            return curves;
        });
        hasLiquidationPrices = present;
        return result;
    }

    private static Dictionary<int, long[]> ReadEntryTimes(string path) => WithParquet(path, reader =>
    {
        int[] run = reader.ReadInt32Column("runIndex");
        long[] time = reader.ReadInt64Column("entryTime");
        var byRun = new Dictionary<int, List<long>>();
        for (int i = 0; i < run.Length; i++)
        {
            if (!byRun.TryGetValue(run[i], out var list))
            {
                list = [];
                byRun[run[i]] = list;
            }

            list.Add(time[i]);
        }

        var result = new Dictionary<int, long[]>(byRun.Count);
        foreach (var (index, list) in byRun)
        {
            var times = list.ToArray();
            Array.Sort(times);
            result[index] = times;
        }

        return result;
    });

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

    private static List<LiquidationEvent> ReadLiquidations(string path) => WithParquet(path, reader =>
    {
        int[] run = reader.ReadInt32Column("runIndex");
        var instrument = reader.Schema.FindColumn("instrument") is not null ? reader.ReadColumn("instrument") : null;
        long[] time = reader.ReadInt64Column("time");
        double[] mark = NullableDoubles(reader, "markPrice");
        double[] liquidation = NullableDoubles(reader, "liquidationPrice");
        int[] side = reader.ReadInt32Column("side");
        double[] lost = NullableDoubles(reader, "marginLost");
        var list = new List<LiquidationEvent>(run.Length);
        for (int i = 0; i < run.Length; i++)
        {
            string symbol = instrument?.Binaries?[i] is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : string.Empty;
            list.Add(new LiquidationEvent(run[i], time[i], mark[i], liquidation[i], side[i], lost[i]) { Instrument = symbol });
        }

        return list;
    });

    private static List<FundingSettlement> ReadFunding(string path) => WithParquet(path, reader =>
    {
        int[] run = reader.ReadInt32Column("runIndex");
        long[] time = reader.ReadInt64Column("time");
        double[] rate = NullableDoubles(reader, "rate");
        double[] payment = NullableDoubles(reader, "payment");
        var list = new List<FundingSettlement>(run.Length);
        for (int i = 0; i < run.Length; i++)
        {
            list.Add(new FundingSettlement(run[i], time[i], rate[i], payment[i]));
        }

        return list;
    });

    private static List<StopFill> ReadStops(string path) => WithParquet(path, reader =>
    {
        int[] run = reader.ReadInt32Column("runIndex");
        long[] time = reader.ReadInt64Column("time");
        var kind = reader.ReadColumn("kind");
        double[] trigger = NullableDoubles(reader, "triggerPrice");
        double[] fill = NullableDoubles(reader, "fillPrice");
        var gap = reader.ReadColumn("gap");
        var list = new List<StopFill>(run.Length);
        for (int i = 0; i < run.Length; i++)
        {
            string text = kind.Binaries?[i] is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : string.Empty;
            list.Add(new StopFill(run[i], time[i], text, trigger[i], fill[i], gap.Booleans?[i] ?? false));
        }

        return list;
    });

    private static double[] NullableDoubles(ParquetFileReader reader, string name)
    {
        var data = reader.ReadColumn(name);
        double[] values = data.Doubles ?? throw new ResultsFolderException($"{reader.FileName}: column '{name}' is not DOUBLE.");
        if (data.HasNulls)
        {
            values = (double[])values.Clone();
            for (int i = 0; i < values.Length; i++)
            {
                if (data.IsNull(i))
                {
                    values[i] = double.NaN;
                }
            }
        }

        return values;
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
