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
        var (code, output, error) = Levbt("bench", "--rows", "2000", "--codec", "zstd", "--repeat", "2");
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        // 2,000 rows × 48 bytes = 96,000 bytes = 0.1 MB decoded.
        Assert.Contains("2,000 rows of OHLCV (open_time_ms INT64 + 5 DOUBLE = 0.1 MB decoded), codec Zstd", output);
        Assert.Matches(new Regex(@"^write: +[\d.]+ ms = +\d+ MB/s, file [\d.]+ MB$", RegexOptions.Multiline), output);
        Assert.Matches(new Regex(@"^read all columns: +best +[\d.]+ ms = +\d+ MB/s, median [\d.]+ ms = \d+ MB/s, allocated [\d.]+ MB per read$", RegexOptions.Multiline), output);
        Assert.Matches(new Regex(@"^read close column: +best", RegexOptions.Multiline), output);
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
