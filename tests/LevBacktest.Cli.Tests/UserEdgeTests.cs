using System.Text.Json.Nodes;

using static LevBacktest.Cli.Tests.RunTestSupport;

namespace LevBacktest.Cli.Tests;

/// <summary>
/// Rough edges a new user hit (issue 11): each gives one clear <c>levbt: error:</c> line that sends the user the
/// right way, exit 2, and — for run — nothing run or written first. In-process through CommandLineApplication.Run.
/// </summary>
public sealed class UserEdgeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("levbt-edges").FullName;

    public UserEdgeTests() => WriteCsvMarket(_folder, bars: 300);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int Code, string Output, string Error) Levbt(params string[] args) => DataCommandTestSupport.Levbt(args);

    private string Spec(Action<JsonObject>? change = null)
    {
        var spec = CsvSpec();
        change?.Invoke(spec);
        return WriteSpec(_folder, spec);
    }

    private static string ErrorLine(int code, string error)
    {
        Assert.True(code == 2, $"exit {code}: {error}");
        return Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("levbt: error: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Data_cat_on_a_folder_says_it_is_a_folder()
    {
        var (code, _, error) = Levbt("data", "cat", _folder);
        Assert.Contains($"{_folder} is a folder, not a file", ErrorLine(code, error), StringComparison.Ordinal);
    }

    [Fact]
    public void Out_naming_a_file_is_rejected_before_any_run()
    {
        string file = Path.Combine(_folder, "taken.txt");
        File.WriteAllText(file, "x");
        var (code, _, error) = Levbt("run", Spec(), "--out", file, "--no-charts");
        Assert.Contains($"--out {file} is a file", ErrorLine(code, error), StringComparison.Ordinal);
        Assert.DoesNotContain("levbt: running", error, StringComparison.Ordinal);
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public void Out_under_a_file_is_rejected_before_any_run_without_naming_a_temporary_path()
    {
        string file = Path.Combine(_folder, "taken.txt");
        File.WriteAllText(file, "x");
        var (code, _, error) = Levbt("run", Spec(), "--out", Path.Combine(file, "results"), "--no-charts");
        string line = ErrorLine(code, error);
        Assert.Contains("cannot create the results folder", line, StringComparison.Ordinal);
        Assert.DoesNotContain(".tmp-", line, StringComparison.Ordinal);
        Assert.DoesNotContain("levbt: running", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_sweep_is_rejected_saying_how_to_ask_for_one_run()
    {
        var (code, _, error) = Levbt("run", Spec(s => s["sweep"] = new JsonObject()), "--out", Path.Combine(_folder, "out"));
        string line = ErrorLine(code, error);
        Assert.Contains("$.sweep: is empty", line, StringComparison.Ordinal);
        Assert.Contains("leave 'sweep' out for a single run", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "out")));
    }

    [Fact]
    public void Control_characters_from_the_input_are_escaped_in_messages()
    {
        // A name carrying NUL and ESC bytes, as a corrupt file's column names do: the message shows \x00 and \x1B.
        string name = Path.Combine(_folder, "funding_\0\u001b[2J.parquet".Replace("\0", "\u0001", StringComparison.Ordinal));
        var (code, _, error) = Levbt("data", "cat", name);
        string line = ErrorLine(code, error);
        Assert.Contains(@"funding_\x01\x1B[2J.parquet", line, StringComparison.Ordinal);
        Assert.DoesNotContain(line, c => c < ' ');
    }

    [Fact]
    public void A_csv_with_only_a_header_says_it_has_no_rows()
    {
        string prices = Path.Combine(_folder, "header-only.csv");
        File.WriteAllText(prices, "symbol,open_time,open,high,low,close,volume\n");
        var (code, _, error) = Levbt("run", Spec(), "--prices", prices, "--out", Path.Combine(_folder, "out"));
        string line = ErrorLine(code, error);
        Assert.Contains("has a header row (symbol, open_time, open, high, low, close, volume) but no data rows", line, StringComparison.Ordinal);
        Assert.DoesNotContain("E+18", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_csv_row_with_more_fields_than_the_header_is_rejected_naming_its_line()
    {
        string[] lines = File.ReadAllLines(Path.Combine(_folder, "prices.csv"));
        lines[2] += ",42";
        string prices = Path.Combine(_folder, "long-row.csv");
        File.WriteAllLines(prices, lines);
        var (code, _, error) = Levbt("run", Spec(), "--prices", prices, "--out", Path.Combine(_folder, "out"));
        string line = ErrorLine(code, error);
        Assert.Contains("line 3", line, StringComparison.Ordinal);
        Assert.Contains("the line has 8 field(s), more than the 7 columns of the header", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_window_beyond_the_data_names_the_window_and_the_datas_span()
    {
        var (code, _, error) = Levbt("run", Spec(), "--from", "2030-01-01", "--out", Path.Combine(_folder, "out"));
        string line = ErrorLine(code, error);
        Assert.Contains("the run window [2030-01-01", line, StringComparison.Ordinal);
        Assert.Contains("holds no bars; the file holds bars from 2021-01-01", line, StringComparison.Ordinal);
        Assert.DoesNotContain("1970", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", line, StringComparison.Ordinal);
    }
}
