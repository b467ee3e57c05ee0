using LevBacktest.Core.Experiments;
using LevBacktest.Strategies;

namespace LevBacktest.Core.Tests.Experiments;

/// <summary>The example specs in strategies/examples parse, bind to the catalog and point at files that exist.</summary>
public sealed class ExampleSpecTests
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Path.Combine(RepositoryRoot(), "strategies", "examples"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_parses_and_binds_to_the_catalog(string fileName)
    {
        var spec = ExperimentSpecReader.ReadFile(Path.Combine(RepositoryRoot(), "strategies", "examples", fileName));
        Assert.Equal(Path.GetFileNameWithoutExtension(fileName), spec.Name);
        var plan = ExperimentPlan.Create(spec, BuiltInStrategies.CreateCatalog());
        Assert.True(plan.RunCount >= 2);
        Assert.True(File.Exists(spec.Instrument.TiersPath), spec.Instrument.TiersPath);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_names_the_sample_data_files(string fileName)
    {
        var spec = ExperimentSpecReader.ReadFile(Path.Combine(RepositoryRoot(), "strategies", "examples", fileName));
        // A portfolio names the sample and the second sample instrument (data/sample-alt), one per instrument.
        var data = spec.Portfolio?.Instruments.Select(i => i.Data).ToArray() ?? [spec.Data];
        string[] folders = spec.Portfolio is null ? ["sample"] : ["sample", "sample-alt"];
        Assert.Equal(folders.Select(f => Path.Combine(RepositoryRoot(), "data", f)), data.Select(d => Path.GetDirectoryName(d.PricesPath)));
        foreach (var files in data)
        {
            Assert.True(File.Exists(files.PricesPath), files.PricesPath);
            Assert.True(File.Exists(files.MarkPath), files.MarkPath);
            Assert.True(File.Exists(files.FundingPath), files.FundingPath);
        }
    }

    [Fact]
    public void There_are_the_eight_documented_examples()
    {
        Assert.Equal(
            ["buy-and-hold-leverage.json", "constant-leverage-decay.json", "funding-carry.json", "inverse-btcusd-buy-and-hold.json", "ma-cross-trailing-stop.json", "portfolio-cross.json", "portfolio-isolated.json", "vol-target-vs-fixed.json"],
            Examples().Cast<object[]>().Select(row => (string)row[0]));
    }

    [Fact]
    public void The_speed_example_has_two_hundred_runs()
    {
        var spec = ExperimentSpecReader.ReadFile(Path.Combine(RepositoryRoot(), "strategies", "examples", "ma-cross-trailing-stop.json"));
        Assert.Equal(200, new SweepGrid(spec.Sweep).RunCount);
    }

    [Fact]
    public void Every_run_of_the_vol_target_example_has_its_own_result()
    {
        // The committed baseline holds what the spec gives (.ci/run regresses every example against its baseline).
        // A leverage cap that never binds would make vol-target runs at different leverages identical.
        string baseline = Path.Combine(RepositoryRoot(), "strategies", "examples", "baselines", "vol-target-vs-fixed.json");
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(baseline));
        var results = new List<string>();
        foreach (var run in document.RootElement.GetProperty("runs").EnumerateArray())
        {
            var metrics = run.GetProperty("metrics");
            results.Add(string.Join("|", new[] { "finalEquity", "fundingPaid", "feesPaid", "averageEffectiveLeverage" }.Select(name => metrics.GetProperty(name).GetRawText())));
        }

        Assert.Equal(15, results.Count);
        Assert.Equal(results.Count, results.Distinct(StringComparer.Ordinal).Count());
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LevBacktest.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("LevBacktest.sln not found above " + AppContext.BaseDirectory);
    }
}
