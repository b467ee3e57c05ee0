using System.IO.Compression;
using System.Text;

using LevBacktest.Cli;

using static LevBacktest.Cli.Tests.DataCommandTestSupport;

namespace LevBacktest.Cli.Tests;

public sealed class DataValidateCommandTests
{
    [SharedDataFact]
    public void Valid_real_files_print_their_facts_and_exit_0()
    {
        var (code, output, error) = Levbt("data", "validate", BinanceUm("BTCUSDT-1h.parquet"), BinanceUm("BTCUSDT-funding.parquet"));
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        Assert.Contains("holds: prices (last-price OHLCV bars), symbol BTCUSDT", output);
        Assert.Contains("rows: 58,623, 2019-09-08 17:00Z → 2026-05-17 07:00Z", output);
        Assert.Contains("interval: 1h", output);
        Assert.Contains("gaps: none", output);
        Assert.Contains("rows: 7,323, 2019-09-10 08:00Z → 2026-05-17 00:00Z", output);
        Assert.Contains("funding intervals: 8h × 7,322", output);
        Assert.DoesNotContain("INVALID", output);
    }

    [SharedDataFact]
    public void Joint_validation_reports_the_mark_fallback_span()
    {
        var (code, output, _) = Levbt("data", "validate", BinanceUm("ETHUSDT-1h.parquet"), "--mark", BinanceUm("ETHUSDT-1h-mark.parquet"), "--funding", BinanceUm("ETHUSDT-funding.parquet"));
        Assert.Equal(0, code);
        Assert.Contains("together:", output);
        Assert.Contains("bars: 56,713 of 1h", output);
        Assert.Contains("fall back to last price: 2019-11-27 07:00Z → 2019-12-23 11:00Z", output);
        Assert.Contains("funding: 7,089 settlement(s) matched to bars", output);
    }

    [Fact]
    public void Bad_rows_are_listed_with_file_line_and_column_and_exit_2()
    {
        string folder = NewScratchFolder();
        string path = WriteText(folder, "bad.csv", "open_time,open,high,low,close,volume\n1704067200000,1,2,0.5,1.5,1\n1704067200000,1,2,0.5,1.5,1\n1704074400000,1,0.9,0.5,1.5,-1\n1704078000000,NaN,2,0.5,1.5,1\n");
        var (code, output, _) = Levbt("data", "validate", path);
        Assert.Equal(2, code);
        Assert.Contains($"{path}, line 3, column 'open_time': duplicate open time", output);
        Assert.Contains($"{path}, line 4, column 'high': high 0.9 is below open 1", output);
        Assert.Contains($"{path}, line 4, column 'volume': volume -1", output);
        Assert.Contains($"{path}, line 5, column 'open': price NaN", output);
        Assert.Contains("errors: 4", output);
        Assert.Contains("INVALID", output);
    }

    [Fact]
    public void Gaps_are_reported_with_count_largest_and_where()
    {
        string folder = NewScratchFolder();
        var text = new System.Text.StringBuilder("open_time,open,high,low,close,volume\n");
        foreach (int hour in new[] { 0, 1, 2, 5, 6, 8 })
        {
            text.Append(1_704_067_200_000 + (hour * 3_600_000L)).Append(",1,2,0.5,1.5,1\n");
        }

        var (code, output, _) = Levbt("data", "validate", WriteText(folder, "BTCUSDT-1h.csv", text.ToString()));
        Assert.Equal(0, code);
        Assert.Contains("gaps: 2 (3 bars missing); largest 2 bar(s) after 2024-01-01 02:00Z", output);
        Assert.Contains("2024-01-01 03:00Z → 2024-01-01 05:00Z: 2 bar(s) missing", output);
        Assert.Contains("2024-01-01 07:00Z → 2024-01-01 08:00Z: 1 bar(s) missing", output);
    }

    [Fact]
    public void Missing_file_is_an_error_naming_it()
    {
        var (code, output, _) = Levbt("data", "validate", "/nonexistent/prices.parquet");
        Assert.Equal(2, code);
        Assert.Contains("/nonexistent/prices.parquet: the file does not exist.", output);
    }

    [Fact]
    public void Ambiguous_integer_times_ask_for_the_unit_which_the_option_supplies()
    {
        string folder = NewScratchFolder();
        string path = WriteText(folder, "T.csv", "time,open,high,low,close,volume\n60,1,2,0.5,1.5,1\n120,1,2,0.5,1.5,1\n");
        var (code, output, _) = Levbt("data", "validate", path);
        Assert.Equal(2, code);
        Assert.Contains("cannot tell the unit", output);
        var (fixedCode, fixedOutput, _) = Levbt("data", "validate", path, "--time-unit", "s");
        Assert.Equal(0, fixedCode);
        Assert.Contains("interval: 1m", fixedOutput);
    }
}


/// <summary>Runs <c>levbt</c> in-process and provides scratch folders and the shared data for the data-command tests.</summary>
internal static class DataCommandTestSupport
{
    public static (int ExitCode, string Output, string Error) Levbt(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandLineApplication.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LevBacktest.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("LevBacktest.sln not found");
        }
    }

    public static string BinanceUm(string file) => SharedFolder.Data("binance-um", file);

    public static string NewScratchFolder()
    {
        string path = Path.Combine(Path.GetTempPath(), "levbt-cli-data-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public static string WriteText(string folder, string name, string text)
    {
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    public static string WriteZip(string folder, string name, string entry, string text)
    {
        string path = Path.Combine(folder, name);
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        using var writer = new StreamWriter(archive.CreateEntry(entry).Open(), new UTF8Encoding(false));
        writer.Write(text);
        return path;
    }
}
