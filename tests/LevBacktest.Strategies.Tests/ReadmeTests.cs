using LevBacktest.Core.Strategies;

namespace LevBacktest.Strategies.Tests;

/// <summary>The README's table of built-in strategies stays in step with the catalog.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void EveryRegisteredStrategyAndParameterIsInTheReadmeTable()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        int start = readme.IndexOf("## Built-in strategies", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no 'Built-in strategies' section.");
        int end = readme.IndexOf("\n## ", start + 5, StringComparison.Ordinal);
        string section = end < 0 ? readme[start..] : readme[start..end];
        var rows = section.Split('\n').Where(line => line.StartsWith("| ", StringComparison.Ordinal)).ToArray();

        foreach (var descriptor in BuiltInStrategies.CreateCatalog().All)
        {
            string kind = descriptor.Kind switch
            {
                StrategyKind.Signal => "signal",
                StrategyKind.Sizing => "sizing",
                _ => "stop",
            };
            string? row = rows.FirstOrDefault(r => r.StartsWith($"| {kind} | `{descriptor.Name}` |", StringComparison.Ordinal));
            Assert.True(row is not null, $"README table has no row for {kind} '{descriptor.Name}'.");
            foreach (var parameter in descriptor.Parameters)
            {
                Assert.True(row!.Contains($"`{parameter.Name}` ", StringComparison.Ordinal), $"README row of '{descriptor.Name}' does not mention parameter '{parameter.Name}'.");
            }
        }

        Assert.Equal(BuiltInStrategies.Descriptors.Count, rows.Length - 1); // minus the header row
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LevBacktest.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("LevBacktest.sln not found above " + AppContext.BaseDirectory);
    }
}
