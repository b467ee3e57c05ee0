using System.CommandLine;
using System.Globalization;

using LevBacktest.Core.Experiments;
using LevBacktest.Core.Experiments.Results;
using LevBacktest.Core.MonteCarlo;
using LevBacktest.Core.Simulation;
using LevBacktest.Reporting.MonteCarlo;
using LevBacktest.Strategies;

using Spectre.Console;

namespace LevBacktest.Cli;

/// <summary>
/// <c>levbt montecarlo SPEC</c>: runs the spec's whole sweep on N synthetic paths (block bootstrap of the spec's data, or
/// GBM), writes <c>summary.json</c> and <c>montecarlo.parquet</c> atomically and prints liquidation probabilities.
/// </summary>
internal static class MonteCarloCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var spec = new Argument<string>("SPEC") { Description = "Experiment spec (JSON); its monteCarlo section gives the defaults of the options below." };
        var paths = new Option<int?>("--paths") { Description = "Number of synthetic paths (default: the spec's, else 1000)." };
        var horizon = new Option<string?>("--horizon") { Description = "Length of every path, e.g. 365d, 52w, 720h (default: the spec's, else 365d)." };
        var block = new Option<string?>("--block") { Description = "Mean block length of the bootstrap, e.g. 3d, 72h (default: the spec's, else 3d)." };
        var seed = new Option<ulong?>("--seed") { Description = "Seed; path k's randomness comes from (seed, k) alone (default: the spec's, else 1)." };
        var generator = new Option<string?>("--generator") { Description = "bootstrap (resample the spec's data) or gbm (default: the spec's, else bootstrap)." };
        var output = new Option<string?>("--out") { Description = "Results folder (default results/<name>-montecarlo[-shard-i-of-n]). Replaced atomically." };
        var threads = new Option<int?>("--threads") { Description = "Paths simulated at once (default: all cores). Results do not depend on it." };
        var shard = new Option<string?>("--shard") { Description = "Run only shard i of n of the paths (0 ≤ i < n); levbt merge joins the folders." };
        var noCharts = new Option<bool>("--no-charts") { Description = "Write only summary.json and montecarlo.parquet, no charts." };
        var command = new Command("montecarlo", "Risk of ruin: run the sweep on N synthetic paths and report the probability of liquidation, equity and drawdown quantiles.");
        command.Arguments.Add(spec);
        foreach (var option in new Option[] { paths, horizon, block, seed, generator, output, threads, shard, noCharts })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var arguments = new MonteCarloArguments
            {
                SpecPath = parse.GetValue(spec)!,
                Paths = parse.GetValue(paths),
                Horizon = parse.GetValue(horizon),
                Block = parse.GetValue(block),
                Seed = parse.GetValue(seed),
                Generator = parse.GetValue(generator),
                OutputPath = parse.GetValue(output),
                Threads = parse.GetValue(threads),
                Shard = parse.GetValue(shard),
                NoCharts = parse.GetValue(noCharts),
            };
            using var signals = InterruptSignals.Listen();
            try
            {
                return Execute(arguments, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, signals.Token);
            }
            catch (OperationCanceledException stopped)
            {
                throw signals.Explain(stopped);
            }
        });
        return command;
    }

    /// <summary>Runs the command.</summary>
    /// <param name="arguments">The command line.</param>
    /// <param name="output">The table and the results path.</param>
    /// <param name="error">Data description and progress.</param>
    /// <param name="cancellationToken">Ctrl-C or SIGTERM: nothing is written.</param>
    /// <returns>The exit code.</returns>
    internal static int Execute(MonteCarloArguments arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var spec = ExperimentSpecReader.ReadFile(arguments.SpecPath);
        if (spec.Portfolio is not null)
        {
            // The path generators resample one instrument's bars; a portfolio would need the instruments' joint paths.
            throw new ArgumentException($"{arguments.SpecPath} is a portfolio (\"instruments\"): levbt montecarlo runs single-instrument specs only; run the portfolio with levbt run.");
        }

        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        var monteCarlo = ApplyOverrides(spec.MonteCarlo ?? new MonteCarloSpec(), arguments, overrides);
        var shard = arguments.Shard is null ? SweepShard.All : SweepShard.Parse(arguments.Shard);
        int threads = arguments.Threads ?? Environment.ProcessorCount;
        if (threads < 1)
        {
            throw new ArgumentException($"--threads must be at least 1, got {threads}.");
        }

        ExperimentPlan plan;
        try
        {
            plan = ExperimentPlan.Create(spec, BuiltInStrategies.CreateCatalog());
        }
        catch (ExperimentSpecException exception) when (exception.SpecFile is null)
        {
            throw exception.InFile(arguments.SpecPath);
        }

        var brackets = SimulationSettingsFactory.LoadBrackets(spec.Instrument);
        string outputPath = arguments.OutputPath
            ?? Path.Combine("results", shard.Count == 1 ? $"{spec.Name}-montecarlo" : $"{spec.Name}-montecarlo-shard-{shard.Index}-of-{shard.Count}");
        RunCommand.CheckOutputFolder(outputPath);
        using var folderLock = OutputFolderGuard.Acquire(outputPath, error);
        var loaded = ExperimentDataLoader.Load(spec.Data);
        var data = loaded.Data;
        var report = loaded.Report;
        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"levbt: {spec.Name}: {report.Symbol}, {report.BarCount:N0} bars from {SpecTime.FormatUtc(report.FirstOpenTimeMs)} to {SpecTime.FormatUtc(report.LastOpenTimeMs)}, {report.FundingEventCount:N0} funding events{(report.HasMarkFile ? ", mark price" : ", no mark-price file")}"));
        foreach (var warning in report.Warnings)
        {
            error.WriteLine($"levbt: warning: {warning}");
        }

        var generator = PathGeneratorFactory.Create(monteCarlo, data);
        int first = shard.Start(monteCarlo.Paths);
        int count = shard.End(monteCarlo.Paths) - first;
        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"levbt: {generator.Description}; {count:N0} of {monteCarlo.Paths:N0} paths{(shard.Count > 1 ? $" (shard {shard}, paths {first}..{first + count - 1})" : string.Empty)} × {plan.RunCount:N0} runs × {generator.BarCount:N0} bars, seed {monteCarlo.Seed}, {Math.Min(threads, Math.Max(count, 1))} threads"));

        // The historical run: the same sweep on the data itself, reported beside the simulated figures.
        // One run at a time, keeping only the metrics: a large sweep over long data never holds every run's curves,
        // and the whole history costs what one path's runs cost for every 365 days of data.
        var historical = new Core.Metrics.RunMetrics[plan.RunCount];
        var historicalBuffers = new RunBufferPool(1);
        MonteCarloOutcome outcome;
        try
        {
            for (int r = 0; r < plan.RunCount; r++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var result = ExperimentRunner.RunOne(plan, data, brackets, r, historicalBuffers).Result;
                historical[r] = result.Metrics;
                historicalBuffers.Return(result);
            }

            outcome = RunWithProgress(plan, generator, brackets, monteCarlo, new MonteCarloRunOptions { MaxDegreeOfParallelism = threads, Shard = shard }, output, error, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw new OperationCanceledException($"interrupted; no results were written ({outputPath} is unchanged).");
        }

        var provenance = new ResultsProvenance { ToolVersion = RunCommand.ToolVersion, LoadedData = loaded, Overrides = overrides };
        using var header = MonteCarloSummaryWriter.BuildHeader(plan, monteCarlo, generator, provenance, historical);
        string published;
        try
        {
            published = MonteCarloResultsWriter.Publish(outputPath, header.RootElement, outcome, arguments.NoCharts || count == 0 ? null : WriteCharts, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw new OperationCanceledException($"interrupted; no results were written ({outputPath} is unchanged).");
        }

        if (count > 0)
        {
            MonteCarloTablePrinter.Write(outcome, historical, output);
        }

        output.WriteLine($"Results: {published}");
        return CommandLineApplication.ExitSuccess;
    }

    /// <summary>The charts of a Monte Carlo folder, drawn from the files already in the temporary folder (published with them).</summary>
    internal static void WriteCharts(string directory, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        AbandonOnCancel.Run(_ => MonteCarloCharts.Write(directory), cancellationToken);
    }

    private static MonteCarloSpec ApplyOverrides(MonteCarloSpec spec, MonteCarloArguments arguments, Dictionary<string, string> overrides)
    {
        if (arguments.Paths is int paths)
        {
            if (paths < 1)
            {
                throw new ArgumentException($"--paths must be at least 1, got {paths}.");
            }

            spec = spec with { Paths = paths };
            overrides["paths"] = paths.ToString(CultureInfo.InvariantCulture);
        }

        if (arguments.Horizon is { } horizon)
        {
            spec = spec with { HorizonMs = MonteCarloSpec.ParseDuration(horizon, "--horizon") };
            overrides["horizon"] = horizon;
        }

        if (arguments.Block is { } block)
        {
            spec = spec with { MeanBlockMs = MonteCarloSpec.ParseDuration(block, "--block") };
            overrides["block"] = block;
        }

        if (arguments.Seed is ulong seed)
        {
            spec = spec with { Seed = seed };
            overrides["seed"] = seed.ToString(CultureInfo.InvariantCulture);
        }

        if (arguments.Generator is { } generator)
        {
            if (!MonteCarloSpec.Generators.Contains(generator, StringComparer.Ordinal))
            {
                throw new ArgumentException($"--generator '{generator}' is unknown; valid values: {string.Join(", ", MonteCarloSpec.Generators)}.");
            }

            spec = spec with { Generator = generator };
            overrides["generator"] = generator;
        }

        return spec;
    }

    private static MonteCarloOutcome RunWithProgress(
        ExperimentPlan plan,
        IPathGenerator generator,
        Core.Margin.LeverageBracketSchedule brackets,
        MonteCarloSpec monteCarlo,
        MonteCarloRunOptions options,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        int count = options.Shard.End(monteCarlo.Paths) - options.Shard.Start(monteCarlo.Paths);
        if (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && !Console.IsErrorRedirected)
        {
            MonteCarloOutcome? result = null;
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            console.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask($"{plan.Spec.Name}: {count:N0} paths", maxValue: Math.Max(count, 1));
                    result = MonteCarloRunner.Run(plan, generator, brackets, monteCarlo.Paths, monteCarlo.Seed, options with { Progress = (done, _) => task.Value = done }, cancellationToken);
                });
            return result!;
        }

        // Not a terminal: a line at every 10 %, so logs stay short.
        int lastDecile = -1;
        object gate = new();
        return MonteCarloRunner.Run(plan, generator, brackets, monteCarlo.Paths, monteCarlo.Seed, options with
        {
            Progress = (done, total) =>
            {
                int decile = done * 10 / Math.Max(total, 1);
                lock (gate)
                {
                    if (decile > lastDecile)
                    {
                        lastDecile = decile;
                        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"levbt: progress {done:N0}/{total:N0} paths ({100.0 * done / total:0} %)"));
                    }
                }
            },
        }, cancellationToken);
    }
}
