using System.CommandLine;
using System.Globalization;
using System.Reflection;

using LevBacktest.Core.Experiments;
using LevBacktest.Core.Experiments.Results;
using LevBacktest.Core.Simulation;
using LevBacktest.Core.Strategies.Plugins;
using LevBacktest.Reporting.Reports;
using LevBacktest.Strategies;

using Spectre.Console;

namespace LevBacktest.Cli;

/// <summary>
/// <c>levbt run SPEC</c>: loads the spec's data once, runs the cartesian product of its sweep in parallel
/// (or one shard of it), writes the results folder atomically and prints a summary table.
/// </summary>
internal static class RunCommand
{
    /// <summary>
    /// What the market data load may allocate before a collection (<see cref="NoCollectionRegion"/>): a minute year of prices
    /// and mark prices allocates ~50 MB; a larger load simply collects once it is past this.
    /// </summary>
    private const long LoadAllocationBudgetBytes = 256L << 20;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var spec = new Argument<string>("SPEC") { Description = "Experiment spec (JSON; see strategies/experiment.schema.json)." };
        var output = new Option<string?>("--out") { Description = "Results folder (default results/<name>, or results/<name>-shard-i-of-n). Replaced atomically." };
        var prices = new Option<string?>("--prices") { Description = "Use this last-price OHLCV file instead of the spec's." };
        var mark = new Option<string?>("--mark") { Description = "Use this mark-price file instead of the spec's." };
        var funding = new Option<string?>("--funding") { Description = "Use this funding-rate file instead of the spec's." };
        var from = new Option<string?>("--from") { Description = "Start of the run window: 2021-01-31 (midnight UTC) or 2021-01-31T08:00:00Z." };
        var to = new Option<string?>("--to") { Description = "End of the run window (exclusive), same forms as --from." };
        var threads = new Option<int?>("--threads") { Description = "Runs executed at once (default: all cores). Results do not depend on it." };
        var noCharts = new Option<bool>("--no-charts") { Description = "Write only the data files, no charts or report." };
        var shard = new Option<string?>("--shard") { Description = "Run only shard i of n (0 ≤ i < n): contiguous run indices, for batch engines; auto/n reads i from LEVBT_SHARD_INDEX, JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID." };
        var equity = new Option<string?>("--equity") { Description = "Equity curve kept per run: auto (default: full up to 2,000,000 bar-rows per sweep, else downsampled but the curves the charts draw in full, up to 500,000 bar-rows), full, downsampled, downsampled:N (N buckets), none." };
        var timings = new Option<bool>("--timings") { Description = "Print to stderr where the process's CPU went: data load, engine (the runs' thread CPU), hand-over to the writers, results, charts, process total and the engine's share." };
        var plugin = PluginOption();
        var marketData = new MarketDataOptions();
        var command = new Command("run", "Run an experiment: every point of its sweep, in parallel, into an atomically written results folder.");
        command.Arguments.Add(spec);
        foreach (var option in new Option[] { output, prices, mark, funding, from, to, threads, noCharts, shard, equity, timings, plugin })
        {
            command.Options.Add(option);
        }

        marketData.AddTo(command);

        command.SetAction(parse =>
        {
            var arguments = new RunArguments
            {
                SpecPath = parse.GetValue(spec)!,
                OutputPath = parse.GetValue(output),
                PricesPath = parse.GetValue(prices),
                MarkPath = parse.GetValue(mark),
                FundingPath = parse.GetValue(funding),
                From = parse.GetValue(from),
                To = parse.GetValue(to),
                Threads = parse.GetValue(threads),
                NoCharts = parse.GetValue(noCharts),
                Shard = parse.GetValue(shard),
                Plugins = parse.GetValue(plugin) ?? [],
                Equity = parse.GetValue(equity),
                Timings = parse.GetValue(timings),
                MarketData = marketData.Read(parse),
            };
            var configuration = parse.InvocationConfiguration;
            using var signals = InterruptSignals.Listen();
            try
            {
                return Execute(arguments, configuration.Output, configuration.Error, signals.Token);
            }
            catch (OperationCanceledException stopped)
            {
                throw signals.Explain(stopped);
            }
        });
        return command;
    }

    /// <summary>The <c>--plugin PATH</c> option (repeatable) of <c>levbt run</c> and <c>levbt strategies</c>.</summary>
    internal static Option<string[]> PluginOption() => new("--plugin")
    {
        Description = "A strategy plugin assembly (the .dll of a dotnet new levbt-strategy project); repeatable. Adds to the spec's \"plugins\".",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Runs the command with parsed arguments.</summary>
    /// <param name="arguments">The command line.</param>
    /// <param name="output">The summary table and the results path.</param>
    /// <param name="error">Progress lines and warnings.</param>
    /// <param name="cancellationToken">Ctrl-C or SIGTERM.</param>
    /// <returns>The exit code.</returns>
    internal static int Execute(RunArguments arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var timings = arguments.Timings ? new RunTimings() : null;
        var spec = ExperimentSpecReader.ReadFile(arguments.SpecPath);
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        spec = ApplyOverrides(spec, arguments, overrides);

        // The market data is read on another core while the plan, the tier table and the output folder are prepared
        // (ParquetSharp's native library loads with the first file). It is awaited where it used to be read, so an earlier
        // step's error is still the one reported, and a load error is rethrown as itself, not as an AggregateException.
        var dataSpec = spec.Data;
        using var collectionsHeld = spec.Portfolio is null ? NoCollectionRegion.Enter(LoadAllocationBudgetBytes) : null;
        var loading = spec.Portfolio is null ? Task.Run(() => ExperimentDataLoader.Load(dataSpec)) : null;
        loading?.ContinueWith(static load => _ = load.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
        var shard = arguments.Shard is null ? SweepShard.All : SweepShard.Parse(arguments.Shard, Environment.GetEnvironmentVariable);
        string equityChoice = arguments.Equity ?? "auto";
        _ = EquityStorage.Parse(equityChoice, 1, 1); // a bad choice fails before any data is read
        int threads = arguments.Threads ?? Environment.ProcessorCount;
        if (threads < 1)
        {
            throw new ArgumentException($"--threads must be at least 1, got {threads}.");
        }

        var plugins = StrategyPlugins.LoadAll(spec.Plugins.Concat(arguments.Plugins.Select(Path.GetFullPath)));
        ExperimentPlan plan;
        try
        {
            plan = ExperimentPlan.Create(spec, BuiltInStrategies.CreateCatalog(plugins));
        }
        catch (ExperimentSpecException exception) when (exception.SpecFile is null)
        {
            throw exception.InFile(arguments.SpecPath);
        }

        string outputPath = arguments.OutputPath
            ?? Path.Combine("results", shard.Count == 1 ? spec.Name : $"{spec.Name}-shard-{shard.Index}-of-{shard.Count}");
        if (spec.Portfolio is not null)
        {
            return PortfolioRunCommand.Execute(arguments, plan, plugins, overrides, shard, outputPath, threads, equityChoice, output, error, cancellationToken, timings);
        }

        var brackets = SimulationSettingsFactory.LoadBrackets(spec.Instrument);
        CheckOutputFolder(outputPath);
        using var folderLock = OutputFolderGuard.Acquire(outputPath, error);
        var loaded = loading!.GetAwaiter().GetResult();
        collectionsHeld!.Dispose(); // collections resume once the data is ready
        timings?.DataReady();
        var data = loaded.Data;
        var report = loaded.Report;
        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"levbt: {spec.Name}: {report.Symbol}, {report.BarCount:N0} bars of {FormatInterval(report.BarIntervalMs)} from {SpecTime.FormatUtc(report.FirstOpenTimeMs)} to {SpecTime.FormatUtc(report.LastOpenTimeMs)}, {report.FundingEventCount:N0} funding events{(report.HasMarkFile ? ", mark price" : ", no mark-price file (last price stands in)")}"));
        if (report.MarkFallbackBarCount > 0)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"levbt: mark price missing for {report.MarkFallbackBarCount:N0} bars; last price stands in there."));
        }

        foreach (var warning in report.Warnings)
        {
            error.WriteLine($"levbt: warning: {warning}");
        }

        if (spec.Instrument.TiersPath is { } tiersPath && !string.Equals(brackets.Symbol, data.Symbol, StringComparison.OrdinalIgnoreCase))
        {
            // Allowed (the bundled synthetic sample borrows BTCUSDT's brackets), but never silently.
            error.WriteLine($"levbt: warning: the tier table {Path.GetFileName(tiersPath)} is {brackets.Symbol}'s but the data is {data.Symbol}: maintenance margin, maximum leverage and liquidation prices follow {brackets.Symbol}'s brackets.");
        }

        int start = shard.Start(plan.RunCount);
        int count = shard.End(plan.RunCount) - start;
        error.WriteLine(count == 0
            ? $"levbt: shard {shard} holds no runs (the sweep has {plan.RunCount}); writing empty tables."
            : string.Create(CultureInfo.InvariantCulture,
                $"levbt: running {count:N0} of {plan.RunCount:N0} runs{(shard.Count > 1 ? $" (shard {shard}, runs {start}..{start + count - 1})" : string.Empty)} on {Math.Min(threads, count)} threads"));

        // auto keeps the curves the charts will draw in full (chosen from the grid, so known now and the same in every shard).
        var storage = equityChoice == "auto" ? ChartRunPlan.Auto(plan, data.Count) : EquityStorage.Parse(equityChoice, plan.RunCount, data.Count);
        // The writers copy each run's rows as it is handed over and keep its metrics only, so the runs' curve arrays
        // and event lists can be recycled: a sweep then allocates them for the runs in flight, not for every run.
        var options = new ExperimentRunOptions { MaxDegreeOfParallelism = threads, Shard = shard, RunBuffers = RunBufferPool.ForThreads(threads), CpuTimes = timings?.Sweep };
        var provenance = new ResultsProvenance { ToolVersion = ToolVersion, LoadedData = loaded, Overrides = overrides, Plugins = plugins };
        ExperimentOutcome outcome;
        string published;
        try
        {
            // Everything goes into a temporary sibling folder, renamed into place only when complete; disposing it
            // unpublished (an error, Ctrl-C) deletes it and leaves an existing folder as it was.
            using var folder = AtomicOutputFolder.Create(outputPath);
            using (var writer = ResultsStreamWriter.Create(folder.WorkingPath, cancellationToken))
            {
                outcome = RunWithProgress(plan, data, (o, onRun) => ExperimentRunner.Stream(plan, data, brackets, o, onRun, cancellationToken), options, storage, writer, output, error);
                timings?.SweepDone();
                writer.Complete(outcome, provenance);
            }

            timings?.ResultsWritten();
            if (!arguments.NoCharts && count > 0)
            {
                WriteCharts(folder.WorkingPath, error, cancellationToken);
                timings?.ChartsDone();
            }

            cancellationToken.ThrowIfCancellationRequested();
            folder.Commit();
            published = folder.FinalPath;
        }
        catch (OperationCanceledException)
        {
            throw new OperationCanceledException($"interrupted; no results were written ({outputPath} is unchanged).");
        }

        WarnAboutCappedRuns(outcome, error);
        RunSummaryTable.Write(outcome, output);
        output.WriteLine($"Results: {published}");
        timings?.Write(error);
        return CommandLineApplication.ExitSuccess;
    }

    /// <summary>
    /// Checks, before any data is read or any run starts, that the results can be published at
    /// <paramref name="outputPath"/>: it is not a file, and its parent folder exists (or can be created) and
    /// takes a new folder. A sweep must not run for an hour and then fail on its output path.
    /// </summary>
    /// <param name="outputPath">The --out path (or the default results/NAME).</param>
    /// <exception cref="IOException">The path cannot take the results (the message says why, naming --out).</exception>
    internal static void CheckOutputFolder(string outputPath)
    {
        string full = Path.GetFullPath(outputPath);
        if (File.Exists(full))
        {
            throw new IOException($"--out {outputPath} is a file; give a folder for the results.");
        }

        string parent = Path.GetDirectoryName(full) ?? full;
        try
        {
            Directory.CreateDirectory(parent);
            string probe = Path.Combine(parent, $".{Path.GetFileName(full)}.check-{Environment.ProcessId}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            string reason = exception is UnauthorizedAccessException ? "permission denied" : exception.Message.ReplaceLineEndings(" ").Trim();
            throw new IOException($"--out {outputPath}: cannot create the results folder in {parent} ({reason}).", exception);
        }
    }

    /// <summary>
    /// One warning per run whose orders the tier table's max leverage reduced or rejected: such a run did not trade
    /// at the leverage it names (the table's "effective leverage" column shows what it traded at).
    /// </summary>
    /// <param name="outcome">The runs.</param>
    /// <param name="error">Where the warnings go.</param>
    internal static void WarnAboutCappedRuns(ExperimentOutcome outcome, TextWriter error)
    {
        var axes = outcome.Plan.Grid.Axes;
        foreach (var run in outcome.Runs)
        {
            var result = run.Result;
            if (!result.OrdersCapped)
            {
                continue;
            }

            string point = string.Join(", ", axes.Select((axis, k) => $"{axis.Name}={outcome.Plan.Grid.Value(run.Point.RunIndex, k)}"));
            var parts = new List<string>();
            if (result.ReducedOrders > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{result.ReducedOrders:N0} order(s) reduced"));
            }

            if (result.RejectedOrders > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{result.RejectedOrders:N0} order(s) rejected"));
            }

            string traded = result.Metrics.TradeCount > 0
                ? string.Create(CultureInfo.InvariantCulture, $"; it traded at up to {result.Metrics.MaxOrderLeverage:0.##}x, not {result.Metrics.Leverage:0.##}x")
                : "; it never traded";
            error.WriteLine($"levbt: warning: run {run.Point.RunIndex}{(point.Length > 0 ? $" ({point})" : string.Empty)}: {string.Join(" and ", parts)} by the tier table's maximum leverage{traded}.");
        }
    }

    /// <summary>
    /// The charts and report of a results folder (reporting hook): <see cref="ReportWriter.Write"/> draws them
    /// from the files already in the temporary folder, so they are published atomically with the data and
    /// <c>levbt report DIR</c> redraws the same files later. Skipped with --no-charts.
    /// </summary>
    /// <param name="resultsDirectory">The temporary results folder (summary.json and the Parquet files are already in it).</param>
    /// <param name="error">Where the report's notes go.</param>
    /// <param name="cancellationToken">Ctrl-C.</param>
    internal static void WriteCharts(string resultsDirectory, TextWriter error, CancellationToken cancellationToken)
    {
        ReportResult? report = null;
        AbandonOnCancel.Run(token => report = ReportWriter.Write(resultsDirectory, options: null, token), cancellationToken);
        foreach (var note in report!.Notes)
        {
            error.WriteLine($"levbt: report: {note}");
        }
    }

    /// <summary>
    /// Runs the sweep, keeping of each run what <paramref name="storage"/> keeps as soon as it finishes (in run-index
    /// order) and streaming that curve and the run's events into <paramref name="writer"/>, so a run's rows live only
    /// while it is in flight; the outcome keeps each run's metrics only.
    /// </summary>
    /// <param name="plan">The plan.</param>
    /// <param name="data">The data the outcome names (a portfolio's instrument 0).</param>
    /// <param name="stream">Runs the sweep with the given options, handing runs over in run-index order.</param>
    /// <param name="options">Threads and shard; the progress callback is added here.</param>
    /// <param name="storage">What each run's curve keeps.</param>
    /// <param name="writer">Where each run's rows stream.</param>
    /// <param name="output">A terminal gets a live progress bar.</param>
    /// <param name="error">Otherwise progress lines go here.</param>
    internal static ExperimentOutcome RunWithProgress(
        ExperimentPlan plan,
        Core.Data.MarketData data,
        Action<ExperimentRunOptions, Action<RunOutcome>> stream,
        ExperimentRunOptions options,
        EquityStorage storage,
        ResultsStreamWriter writer,
        TextWriter output,
        TextWriter error)
    {
        if (Interactive(output))
        {
            ExperimentOutcome? result = null;
            AnsiConsole.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    int count = options.Shard.End(plan.RunCount) - options.Shard.Start(plan.RunCount);
                    var task = context.AddTask($"{plan.Spec.Name}: {count} runs", maxValue: Math.Max(count, 1));
                    result = Collect(plan, data, stream, options with { Progress = (done, _) => task.Value = done }, storage, writer);
                });
            return result!;
        }

        // Not a terminal: a line at every 10 % (and the last run), so logs stay short and readable.
        int lastDecile = -1;
        object gate = new();
        return Collect(plan, data, stream, options with
        {
            Progress = (done, total) =>
            {
                int decile = done * 10 / Math.Max(total, 1);
                lock (gate)
                {
                    if (decile > lastDecile)
                    {
                        lastDecile = decile;
                        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"levbt: progress {done}/{total} runs ({100.0 * done / total:0} %)"));
                    }
                }
            },
        }, storage, writer);
    }

    private static ExperimentOutcome Collect(
        ExperimentPlan plan,
        Core.Data.MarketData data,
        Action<ExperimentRunOptions, Action<RunOutcome>> stream,
        ExperimentRunOptions options,
        EquityStorage storage,
        ResultsStreamWriter writer)
    {
        var kept = new List<RunOutcome>();
        stream(options, run => kept.Add(writer.Append(run, storage)));
        return new ExperimentOutcome(plan, data, options.Shard, kept, storage);
    }

    private static ExperimentSpec ApplyOverrides(ExperimentSpec spec, RunArguments arguments, Dictionary<string, string> overrides)
    {
        var data = spec.Data;
        if (arguments.PricesPath is { } prices)
        {
            data = data with { PricesPath = Path.GetFullPath(prices) };
            overrides["prices"] = data.PricesPath;
        }

        if (arguments.MarkPath is { } mark)
        {
            data = data with { MarkPath = Path.GetFullPath(mark) };
            overrides["mark"] = data.MarkPath;
        }

        if (arguments.FundingPath is { } funding)
        {
            data = data with { FundingPath = Path.GetFullPath(funding) };
            overrides["funding"] = data.FundingPath;
        }

        var choices = arguments.MarketData;
        if (choices.Symbol is { } symbol)
        {
            data = data with { Symbol = symbol };
            overrides["symbol"] = symbol;
        }

        if (choices.AnyColumn)
        {
            // The options name columns by role exactly as the spec's data.columns does, and win over it.
            var columns = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal)
            {
                ["prices"] = new(data.PriceColumns, StringComparer.Ordinal),
                ["mark"] = new(data.MarkColumns, StringComparer.Ordinal),
                ["funding"] = new(data.FundingColumns, StringComparer.Ordinal),
            };
            foreach (var (file, role, column) in choices.ColumnsByFile())
            {
                columns[file][role] = column;
                overrides[$"columns.{file}.{role}"] = column;
            }

            data = data with { PriceColumns = columns["prices"], MarkColumns = columns["mark"], FundingColumns = columns["funding"] };
        }

        if (arguments.From is { } from)
        {
            data = data with { FromMs = ParseInstant("--from", from) };
            overrides["from"] = SpecTime.FormatUtc(data.FromMs!.Value);
        }

        if (arguments.To is { } to)
        {
            data = data with { ToMs = ParseInstant("--to", to) };
            overrides["to"] = SpecTime.FormatUtc(data.ToMs!.Value);
        }

        if (data.FromMs is long start && data.ToMs is long end && end <= start)
        {
            throw new ArgumentException($"the run window is empty: 'to' ({SpecTime.FormatUtc(end)}) is not after 'from' ({SpecTime.FormatUtc(start)}).");
        }

        if (spec.Portfolio is { } portfolio)
        {
            // A portfolio's window (and so --from/--to) is every instrument's.
            var instruments = portfolio.Instruments.Select(i => i with { Data = i.Data with { FromMs = data.FromMs, ToMs = data.ToMs } }).ToArray();
            return spec with { Data = data, Portfolio = portfolio with { Instruments = instruments } };
        }

        return spec with { Data = data };
    }

    private static long ParseInstant(string option, string text)
        => SpecTime.TryParseUtcMilliseconds(text, out long ms)
            ? ms
            : throw new ArgumentException($"{option} '{text}' is not a date; write 2021-01-31 (midnight UTC) or 2021-01-31T08:00:00Z.");

    /// <summary>True when <paramref name="output"/> is a terminal: a live progress bar instead of progress lines.</summary>
    private static bool Interactive(TextWriter output) => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;

    internal static string FormatInterval(long ms) => ms switch
    {
        _ when ms % 86_400_000 == 0 => $"{ms / 86_400_000}d",
        _ when ms % 3_600_000 == 0 => $"{ms / 3_600_000}h",
        _ when ms % 60_000 == 0 => $"{ms / 60_000}m",
        _ => $"{ms} ms",
    };

    /// <summary>The tool name and version recorded in summary.json.</summary>
    internal static string ToolVersion { get; } =
        "levbt " + (typeof(RunCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");
}
