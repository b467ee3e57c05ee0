using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

using static LevBacktest.Cli.Tests.RunTestSupport;

namespace LevBacktest.Cli.Tests;

/// <summary>
/// The results of <c>levbt run</c> load in DuckDB (and Polars), through the Parquet tests' Node harness
/// (tests/LevBacktest.Parquet.Tests/interop, installed with <c>npm ci</c>), with the values of summary.json.
/// </summary>
public sealed class RunOutputInteropTests : IDisposable
{
    private static readonly string Harness = Path.Combine(RepositoryRoot, "tests", "LevBacktest.Parquet.Tests", "interop");
    private readonly string _folder = Directory.CreateTempSubdirectory("levbt-run-interop").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [InteropFact]
    public void DuckDb_and_polars_read_every_output_with_the_values_of_summary_json()
    {
        WriteCsvMarket(_folder, bars: 500);
        WriteSpec(_folder, CsvSpec());
        var result = Levbt(_folder, "run", "spec.json", "--out", "out", "--no-charts");
        Assert.True(result.ExitCode == 0, result.Error);
        string output = Path.Combine(_folder, "out");
        string[] files = ["runs.parquet", "equity.parquet", "trades.parquet", "liquidations.parquet", "funding.parquet", "stops.parquet"];
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
        var runs = summary.RootElement.GetProperty("runs").EnumerateArray().ToArray();
        foreach (string engine in new[] { "duckdb", "polars" })
        {
            using var tables = ReadWith(engine, files.Select(f => Path.Combine(output, f)).ToArray());
            var all = tables.RootElement.EnumerateArray().ToArray();
            Assert.Equal(files.Length, all.Length);
            var runsTable = all[0];
            Assert.Equal(8, runsTable.GetProperty("rowCount").GetInt32());
            var columns = runsTable.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
            for (int r = 0; r < runs.Length; r++)
            {
                Assert.Equal(r.ToString(CultureInfo.InvariantCulture), Value(columns["runIndex"], r));
                Assert.Equal(runs[r].GetProperty("parameters").GetProperty("stop.distance").GetDouble(), double.Parse(Value(columns["stop.distance"], r)!, CultureInfo.InvariantCulture));
                foreach (var metric in runs[r].GetProperty("metrics").EnumerateObject())
                {
                    string? text = Value(columns[metric.Name], r);
                    if (metric.Value.ValueKind == JsonValueKind.Null)
                    {
                        Assert.Null(text);
                    }
                    else
                    {
                        Assert.Equal(metric.Value.GetDouble(), double.Parse(text!, CultureInfo.InvariantCulture));
                    }
                }
            }

            var equity = all[1];
            Assert.Equal(8 * 500, equity.GetProperty("rowCount").GetInt32());
            var equityColumns = equity.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
            if (engine == "duckdb")
            {
                Assert.StartsWith("TIMESTAMP", equityColumns["time"].GetProperty("type").GetString(), StringComparison.Ordinal);
            }

            // 2021-01-01T00:00:00Z in nanoseconds, the first bar of the CSV data.
            Assert.Equal("1609459200000000000", Value(equityColumns["time"], 0));
            for (int r = 0; r < runs.Length; r++)
            {
                double finalEquity = runs[r].GetProperty("metrics").GetProperty("finalEquity").GetDouble();
                Assert.Equal(finalEquity, double.Parse(Value(equityColumns["equity"], ((r + 1) * 500) - 1)!, CultureInfo.InvariantCulture));
            }
        }
    }

    private static string? Value(JsonElement column, int row)
    {
        var value = column.GetProperty("values")[row];
        return value.ValueKind == JsonValueKind.Null ? null : value.GetString();
    }

    private static JsonDocument ReadWith(string engine, string[] files)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = Harness, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("read-parquet.mjs");
        start.ArgumentList.Add(engine);
        foreach (var file in files)
        {
            start.ArgumentList.Add(file);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "node did not finish");
        Assert.True(process.ExitCode == 0, $"{engine}: {error.Result}");
        return JsonDocument.Parse(output);
    }

    /// <summary>Skipped with a message when node or the harness's packages are not installed.</summary>
    private sealed class InteropFactAttribute : FactAttribute
    {
        public InteropFactAttribute()
        {
            if (!Directory.Exists(Path.Combine(Harness, "node_modules", "@duckdb", "node-api")) || !Directory.Exists(Path.Combine(Harness, "node_modules", "nodejs-polars")))
            {
                Skip = $"DuckDB/Polars interop skipped: run `npm ci` in {Harness} (.ci/run does).";
            }
        }
    }
}
