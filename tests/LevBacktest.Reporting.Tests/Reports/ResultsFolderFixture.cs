using LevBacktest.Core.Experiments;
using LevBacktest.Core.Experiments.Results;
using LevBacktest.Strategies;

namespace LevBacktest.Reporting.Tests.Reports;

/// <summary>
/// Builds real results folders by running the experiment runner in-process on data/sample (three months,
/// a few runs) and writing them with the same writer as <c>levbt run</c>.
/// </summary>
internal static class ResultsFolderFixture
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string SampleData { get; } = Path.Combine(RepositoryRoot, "data", "sample");

    /// <summary>Buy-and-hold long at 1×, 3×, 10×, 50× (isolated) over Jan–Mar 2023 of the sample: the high leverages are liquidated.</summary>
    public static string LeverageSweepSpec(string? pricesPath = null) => $$"""
        {
          "name": "report-test",
          "description": "Buy-and-hold at four leverages for the report tests.",
          "data": {
            "prices": "{{Escape(pricesPath ?? Path.Combine(SampleData, "prices.parquet"))}}",
            "mark": "{{Escape(Path.Combine(SampleData, "mark.parquet"))}}",
            "funding": "{{Escape(Path.Combine(SampleData, "funding.parquet"))}}",
            "from": "2023-01-01",
            "to": "2023-04-01"
          },
          "instrument": {
            "tiers": "{{Escape(Path.Combine(RepositoryRoot, "data", "tiers", "binance-BTCUSDT.json"))}}",
            "marginMode": "isolated",
            "takerFeeRate": 0.0005,
            "slippage": { "basisPoints": 1 }
          },
          "initialCapital": 10000,
          "strategy": { "signal": "buy-and-hold-long", "sizing": "fixed-leverage", "stop": "none" },
          "sweep": { "leverage": [1, 3, 10, 50] },
          "fill": "nextOpen",
          "afterLiquidation": "endRun"
        }
        """;

    /// <summary>Moving-average cross with a trailing stop over leverage × stop distance (3 × 2 runs): a two-axis sweep.</summary>
    public static string TwoAxisSpec() => $$"""
        {
          "name": "report-test-grid",
          "data": {
            "prices": "{{Escape(Path.Combine(SampleData, "prices.parquet"))}}",
            "mark": "{{Escape(Path.Combine(SampleData, "mark.parquet"))}}",
            "funding": "{{Escape(Path.Combine(SampleData, "funding.parquet"))}}",
            "from": "2023-01-01",
            "to": "2023-03-01"
          },
          "instrument": {
            "tiers": "{{Escape(Path.Combine(RepositoryRoot, "data", "tiers", "binance-BTCUSDT.json"))}}",
            "marginMode": "isolated",
            "takerFeeRate": 0.0005
          },
          "initialCapital": 10000,
          "strategy": {
            "signal": { "name": "ma-cross", "parameters": { "fast": 10, "slow": 50, "kind": "ema", "allowShort": true } },
            "sizing": "fixed-leverage",
            "stop": { "name": "trailing-percent", "parameters": { "distance": 0.05 } }
          },
          "sweep": { "leverage": [1, 5, 20], "stop.distance": [0.02, 0.1] },
          "fill": "nextOpen",
          "afterLiquidation": "reEnter"
        }
        """;

    /// <summary>
    /// Runs <paramref name="specJson"/> and writes its results folder as <c>levbt run</c> does before drawing:
    /// the data files, no charts.
    /// </summary>
    public static string Write(string directory, string specJson) => Write(directory, specJson, out _);

    /// <inheritdoc cref="Write(string, string)"/>
    public static string Write(string directory, string specJson, out ExperimentOutcome outcome) => Write(directory, specJson, null, out outcome);

    /// <summary>As <see cref="Write(string, string)"/>, keeping of each curve what <paramref name="storage"/> (given the plan) keeps.</summary>
    public static string Write(string directory, string specJson, Func<ExperimentPlan, EquityStorage>? storage, out ExperimentOutcome outcome)
    {
        var spec = ExperimentSpecReader.Parse(specJson, RepositoryRoot);
        var plan = ExperimentPlan.Create(spec, BuiltInStrategies.CreateCatalog());
        var brackets = SimulationSettingsFactory.LoadBrackets(spec.Instrument);
        var loaded = ExperimentDataLoader.Load(spec.Data);
        outcome = ExperimentRunner.Run(plan, loaded.Data, brackets, new ExperimentRunOptions { MaxDegreeOfParallelism = 2 }, CancellationToken.None);
        if (storage?.Invoke(plan) is { } kept)
        {
            outcome = new ExperimentOutcome(plan, outcome.Data, outcome.Shard, outcome.Runs.Select(kept.Keep).ToList(), kept);
        }

        Directory.CreateDirectory(directory);
        var provenance = new ResultsProvenance { ToolVersion = "levbt test", LoadedData = loaded };
        ExperimentResultsWriter.Write(directory, outcome, provenance, CancellationToken.None);
        return directory;
    }

    /// <summary>
    /// The sample portfolio: SYNBTCUSDT and SYNALTUSDT (data/sample, data/sample-alt) long in one account, equal
    /// weights, at 1×, 3× and 10× gross leverage over Jan–Jul 2023 (3× and 10× are liquidated in cross margin).
    /// </summary>
    public static string PortfolioSpec(string marginMode = "cross") => $$"""
        {
          "name": "report-test-portfolio",
          "instruments": [
            {
              "prices": "{{Escape(Path.Combine(SampleData, "prices.parquet"))}}",
              "mark": "{{Escape(Path.Combine(SampleData, "mark.parquet"))}}",
              "funding": "{{Escape(Path.Combine(SampleData, "funding.parquet"))}}",
              "tiers": "{{Escape(Path.Combine(RepositoryRoot, "data", "tiers", "binance-BTCUSDT.json"))}}"
            },
            {
              "prices": "{{Escape(Path.Combine(RepositoryRoot, "data", "sample-alt", "prices.parquet"))}}",
              "mark": "{{Escape(Path.Combine(RepositoryRoot, "data", "sample-alt", "mark.parquet"))}}",
              "funding": "{{Escape(Path.Combine(RepositoryRoot, "data", "sample-alt", "funding.parquet"))}}",
              "tiers": "{{Escape(Path.Combine(RepositoryRoot, "data", "tiers", "binance-ETHUSDT.json"))}}"
            }
          ],
          "portfolio": { "marginMode": "{{marginMode}}", "from": "2023-01-01", "to": "2023-08-01" },
          "initialCapital": 10000,
          "sweep": { "leverage": [1, 3, 10] },
          "afterLiquidation": "endRun"
        }
        """;

    /// <summary>Runs a portfolio spec in-process and writes its results folder (data files, no charts), as <c>levbt run</c> does.</summary>
    public static string WritePortfolio(string directory, string specJson)
    {
        var spec = ExperimentSpecReader.Parse(specJson, RepositoryRoot);
        var plan = ExperimentPlan.Create(spec, BuiltInStrategies.CreateCatalog());
        var instruments = PortfolioInstrumentData.LoadAll(spec.Portfolio!);
        var outcome = PortfolioExperimentRunner.Run(plan, instruments, new ExperimentRunOptions { MaxDegreeOfParallelism = 2 }, CancellationToken.None);
        Directory.CreateDirectory(directory);
        var provenance = new ResultsProvenance { ToolVersion = "levbt test", LoadedData = instruments[0].Loaded, PortfolioData = instruments };
        ExperimentResultsWriter.Write(directory, outcome, provenance, CancellationToken.None);
        return directory;
    }

    /// <summary>Copies a folder's files (not subfolders).</summary>
    public static string Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }

        return to;
    }

    private static string Escape(string path) => path.Replace("\\", "\\\\", StringComparison.Ordinal);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LevBacktest.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("LevBacktest.sln not found above " + AppContext.BaseDirectory);
    }
}
