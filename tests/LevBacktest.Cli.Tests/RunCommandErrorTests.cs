using System.Text.Json.Nodes;

using static LevBacktest.Cli.Tests.RunTestSupport;

namespace LevBacktest.Cli.Tests;

/// <summary>
/// Bad specs, missing files, unknown columns and unknown strategies: the built levbt exits 2 with exactly
/// one error line that names the problem, and creates no results folder.
/// </summary>
public sealed class RunCommandErrorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("levbt-run-errors").FullName;

    public RunCommandErrorTests() => WriteCsvMarket(_folder, bars: 300);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void AssertOneErrorLine(LevbtResult result, params string[] fragments)
    {
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}; stderr: {result.Error}; stdout: {result.Output}");
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("levbt: error: ", line, StringComparison.Ordinal);
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, line, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(Path.Combine(_folder, "out")));
        Assert.Empty(Directory.GetDirectories(_folder));
    }

    private LevbtResult RunSpec(Action<JsonObject> change, params string[] extra)
    {
        var spec = CsvSpec();
        change(spec);
        string path = WriteSpec(_folder, spec);
        return Levbt(_folder, ["run", path, "--out", Path.Combine(_folder, "out"), .. extra]);
    }

    [Fact]
    public void Invalid_json()
    {
        File.WriteAllText(Path.Combine(_folder, "broken.json"), "{ \"name\": \"x\",\n  \"data\": }");
        AssertOneErrorLine(Levbt(_folder, "run", "broken.json"), "broken.json: $: not valid JSON at line 2");
    }

    [Fact]
    public void Unknown_property_names_its_path_and_the_allowed_ones()
        => AssertOneErrorLine(RunSpec(s => s["instrument"]!["takerFee"] = 0.001), "$.instrument.takerFee: unknown property 'takerFee'", "takerFeeRate");

    [Fact]
    public void Unknown_signal_lists_the_valid_names()
        => AssertOneErrorLine(RunSpec(s => s["strategy"]!["signal"] = "moving-average"), "spec.json: $.strategy.signal.name", "'moving-average'", "ma-cross", "buy-and-hold-long");

    [Fact]
    public void Unknown_stop_lists_the_valid_names()
        => AssertOneErrorLine(RunSpec(s => s["strategy"]!["stop"] = "trailing"), "$.strategy.stop.name", "fixed-percent", "none");

    [Fact]
    public void Unknown_swept_parameter_lists_the_parameters()
        => AssertOneErrorLine(RunSpec(s => s["sweep"] = new JsonObject { ["stop.percent"] = new JsonArray(0.1) }), "$.sweep['stop.percent']", "valid parameters: distance");

    [Fact]
    public void Out_of_range_parameter_names_the_sweep_value()
        => AssertOneErrorLine(RunSpec(s => s["sweep"] = new JsonObject { ["signal.fast"] = new JsonArray(5, 0) }), "$.sweep['signal.fast'][1]", "fast");

    [Fact]
    public void Wrong_enumerated_value_lists_the_valid_ones()
        => AssertOneErrorLine(RunSpec(s => s["instrument"]!["marginMode"] = "portfolio"), "$.instrument.marginMode", "isolated, cross");

    [Fact]
    public void Sizing_without_the_stop_price_it_needs_is_rejected_before_any_data_is_read()
        => AssertOneErrorLine(
            RunSpec(s =>
            {
                s["data"]!["prices"] = "not-read.csv";   // the plan fails first, so this missing file is never opened
                s["strategy"]!["sizing"] = new JsonObject { ["name"] = "fixed-fractional", ["parameters"] = new JsonObject { ["risk"] = 0.01 } };
                s["sweep"] = new JsonObject { ["leverage"] = new JsonArray(1, 3), ["stop"] = new JsonArray("fixed-percent", "liquidation-fraction") };
            }),
            "spec.json: $.sweep.stop[1]: sizing 'fixed-fractional' needs a stop price at entry, before the position is sized, "
            + "which stop-loss 'liquidation-fraction' does not give (first in run 1: stop = liquidation-fraction); "
            + "choose a stop-loss rule that does (fixed-percent, atr, trailing-percent, chandelier) or another sizing rule.");

    [Fact]
    public void Missing_prices_file_names_the_file()
        => AssertOneErrorLine(RunSpec(s => s["data"]!["prices"] = "nowhere.parquet"), Path.Combine(_folder, "nowhere.parquet"));

    [Fact]
    public void Missing_prices_override_names_the_file()
        => AssertOneErrorLine(RunSpec(_ => { }, "--prices", "absent.csv"), Path.Combine(_folder, "absent.csv"));

    [Fact]
    public void Missing_tier_file_names_the_file()
        => AssertOneErrorLine(RunSpec(s => s["instrument"] = new JsonObject { ["tiers"] = "tiers/none.json" }), Path.Combine(_folder, "tiers", "none.json"));

    [Fact]
    public void Unknown_column_names_the_column_and_the_file()
        => AssertOneErrorLine(RunSpec(s => s["data"]!["columns"] = new JsonObject { ["prices"] = new JsonObject { ["close"] = "last_price" } }), "last_price", "prices.csv");

    [Fact]
    public void Corrupt_prices_file_names_the_file_and_row()
    {
        File.AppendAllText(Path.Combine(_folder, "prices.csv"), "BTCUSDT,2021-02-01T00:00:00Z,100,90,95,98,1\n");
        AssertOneErrorLine(RunSpec(_ => { }), "prices.csv");
    }

    [Fact]
    public void Corrupt_mark_file_read_beside_the_prices_names_the_file_and_row()
    {
        // The mark file is read on another thread while the prices are converted: its error still comes as one line.
        File.AppendAllText(Path.Combine(_folder, "mark.csv"), "BTCUSDT,2021-02-01T00:00:00Z,100,not-a-price,95,98\n");
        AssertOneErrorLine(RunSpec(_ => { }), "mark.csv, line 302, column 'high': 'not-a-price' is not a number.");
    }

    [Fact]
    public void Corrupt_prices_and_mark_files_report_the_prices_first()
    {
        File.AppendAllText(Path.Combine(_folder, "prices.csv"), "BTCUSDT,2021-02-01T00:00:00Z,100,not-a-price,95,98,1\n");
        File.AppendAllText(Path.Combine(_folder, "mark.csv"), "BTCUSDT,2021-02-01T00:00:00Z,100,not-a-price,95,98\n");
        var result = RunSpec(_ => { });
        AssertOneErrorLine(result, "prices.csv, line 302, column 'high': 'not-a-price' is not a number.");
        Assert.DoesNotContain("mark.csv", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_spec_error_found_while_the_data_loads_is_the_one_reported()
    {
        // The data is read in the background from the moment the spec is read; a later step's error (here the tier
        // table, read after the plan) still wins over the data's own error, as when the data was read after it.
        File.AppendAllText(Path.Combine(_folder, "prices.csv"), "BTCUSDT,2021-02-01T00:00:00Z,100,not-a-price,95,98,1\n");
        var result = RunSpec(s => s["instrument"] = new JsonObject { ["tiers"] = "tiers/none.json" });
        AssertOneErrorLine(result, Path.Combine(_folder, "tiers", "none.json"));
        Assert.DoesNotContain("prices.csv", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_spec_file()
        => AssertOneErrorLine(Levbt(_folder, "run", "absent-spec.json"), "absent-spec.json");

    [Fact]
    public void Bad_shard()
        => AssertOneErrorLine(RunSpec(_ => { }, "--shard", "2/2"), "--shard '2/2'");

    [Fact]
    public void Bad_date()
        => AssertOneErrorLine(RunSpec(_ => { }, "--from", "yesterday"), "--from 'yesterday' is not a date");

    [Fact]
    public void Empty_window()
        => AssertOneErrorLine(RunSpec(_ => { }, "--from", "2021-02-01", "--to", "2021-01-01"), "the run window is empty");
}
