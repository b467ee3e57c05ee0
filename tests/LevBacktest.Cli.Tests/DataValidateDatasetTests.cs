using static LevBacktest.Cli.Tests.RunTestSupport;

namespace LevBacktest.Cli.Tests;

/// <summary><c>levbt data validate</c> takes a folder, a glob or Hive partitions as <c>--prices</c> does.</summary>
public sealed class DataValidateDatasetTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("levbt-dataset").FullName;

    public DataValidateDatasetTests()
    {
        // symbol=BTCUSDT/month=1 and month=2 split one 400-bar market in two; symbol=ETHUSDT holds another.
        WriteCsvMarket(_folder, bars: 400);
        string[] lines = File.ReadAllLines(Path.Combine(_folder, "prices.csv"));
        Write(Path.Combine("symbol=BTCUSDT", "month=1", "part-0.csv"), lines[0], lines[1..201]);
        Write(Path.Combine("symbol=BTCUSDT", "month=2", "part-0.csv"), lines[0], lines[201..]);
        Write(Path.Combine("symbol=ETHUSDT", "month=1", "part-0.csv"), lines[0], lines[1..101].Select(l => "ETHUSDT" + l[l.IndexOf(',', StringComparison.Ordinal)..]));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Dataset => Path.Combine(_folder, "dataset");

    [Fact]
    public void A_hive_folder_is_validated_file_by_file_for_the_chosen_symbol()
    {
        var (code, output, error) = DataCatTests.Levbt("data", "validate", Dataset, "--symbol", "BTCUSDT");
        Assert.True(code == 0, output + error);
        Assert.Contains(Path.Combine(Dataset, "symbol=BTCUSDT", "month=1", "part-0.csv") + "\n  holds: prices (last-price OHLCV bars), symbol BTCUSDT\n  rows: 200, 2021-01-01 00:00Z → 2021-01-09 07:00Z", output, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(Dataset, "symbol=BTCUSDT", "month=2", "part-0.csv") + "\n  holds: prices (last-price OHLCV bars), symbol BTCUSDT\n  rows: 200, 2021-01-09 08:00Z → 2021-01-17 15:00Z", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ETHUSDT", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_glob_is_validated_and_several_symbols_need_one_chosen()
    {
        var (code, output, _) = DataCatTests.Levbt("data", "validate", Path.Combine(Dataset, "symbol=*", "month=1", "*.csv"));
        Assert.Equal(2, code);
        Assert.Contains("the dataset holds several symbols (BTCUSDT, ETHUSDT); choose one (--symbol", output, StringComparison.Ordinal);

        (code, output, var error) = DataCatTests.Levbt("data", "validate", Path.Combine(Dataset, "symbol=*", "month=1", "*.csv"), "--symbol", "ETHUSDT");
        Assert.True(code == 0, output + error);
        Assert.Contains("rows: 100, 2021-01-01 00:00Z → 2021-01-05 03:00Z", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_that_overlap_in_time_are_an_error_naming_both()
    {
        string[] lines = File.ReadAllLines(Path.Combine(_folder, "prices.csv"));
        Write(Path.Combine("symbol=BTCUSDT", "month=3", "part-0.csv"), lines[0], lines[150..170]);
        var (code, output, _) = DataCatTests.Levbt("data", "validate", Dataset, "--symbol", "BTCUSDT");
        Assert.Equal(2, code);
        Assert.Contains("overlap", output, StringComparison.Ordinal);
        Assert.Contains("month=3", output, StringComparison.Ordinal);
    }

    private void Write(string relative, string header, IEnumerable<string> rows)
    {
        string path = Path.Combine(Dataset, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, header + "\n" + string.Join("\n", rows) + "\n");
    }
}
