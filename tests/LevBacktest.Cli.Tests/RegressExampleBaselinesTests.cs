using LevBacktest.Core.Experiments;
using LevBacktest.Core.Regression;
using LevBacktest.Strategies;

namespace LevBacktest.Cli.Tests;

/// <summary>
/// Every example spec has a committed baseline (strategies/examples[/real]/baselines/&lt;spec&gt;.json) that
/// reads, is of that spec, and holds exactly the spec's runs with every metric. Whether the numbers still
/// hold is what <c>.ci/run</c> checks with <c>levbt regress</c>; this catches a spec added or a sweep
/// changed without its baseline, in the ordinary test run and without running anything.
/// </summary>
public sealed class RegressExampleBaselinesTests
{
    public static TheoryData<string> Specs()
    {
        var data = new TheoryData<string>();
        string examples = Path.Combine(RunTestSupport.RepositoryRoot, "strategies", "examples");
        foreach (string folder in new[] { examples, Path.Combine(examples, "real") })
        {
            foreach (string path in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(examples, path));
            }
        }

        return data;
    }

    [Fact]
    public void The_eight_sample_examples_and_six_real_data_specs_are_covered()
    {
        var specs = Specs().Cast<object[]>().Select(row => (string)row[0]).ToArray();
        Assert.Equal(14, specs.Length);
        Assert.Equal(6, specs.Count(s => s.StartsWith("real", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Each_example_has_a_baseline_with_exactly_its_runs(string relativeSpec)
    {
        string specPath = Path.Combine(RunTestSupport.RepositoryRoot, "strategies", "examples", relativeSpec);
        string baselinePath = Path.Combine(Path.GetDirectoryName(specPath)!, "baselines", Path.GetFileName(specPath));
        Assert.True(File.Exists(baselinePath), $"{relativeSpec} has no baseline; write it with levbt regress {relativeSpec} --baseline {baselinePath} --update");
        var baseline = BaselineFile.Read(baselinePath);
        var spec = ExperimentSpecReader.ReadFile(specPath);
        var plan = ExperimentPlan.Create(spec, BuiltInStrategies.CreateCatalog());
        Assert.Equal(spec.Name, baseline.SpecName);
        Assert.Equal(plan.RunCount, baseline.Runs.Count);
        for (int run = 0; run < plan.RunCount; run++)
        {
            var expected = Enumerable.Range(0, plan.Grid.Axes.Count).Select(k => $"{plan.Grid.Axes[k].Name} = {plan.Grid.Value(run, k)}");
            Assert.Equal(string.Join(", ", expected), baseline.Runs[run].Label);
            Assert.Equal(Core.Metrics.RunMetrics.Names, baseline.Runs[run].Metrics.Select(m => m.Key));
        }

        // A portfolio fingerprints every instrument's files, their roles prefixed by the symbol ("ETHUSDT prices").
        string[] roles = ["prices", "mark", "funding"];
        Assert.Equal(roles.Length * (spec.Portfolio?.Instruments.Count ?? 1), baseline.DataFiles.Count);
        Assert.All(baseline.DataFiles.Select((f, i) => (f.Role, Expected: roles[i % roles.Length])), f => Assert.EndsWith(f.Expected, f.Role, StringComparison.Ordinal));
        Assert.All(baseline.DataFiles, f => Assert.Matches("^[0-9a-f]{64}$", f.Sha256));
    }
}
