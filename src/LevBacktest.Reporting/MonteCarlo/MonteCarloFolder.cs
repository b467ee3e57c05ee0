using System.Globalization;
using System.Text.Json;

using LevBacktest.Parquet;

namespace LevBacktest.Reporting.MonteCarlo;

/// <summary>What the Monte Carlo charts read from a folder written by <c>levbt montecarlo</c> or a merge of its shards.</summary>
public sealed class MonteCarloFolder
{
    private MonteCarloFolder(string experiment, string symbol, string description, int paths, double horizonDays, double initialCapital, IReadOnlyList<MonteCarloRunFigures> runs)
    {
        Experiment = experiment;
        Symbol = symbol;
        Description = description;
        Paths = paths;
        HorizonDays = horizonDays;
        InitialCapital = initialCapital;
        Runs = runs;
    }

    /// <summary>Experiment name.</summary>
    public string Experiment { get; }

    /// <summary>Symbol of the data.</summary>
    public string Symbol { get; }

    /// <summary>The generator's description.</summary>
    public string Description { get; }

    /// <summary>Paths in the folder.</summary>
    public int Paths { get; }

    /// <summary>Horizon of every path, days.</summary>
    public double HorizonDays { get; }

    /// <summary>The spec's initial capital (USDT).</summary>
    public double InitialCapital { get; }

    /// <summary>The runs in run-index order.</summary>
    public IReadOnlyList<MonteCarloRunFigures> Runs { get; }

    /// <summary>Reads the folder.</summary>
    /// <param name="folder">A complete Monte Carlo results folder.</param>
    /// <exception cref="InvalidDataException">summary.json is not a Monte Carlo summary with risk figures.</exception>
    public static MonteCarloFolder Read(string folder)
    {
        using var summary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "summary.json")));
        var root = summary.RootElement;
        var monteCarlo = root.GetProperty("monteCarlo");
        var runs = root.GetProperty("runs");
        int runCount = runs.GetArrayLength();
        var times = new List<double>[runCount];
        for (int r = 0; r < runCount; r++)
        {
            times[r] = [];
        }

        using (var reader = ParquetFileReader.Open(Path.Combine(folder, "montecarlo.parquet")))
        {
            int[] runIndex = reader.ReadInt32Column("runIndex");
            var liquidated = reader.ReadColumn("liquidated").Booleans ?? throw new InvalidDataException("montecarlo.parquet: 'liquidated' is not BOOLEAN.");
            var days = reader.ReadColumn("timeToFirstLiquidationDays");
            for (int i = 0; i < runIndex.Length; i++)
            {
                if (liquidated[i] && !days.IsNull(i))
                {
                    times[runIndex[i]].Add(days.Doubles![i]);
                }
            }
        }

        var figures = new List<MonteCarloRunFigures>(runCount);
        int paths = 0;
        foreach (var run in runs.EnumerateArray())
        {
            int index = run.GetProperty("runIndex").GetInt32();
            if (!run.TryGetProperty("monteCarlo", out var risk))
            {
                throw new InvalidDataException($"{folder}: summary.json has no risk figures for run {index} (a shard without paths?).");
            }

            paths = risk.GetProperty("paths").GetInt32();
            var interval = risk.GetProperty("liquidationProbabilityInterval95");
            var quantiles = risk.GetProperty("finalEquityQuantiles");
            var others = run.GetProperty("parameters").EnumerateObject()
                .Where(p => p.Name != "leverage")
                .Select(p => $"{p.Name} = {(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())}");
            var sorted = times[index].ToArray();
            Array.Sort(sorted);
            figures.Add(new MonteCarloRunFigures(
                index,
                run.GetProperty("leverage").GetDouble(),
                string.Join(", ", others),
                risk.GetProperty("liquidationProbability").GetDouble(),
                interval[0].GetDouble(),
                interval[1].GetDouble(),
                [.. new[] { "p5", "p25", "p50", "p75", "p95" }.Select(q => quantiles.GetProperty(q).GetDouble())],
                sorted));
        }

        double capital = root.GetProperty("spec").TryGetProperty("initialCapital", out var c) ? c.GetDouble() : double.NaN;
        string symbol = root.GetProperty("data").GetProperty("symbol").GetString() ?? string.Empty;
        return new MonteCarloFolder(
            root.GetProperty("experiment").GetString() ?? string.Empty,
            symbol,
            monteCarlo.GetProperty("description").GetString() ?? string.Empty,
            paths,
            monteCarlo.GetProperty("horizonDays").GetDouble(),
            capital,
            figures);
    }

    /// <summary>The subtitle every Monte Carlo chart shares: symbol, paths, horizon, generator.</summary>
    internal string Subtitle => string.Create(CultureInfo.InvariantCulture, $"{Symbol} · {Paths:N0} paths of {HorizonDays:0.#} days · {Description}");
}
