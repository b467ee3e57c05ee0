using System.Globalization;
using System.IO.Compression;
using System.Text.Json;

namespace LevBacktest.Cli.Tests;

/// <summary>
/// What a user does with the packed folder, in a temporary folder and with no reference into this repository:
/// install the template, <c>dotnet new levbt-strategy</c>, build it and run its tests, install the levbt tool, run a
/// spec that names the new strategies through it, and read the results with <c>ExperimentResults.Open</c> from a
/// console project that references the LevBacktest.Reporting package. Slow (several restores and builds), so it runs
/// where <c>LEVBT_PACKAGES</c> names the packed folder — .ci/run sets it after packing — and is skipped, saying so,
/// elsewhere.
/// </summary>
public sealed class TemplateEndToEndTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("levbt-template-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [PackedFolderFact]
    public void A_new_strategy_project_builds_runs_through_the_installed_levbt_and_its_results_open_as_data_frames()
    {
        string packages = PackedFolderFactAttribute.Folder!;
        string version = PackedToolSupport.PackageVersion(packages, "LevBacktest.Core");
        string templatePackage = Path.Combine(packages, $"LevBacktest.Templates.{version}.nupkg");
        Assert.True(File.Exists(templatePackage), $"{packages} holds no LevBacktest.Templates {version} package");
        using (var archive = ZipFile.OpenRead(templatePackage))
        {
            // The template's files sit at content/levbt-strategy/ in the package (not nested a second time in content/).
            var content = archive.Entries.Select(e => e.FullName).Where(n => n.StartsWith("content/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
            Assert.Contains("content/levbt-strategy/.template.config/template.json", content);
            Assert.Contains("content/levbt-strategy/MyStrategies/MyStrategies.csproj", content);
            Assert.All(content, name => Assert.StartsWith("content/levbt-strategy/", name, StringComparison.Ordinal));
        }

        // NuGet: a private global packages folder, so LevBacktest.* can only come from the packed folder (never a stale
        // copy of the same version in ~/.nuget/packages); other packages are reused from the user's folder when there.
        PackedToolSupport.WritePrivateNuGetConfig(_root);
        string hive = Path.Combine(_root, "template-hive");
        string source = Path.Combine(_root, "src");

        PackedToolSupport.Dotnet(_root, "new", "install", Path.Combine(packages, $"LevBacktest.Templates.{version}.nupkg"), "--debug:custom-hive", hive);
        PackedToolSupport.Dotnet(_root, "new", "levbt-strategy", "-n", "MyStrategies", "-o", source, "--packages", packages, "--debug:custom-hive", hive);
        Assert.True(File.Exists(Path.Combine(source, "MyStrategies", "MomentumSignal.cs")));
        Assert.True(File.Exists(Path.Combine(source, "nuget.config")));

        PackedToolSupport.Dotnet(source, "build", "MyStrategies/MyStrategies.csproj", "-c", "Release", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        string tests = PackedToolSupport.Dotnet(source, "test", "MyStrategies.Tests/MyStrategies.Tests.csproj", "-c", "Release", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        Assert.Contains("Passed!", tests, StringComparison.Ordinal);
        string plugin = Path.Combine(source, "MyStrategies", "bin", "Release", "net10.0", "MyStrategies.dll");
        Assert.Equal(PackedAssembly(packages, "LevBacktest.Core", version), File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(plugin)!, "LevBacktest.Core.dll")));

        string tools = Path.Combine(_root, "tools");
        PackedToolSupport.Dotnet(_root, "tool", "install", "LevBacktest.Cli", "--tool-path", tools, "--add-source", packages, "--version", version);
        string listing = PackedToolSupport.Run(Path.Combine(tools, "levbt"), _root, "strategies", "--plugin", plugin);
        Assert.Contains("  momentum: Long when the close is above the close lookback bars earlier, else flat. [plugin MyStrategies.dll]", listing, StringComparison.Ordinal);

        string sample = Path.Combine(RunTestSupport.RepositoryRoot, "data", "sample");
        string spec = Path.Combine(_root, "spec.json");
        File.WriteAllText(spec, $$"""
            {
              "name": "my-strategies",
              "plugins": ["src/MyStrategies/bin/Release/net10.0/MyStrategies.dll"],
              "data": { "prices": {{JsonSerializer.Serialize(Path.Combine(sample, "prices.parquet"))}}, "mark": {{JsonSerializer.Serialize(Path.Combine(sample, "mark.parquet"))}}, "funding": {{JsonSerializer.Serialize(Path.Combine(sample, "funding.parquet"))}}, "from": "2024-01-01" },
              "instrument": { "maintenanceMarginRate": 0.004, "maxLeverage": 125 },
              "initialCapital": 10000,
              "strategy": {
                "signal": { "name": "momentum", "parameters": { "lookback": 24 } },
                "sizing": "scaled-leverage",
                "stop": { "name": "entry-percent", "parameters": { "distance": 0.02 } }
              },
              "sweep": { "leverage": [2, 10] }
            }
            """);
        string results = Path.Combine(_root, "results");
        PackedToolSupport.Run(Path.Combine(tools, "levbt"), _root, "run", spec, "--out", results, "--no-charts");

        // A user's own console project reads the folder through the LevBacktest.Reporting package.
        string reader = Path.Combine(_root, "reader");
        Directory.CreateDirectory(reader);
        File.WriteAllText(Path.Combine(reader, "reader.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings><Nullable>enable</Nullable></PropertyGroup>
              <ItemGroup><PackageReference Include="LevBacktest.Reporting" Version="{version}" /></ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(reader, "Program.cs"), """
            using System.Globalization;
            using LevBacktest.Reporting.Results;

            var results = ExperimentResults.Open(args[0]);
            var runs = results.Runs;
            for (int r = 0; r < runs.Rows.Count; r++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"run {runs.Columns["runIndex"][r]} trades {runs.Columns["tradeCount"][r]} stops {runs.Columns["stopCount"][r]} return {(double)runs.Columns["totalReturn"][r]!:R} tradeRows {results.Trades.Rows.Count}"));
            }

            Console.Write(runs.ToText());
            """);
        File.Copy(Path.Combine(source, "nuget.config"), Path.Combine(reader, "nuget.config"));
        PackedToolSupport.Dotnet(reader, "build", "-c", "Release", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        string read = PackedToolSupport.Dotnet(reader, "run", "--no-build", "-c", "Release", "--", results);

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(results, "summary.json")));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(plugin))), summary.RootElement.GetProperty("plugins")[0].GetProperty("sha256").GetString());
        var expectedRuns = summary.RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(2, expectedRuns.Count);
        int tradeRows = 0;
        foreach (var run in expectedRuns)
        {
            Assert.StartsWith("momentum(", run.GetProperty("strategy").GetProperty("signal").GetString(), StringComparison.Ordinal);
            Assert.StartsWith("scaled-leverage(", run.GetProperty("strategy").GetProperty("sizing").GetString(), StringComparison.Ordinal);
            tradeRows += (int)run.GetProperty("metrics").GetProperty("tradeCount").GetDouble();
        }

        foreach (var run in expectedRuns)
        {
            var metrics = run.GetProperty("metrics");
            string line = string.Create(CultureInfo.InvariantCulture,
                $"run {run.GetProperty("runIndex").GetInt32()} trades {metrics.GetProperty("tradeCount").GetDouble()} stops {metrics.GetProperty("stopCount").GetDouble()} return {metrics.GetProperty("totalReturn").GetDouble():R} tradeRows {tradeRows}");
            Assert.Contains(line, read, StringComparison.Ordinal);
            Assert.True(metrics.GetProperty("tradeCount").GetDouble() > 10, "momentum on a year of hourly bars trades often");
        }
    }

    private static byte[] PackedAssembly(string packages, string id, string version)
    {
        using var archive = ZipFile.OpenRead(Path.Combine(packages, $"{id}.{version}.nupkg"));
        using var stream = archive.GetEntry($"lib/net10.0/{id}.dll")!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
