using System.Text.Json.Nodes;

using LevBacktest.Cli;
using LevBacktest.Core.Regression;

namespace LevBacktest.Cli.Tests;

public sealed class RegressCommandTests : IDisposable
{
    private readonly RegressTestMarket _market = new();

    public void Dispose() => _market.Dispose();

    private static (int ExitCode, string Output, string Error) Levbt(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandLineApplication.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private void WriteBaseline(params string[] extra)
    {
        var (code, output, error) = Levbt(["regress", _market.SpecPath, "--baseline", _market.BaselinePath, "--update", .. extra]);
        Assert.True(code == 0, error);
        Assert.Contains("baseline written", output);
        Assert.Contains("; new baseline", output);
        Assert.Contains("6 runs", output);
    }

    [Fact]
    public void Runs_are_reproducible_bit_for_bit_across_thread_counts()
    {
        WriteBaseline("--threads", "1");
        var (code, output, error) = Levbt("regress", _market.SpecPath, "--baseline", _market.BaselinePath, "--threads", "2", "--rtol", "0", "--atol", "0");
        Assert.True(code == 0, output + error);
        Assert.Contains("OK: every metric of 6 runs holds", output);
        Assert.Contains("(rtol 0, atol 0;", output);
        Assert.DoesNotContain("DRIFT", output);
    }

    [Fact]
    public void Update_writes_a_baseline_with_fingerprints_and_every_metric()
    {
        WriteBaseline();
        var baseline = BaselineFile.Read(_market.BaselinePath);
        Assert.Equal("regress-test", baseline.SpecName);
        Assert.Equal(["prices", "mark", "funding"], baseline.DataFiles.Select(f => f.Role));
        Assert.All(baseline.DataFiles, f => Assert.Equal(64, f.Sha256.Length));
        Assert.Equal(1500, baseline.DataFiles[0].RowCount);
        Assert.Equal(6, baseline.Runs.Count);
        Assert.All(baseline.Runs, r => Assert.Equal(Core.Metrics.RunMetrics.Names, r.Metrics.Select(m => m.Key)));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(_market.BaselinePath)!)); // no temp file left behind
    }

    [Fact]
    public void A_doubled_fee_fails_and_the_table_names_feesPaid()
    {
        WriteBaseline();
        string doubled = _market.WriteSpec("fee-doubled.json", s => s["instrument"]!["takerFeeRate"] = 0.001);
        var (code, output, _) = Levbt("regress", doubled, "--baseline", _market.BaselinePath);
        Assert.Equal(1, code);
        Assert.Contains("Moved beyond tolerance", output);
        Assert.Matches(@"(?m)^  feesPaid +leverage = 3, stop\.distance = 0\.02 ", output);
        Assert.Contains("DRIFT:", output);
        Assert.DoesNotContain("DATA CHANGED", output);
    }

    [Fact]
    public void A_flipped_funding_file_is_reported_as_changed_data_not_drift()
    {
        WriteBaseline();
        string flipped = _market.WriteSpec("funding-flipped.json", s => s["data"]!["funding"] = "funding-flipped.csv");
        var (code, output, _) = Levbt("regress", flipped, "--baseline", _market.BaselinePath);
        Assert.Equal(1, code);
        Assert.Contains("DATA CHANGED: 1 input file(s) differ", output);
        Assert.Matches(@"(?m)^  funding +.*funding\.csv: sha256 [0-9a-f]{12}…, 187 rows", output);
        Assert.Contains("Results that moved with the data", output);
        Assert.Matches(@"(?m)^  fundingPaid +leverage = 1, stop\.distance = 0\.02 ", output);
        Assert.DoesNotContain("DRIFT:", output);
    }

    [Fact]
    public void Added_and_missing_runs_are_drift()
    {
        WriteBaseline();
        string changed = _market.WriteSpec("sweep-changed.json", s => s["sweep"]!["leverage"] = new JsonArray(1, 3, 5));
        var (code, output, _) = Levbt("regress", changed, "--baseline", _market.BaselinePath);
        Assert.Equal(1, code);
        Assert.Matches(@"(?m)^  \(run missing\) +leverage = 10, stop\.distance = 0\.1 +present", output);
        Assert.Matches(@"(?m)^  \(run added\) +leverage = 5, stop\.distance = 0\.02 +- +present", output);
        Assert.Contains("Moved beyond tolerance (4):", output); // two runs gone, two new; the other four hold
    }

    [Fact]
    public void Update_says_what_it_replaces()
    {
        WriteBaseline();
        var again = Levbt("regress", _market.SpecPath, "--baseline", _market.BaselinePath, "--update");
        Assert.Contains("; the previous baseline held", again.Output);
        string doubled = _market.WriteSpec("fee-doubled.json", s => s["instrument"]!["takerFeeRate"] = 0.001);
        var refreshed = Levbt("regress", doubled, "--baseline", _market.BaselinePath, "--update");
        Assert.Equal(0, refreshed.ExitCode);
        Assert.Matches(@"; replaced a baseline with [1-9][0-9]* difference\(s\)", refreshed.Output);
        Assert.Equal(0, Levbt("regress", doubled, "--baseline", _market.BaselinePath).ExitCode);
    }

    [Fact]
    public void A_results_folder_compares_equal_to_running_the_spec()
    {
        WriteBaseline();
        string results = Path.Combine(_market.Folder, "results");
        var run = Levbt("run", _market.SpecPath, "--out", results, "--no-charts");
        Assert.True(run.ExitCode == 0, run.Error);
        var (code, output, error) = Levbt("regress", "--results", results, "--baseline", _market.BaselinePath, "--rtol", "0", "--atol", "0");
        Assert.True(code == 0, output + error);
        Assert.Contains("6 runs", output);
    }

    [Theory]
    [InlineData("missing-baseline", "does not exist (create it with --update)")]
    [InlineData("no-spec", "Give the experiment spec to run, or --results DIR")]
    [InlineData("negative-rtol", "--rtol and --atol must be finite numbers >= 0")]
    [InlineData("bad-threads", "--threads must be 1 or more")]
    [InlineData("bad-spec", "leverage")]
    [InlineData("empty-results", "summary.json does not exist")]
    public void Bad_input_exits_2_with_one_line(string kind, string expected)
    {
        string baseline = _market.BaselinePath;
        if (kind != "missing-baseline")
        {
            WriteBaseline();
        }

        string[] args = kind switch
        {
            "missing-baseline" => ["regress", _market.SpecPath, "--baseline", baseline],
            "no-spec" => ["regress", "--baseline", baseline],
            "negative-rtol" => ["regress", _market.SpecPath, "--baseline", baseline, "--rtol", "-1"],
            "bad-threads" => ["regress", _market.SpecPath, "--baseline", baseline, "--threads", "0"],
            "bad-spec" => ["regress", _market.WriteSpec("bad.json", s => s["sweep"]!["leverage"] = "high"), "--baseline", baseline],
            _ => ["regress", "--results", _market.Folder, "--baseline", baseline],
        };
        var (code, output, error) = Levbt(args);
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("levbt: error: ", error);
        Assert.Contains(expected, error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void A_malformed_baseline_exits_2_naming_the_field()
    {
        WriteBaseline();
        File.WriteAllText(_market.BaselinePath, File.ReadAllText(_market.BaselinePath).Replace("\"runs\"", "\"runz\""));
        var (code, _, error) = Levbt("regress", _market.SpecPath, "--baseline", _market.BaselinePath);
        Assert.Equal(2, code);
        Assert.Contains("$.runs is missing", error);
    }
}
