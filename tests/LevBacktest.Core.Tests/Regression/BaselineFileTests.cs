using LevBacktest.Core.Experiments;
using LevBacktest.Core.Regression;

using static LevBacktest.Core.Tests.Regression.SnapshotBuilder;

namespace LevBacktest.Core.Tests.Regression;

public sealed class BaselineFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("levbt-baseline-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Round_trip_keeps_every_double_bit_for_bit_including_non_finite_values()
    {
        var random = new Random(11);
        var metrics = new List<KeyValuePair<string, double>>
        {
            new("nan", double.NaN), new("plusInfinity", double.PositiveInfinity), new("minusInfinity", double.NegativeInfinity),
            new("negativeZero", -0.0), new("tiny", double.Epsilon), new("huge", double.MaxValue), new("third", 1.0 / 3),
        };
        for (int k = 0; k < 200; k++)
        {
            metrics.Add(new($"random{k}", BitConverter.Int64BitsToDouble(random.NextInt64()) is double d && double.IsFinite(d) ? d : k));
        }

        var run = new SnapshotRun(
            4,
            [new("leverage", SpecValue.FromNumber(2.5)), new("stop", SpecValue.FromText("atr")), new("reduceOnly", SpecValue.FromBoolean(true))],
            metrics);
        var snapshot = Snapshot([Prices, Funding], run);
        string path = Path.Combine(_folder, "sub", "baseline.json");
        BaselineFile.Write(path, snapshot);
        var read = BaselineFile.Read(path);

        Assert.Equal("test-spec", read.SpecName);
        Assert.Equal("0.1.0", read.ToolVersion);
        Assert.Equal([Prices, Funding], read.DataFiles);
        var readRun = Assert.Single(read.Runs);
        Assert.Equal(4, readRun.RunIndex);
        Assert.Equal(run.Parameters, readRun.Parameters);
        Assert.Equal(run.Metrics.Select(m => m.Key), readRun.Metrics.Select(m => m.Key));
        Assert.Equal(
            run.Metrics.Select(m => BitConverter.DoubleToInt64Bits(m.Value)),
            readRun.Metrics.Select(m => BitConverter.DoubleToInt64Bits(m.Value)));
        Assert.Equal(RegressionVerdict.Holds, RegressionComparer.Compare(snapshot, read, RegressionTolerance.Exact).Verdict);
        Assert.Equal(["baseline.json"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_replaces_an_existing_baseline()
    {
        string path = Path.Combine(_folder, "baseline.json");
        BaselineFile.Write(path, Snapshot(Run(0, 1, ("x", 1))));
        BaselineFile.Write(path, Snapshot(Run(0, 1, ("x", 2))));
        Assert.Equal(2, BaselineFile.Read(path).Runs[0].MetricsByName["x"]);
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public void Absolute_data_paths_are_stored_relative_to_the_baseline_folder()
    {
        string data = Path.Combine(_folder, "shared", "data", "prices.parquet");
        string path = Path.Combine(_folder, "repo", "baselines", "b.json");
        BaselineFile.Write(path, Snapshot([Prices with { Path = data }, Funding]));
        var read = BaselineFile.Read(path);
        Assert.Equal("../../shared/data/prices.parquet", read.DataFiles[0].Path);
        Assert.Equal(Funding.Path, read.DataFiles[1].Path);
        Assert.Equal(Prices.Sha256, read.DataFiles[0].Sha256);
    }

    [Fact]
    public void A_missing_file_says_how_to_create_it()
    {
        var error = Assert.Throws<RegressionInputException>(() => BaselineFile.Read(Path.Combine(_folder, "none.json")));
        Assert.Contains("--update", error.Message);
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("[]", "top level must be an object")]
    [InlineData("{\"format\":\"other\"}", "$.format is \"other\"")]
    [InlineData("{\"format\":\"levbt-baseline\",\"formatVersion\":9}", "$.formatVersion is 9")]
    [InlineData("{\"format\":\"levbt-baseline\",\"formatVersion\":1,\"spec\":\"s\",\"toolVersion\":\"v\",\"data\":[],\"runs\":[{\"runIndex\":0,\"parameters\":{},\"metrics\":{\"sharpe\":\"high\"}}]}", "$.runs[0].metrics.sharpe must be a number")]
    [InlineData("{\"format\":\"levbt-baseline\",\"formatVersion\":1,\"spec\":\"s\",\"toolVersion\":\"v\",\"data\":[{\"role\":\"prices\"}],\"runs\":[]}", "$.data[0].path is missing")]
    [InlineData("{\"format\":\"levbt-baseline\",\"formatVersion\":1,\"spec\":\"s\",\"toolVersion\":\"v\",\"data\":[],\"runs\":[{\"runIndex\":-1,\"parameters\":{},\"metrics\":{}}]}", "$.runs[0].runIndex is -1")]
    public void Bad_baselines_name_file_and_field(string json, string expected)
    {
        string path = Path.Combine(_folder, "bad.json");
        File.WriteAllText(path, json);
        var error = Assert.Throws<RegressionInputException>(() => BaselineFile.Read(path));
        Assert.Contains(expected, error.Message);
        Assert.Contains(path, error.Message);
    }
}
