using System.Text.RegularExpressions;

using LevBacktest.Cli;

namespace LevBacktest.Cli.Tests;

public sealed class BenchCommandTests
{
    private static (int ExitCode, string Output, string Error) Levbt(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandLineApplication.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void SmallRun_ReportsWriteAndBothReadsWithTheDecodedSize()
    {
        var (code, output, error) = Levbt("bench", "--rows", "2000", "--codec", "zstd", "--repeat", "2", "--engine-bars", "0");
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        // 2,000 rows × 48 bytes = 96,000 bytes = 0.1 MB decoded.
        Assert.Contains("2,000 rows of OHLCV (open_time_ms INT64 + 5 DOUBLE = 0.1 MB decoded), codec Zstd", output);
        Assert.Matches(new Regex(@"^write: +[\d.]+ ms = +\d+ MB/s, file [\d.]+ MB$", RegexOptions.Multiline), output);
        Assert.Matches(new Regex(@"^read all columns: +best +[\d.]+ ms = +\d+ MB/s, median [\d.]+ ms = \d+ MB/s, allocated [\d.]+ MB per read$", RegexOptions.Multiline), output);
        Assert.Matches(new Regex(@"^read close column: +best", RegexOptions.Multiline), output);
        Assert.DoesNotContain("Engine benchmark", output);
    }

    [Fact]
    public void EngineCheck_ReportsOneRunAndTheSweepSpeedUp()
    {
        var (code, output, error) = Levbt("bench", "--rows", "1000", "--repeat", "1", "--engine-bars", "50000", "--sweep-runs", "3");
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        Assert.Contains("Engine benchmark: 50,000 one-minute bars", output);
        var run = Regex.Match(output, @"^one run: +best +([\d.]+) ms = +([\d.]+) million bar-steps/s, median [\d.]+ ms, (\d+) trades, allocated ([\d.]+) MB per run$", RegexOptions.Multiline);
        Assert.True(run.Success, output);

        // Bar-steps per second is the bar count over the best time, both printed rounded (time to 0.05 ms, rate to 0.05).
        double milliseconds = double.Parse(run.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        double millionsPerSecond = double.Parse(run.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(millionsPerSecond, (0.05 / ((milliseconds + 0.05) / 1e3)) - 0.05, milliseconds > 0.05 ? (0.05 / ((milliseconds - 0.05) / 1e3)) + 0.05 : double.MaxValue);

        // Five per-bar result arrays of 50,000 doubles are 2 MB; the run allocates at least those.
        Assert.True(double.Parse(run.Groups[4].Value, System.Globalization.CultureInfo.InvariantCulture) >= 2.0, output);
        Assert.Matches(new Regex(@"^sweep of 3 runs × 5,000 bars: 1 thread best [\d.]+ ms, \d+ threads best [\d.]+ ms = [\d.]+× speed-up \([\d.]+ million bar-steps/s\)$", RegexOptions.Multiline), output);
    }

    [Theory]
    [InlineData("--engine-bars", "5", "levbt: error: --engine-bars must be 0 (skip) or at least 10 (got 5).")]
    [InlineData("--sweep-runs", "-1", "levbt: error: --sweep-runs must be between 0 (skip) and 1000 (got -1).")]
    public void EngineCheck_OutOfRangeCountsAreErrorLines(string option, string value, string message)
    {
        var (code, _, error) = Levbt("bench", "--rows", "1000", "--repeat", "1", option, value);
        Assert.Equal(2, code);
        Assert.Equal(message + Environment.NewLine, error);
    }

    [Fact]
    public void ZeroRows_IsAnErrorLine()
    {
        var (code, _, error) = Levbt("bench", "--rows", "0");
        Assert.Equal(2, code);
        Assert.Equal("levbt: error: --rows must be at least 1 (got 0)." + Environment.NewLine, error);
    }

    [Fact]
    public void UnknownCodec_IsRejectedByTheParser()
    {
        var (code, _, error) = Levbt("bench", "--codec", "lzo");
        Assert.Equal(2, code);
        Assert.StartsWith("levbt: error: ", error);
        Assert.Contains("lzo", error);
    }
}
