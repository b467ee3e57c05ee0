using System.Reflection;

using LevBacktest.Core.Experiments;
using LevBacktest.Core.Experiments.Results;
using LevBacktest.Core.Strategies;
using LevBacktest.Core.Strategies.Plugins;
using LevBacktest.Reporting.Reports;
using LevBacktest.Strategies;

namespace LevBacktest.Reporting.Results;

/// <summary>
/// An experiment spec to run in-process — the library form of <c>levbt run</c>:
/// <code>
/// var results = Experiment.Load("strategies/examples/buy-and-hold-leverage.json").Run();
/// Console.WriteLine(results.Runs.ToText());
/// </code>
/// The spec's strategies are found among the built-ins, the spec's <c>"plugins"</c> and those added with
/// <see cref="WithPlugin"/> or <see cref="WithStrategies"/>; <see cref="WithSignal"/>, <see cref="WithSizing"/> and
/// <see cref="WithStopLoss"/> replace a component of the spec by a strategy object of your own, without a plugin or
/// a registration. Instances are immutable: each <c>With…</c> returns a new experiment.
/// </summary>
public sealed class Experiment
{
    private readonly IReadOnlyList<string> _pluginPaths;
    private readonly IReadOnlyList<StrategyDescriptor> _strategies;

    private Experiment(ExperimentSpec spec, IReadOnlyList<string> pluginPaths, IReadOnlyList<StrategyDescriptor> strategies)
    {
        Spec = spec;
        _pluginPaths = pluginPaths;
        _strategies = strategies;
    }

    /// <summary>The spec as read, with the components replaced by <c>With…</c>.</summary>
    public ExperimentSpec Spec { get; }

    /// <summary>Reads a spec file (relative paths in it resolve against its folder).</summary>
    /// <param name="specPath">The experiment spec (JSON; <c>strategies/experiment.schema.json</c>).</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ExperimentSpecException">The spec is malformed (the message names the file and JSON path).</exception>
    public static Experiment Load(string specPath) => new(ExperimentSpecReader.ReadFile(specPath), [], []);

    /// <summary>Adds a strategy plugin assembly, as <c>levbt run --plugin</c> does.</summary>
    /// <param name="assemblyPath">The plugin's .dll, absolute or relative to the current folder.</param>
    public Experiment WithPlugin(string assemblyPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(assemblyPath);
        return new(Spec, [.. _pluginPaths, Path.GetFullPath(assemblyPath)], _strategies);
    }

    /// <summary>Registers strategies by descriptor (as a plugin would, without building one), so the spec can name them.</summary>
    /// <param name="descriptors">Descriptors whose names no built-in or plugin strategy of the same kind has.</param>
    public Experiment WithStrategies(params StrategyDescriptor[] descriptors)
    {
        ArgumentNullException.ThrowIfNull(descriptors);
        return new(Spec, _pluginPaths, [.. _strategies, .. descriptors]);
    }

    /// <summary>Replaces the spec's signal by your own: <paramref name="create"/> makes a fresh instance for each run.</summary>
    /// <param name="create">Creates the signal; called once per run, possibly from several threads at once.</param>
    /// <param name="name">The name the results show (kebab-case; default <c>custom-signal</c>).</param>
    public Experiment WithSignal(Func<ISignal> create, string name = "custom-signal")
    {
        ArgumentNullException.ThrowIfNull(create);
        return Replace(StrategyDescriptor.ForSignal(name, "A signal object given to Experiment.WithSignal.", [], _ => create()), StrategyKind.Signal);
    }

    /// <summary>Replaces the spec's sizing rule by your own: <paramref name="create"/> makes a fresh instance for each run.</summary>
    /// <param name="create">Creates the sizing rule; called once per run, possibly from several threads at once.</param>
    /// <param name="name">The name the results show (kebab-case; default <c>custom-sizing</c>).</param>
    /// <param name="requires">What it needs from the stop-loss rule (e.g. <see cref="StrategyCapabilities.EntryStopPrice"/>).</param>
    public Experiment WithSizing(Func<ISizing> create, string name = "custom-sizing", StrategyCapabilities requires = StrategyCapabilities.None)
    {
        ArgumentNullException.ThrowIfNull(create);
        return Replace(StrategyDescriptor.ForSizing(name, "A sizing object given to Experiment.WithSizing.", [], _ => create(), requires), StrategyKind.Sizing);
    }

    /// <summary>Replaces the spec's stop-loss rule by your own: <paramref name="create"/> makes a fresh instance for each run.</summary>
    /// <param name="create">Creates the stop-loss rule; called once per run, possibly from several threads at once.</param>
    /// <param name="name">The name the results show (kebab-case; default <c>custom-stop</c>).</param>
    /// <param name="provides">What it gives the sizing rule (default: a stop price at entry).</param>
    public Experiment WithStopLoss(Func<IStopLoss> create, string name = "custom-stop", StrategyCapabilities provides = StrategyCapabilities.EntryStopPrice)
    {
        ArgumentNullException.ThrowIfNull(create);
        return Replace(StrategyDescriptor.ForStopLoss(name, "A stop-loss object given to Experiment.WithStopLoss.", [], _ => create(), provides: provides), StrategyKind.StopLoss);
    }

    /// <summary>
    /// Loads the data once, runs every point of the sweep in parallel (results identical whatever
    /// <paramref name="threads"/>) and returns the results as DataFrames, built from the runs in memory.
    /// </summary>
    /// <param name="outputFolder">
    /// Where to keep a results folder (written atomically, like <c>levbt run --out</c>; <see cref="ExperimentResults.Folder"/>
    /// is then its full path); null writes nothing at all, not even a temporary file, and <see cref="ExperimentResults.Folder"/> is null.
    /// </param>
    /// <param name="charts">With <paramref name="outputFolder"/>: also draw the charts and report.md / report.html.</param>
    /// <param name="threads">Runs at once; null for one per core.</param>
    /// <param name="cancellationToken">Stops the sweep; nothing is written then.</param>
    /// <returns>Every table of the runs, and each run's whole equity curve (every bar), in memory: about
    /// 6 doubles per bar and run (a 21-run sweep over 17,520 hourly bars holds ~18 MB).</returns>
    /// <exception cref="StrategyPluginException">A plugin cannot be used (the message names it).</exception>
    /// <exception cref="StrategyConfigurationException">The spec names an unknown strategy or parameter.</exception>
    /// <exception cref="ExperimentSpecException">The spec's components do not fit together (the message names the JSON path).</exception>
    /// <exception cref="Core.Data.MarketDataException">The data cannot be read or is invalid.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    /// <exception cref="NotSupportedException">The spec is a portfolio (<c>"instruments"</c>).</exception>
    public ExperimentResults Run(string? outputFolder = null, bool charts = false, int? threads = null, CancellationToken cancellationToken = default)
    {
        if (Spec.Portfolio is not null)
        {
            // Running it here would run instrument 0 alone; the portfolio runs through levbt run (PortfolioExperimentRunner).
            throw new NotSupportedException($"{Spec.SourcePath ?? Spec.Name} is a portfolio (\"instruments\"): Experiment.Run runs single-instrument specs only; use levbt run, or PortfolioExperimentRunner from LevBacktest.Core.");
        }

        var plugins = StrategyPlugins.LoadAll(Spec.Plugins.Concat(_pluginPaths));
        var catalog = StrategyPlugins.CreateCatalog(BuiltInStrategies.Descriptors.Concat(_strategies), plugins);
        var plan = ExperimentPlan.Create(Spec, catalog);
        var brackets = SimulationSettingsFactory.LoadBrackets(Spec.Instrument);
        var loaded = ExperimentDataLoader.Load(Spec.Data);
        var options = new ExperimentRunOptions { MaxDegreeOfParallelism = threads ?? Environment.ProcessorCount };

        // The runs arrive in ascending run index; every one is kept, equity curve and all, for Equity(runIndex).
        var runs = new List<RunOutcome>(plan.RunCount);
        ExperimentRunner.Stream(plan, loaded.Data, brackets, options, runs.Add, cancellationToken);
        var outcome = new ExperimentOutcome(plan, loaded.Data, options.Shard, runs);
        string? published = null;
        if (outputFolder is not null)
        {
            var provenance = new ResultsProvenance { ToolVersion = ToolVersion, LoadedData = loaded, Plugins = plugins };
            published = ExperimentResultsWriter.Publish(
                outputFolder,
                outcome,
                provenance,
                charts ? (directory, token) => ReportWriter.Write(directory, options: null, token) : null,
                cancellationToken);
        }

        return ExperimentResults.FromOutcome(outcome, published);
    }

    /// <summary>The tool name recorded in summary.json for library runs, e.g. <c>LevBacktest 0.1.0</c>.</summary>
    public static string ToolVersion { get; } =
        "LevBacktest " + (typeof(Experiment).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");

    private Experiment Replace(StrategyDescriptor descriptor, StrategyKind kind)
    {
        var component = new StrategyComponentSpec(descriptor.Name, new Dictionary<string, SpecValue>(), kind switch
        {
            StrategyKind.Signal => "$.strategy.signal",
            StrategyKind.Sizing => "$.strategy.sizing",
            _ => "$.strategy.stop",
        });
        var strategy = kind switch
        {
            StrategyKind.Signal => Spec.Strategy with { Signal = component },
            StrategyKind.Sizing => Spec.Strategy with { Sizing = component },
            _ => Spec.Strategy with { Stop = component },
        };
        var others = _strategies.Where(d => !(d.Kind == kind && string.Equals(d.Name, descriptor.Name, StringComparison.OrdinalIgnoreCase)));
        return new(Spec with { Strategy = strategy }, _pluginPaths, [.. others, descriptor]);
    }
}
