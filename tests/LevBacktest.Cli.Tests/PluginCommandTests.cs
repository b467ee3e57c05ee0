using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

using static LevBacktest.Cli.Tests.RunTestSupport;

namespace LevBacktest.Cli.Tests;

/// <summary>
/// Strategy plugins through the built levbt: <c>--plugin</c> and the spec's <c>"plugins"</c>, their provenance in
/// summary.json and regress, and one clear error (exit 2) for each way a plugin can be unusable.
/// </summary>
public sealed class PluginCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("levbt-plugin-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Strategies_lists_a_plugins_signal_beside_the_built_ins()
    {
        string plugin = PluginCompiler.CompileAgainstCore(Path.Combine(_folder, "a"), "HoldPlugin", PluginCompiler.SignalSource("hold-long"));

        var result = Levbt(_folder, "strategies", "--kind", "signal", "--plugin", plugin);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("  hold-long: Holds one side from the first bar (test plugin). [plugin HoldPlugin.dll]", result.Output, StringComparison.Ordinal);
        Assert.Contains("  ma-cross:", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_spec_naming_a_plugin_signal_runs_like_the_same_built_in_and_records_the_plugin()
    {
        // The plugin's signal is long from the first bar, exactly what buy-and-hold-long does: the metrics must be equal.
        string plugin = PluginCompiler.CompileAgainstCore(Path.Combine(_folder, "plugin", "bin"), "HoldPlugin", PluginCompiler.SignalSource("hold-long"));
        WriteCsvMarket(_folder, bars: 600);
        var spec = SingleSignalSpec("hold-long");
        spec["plugins"] = new JsonArray("plugin/bin/HoldPlugin.dll");
        string specPath = WriteSpec(_folder, spec);
        string builtInPath = WriteSpec(_folder, SingleSignalSpec("buy-and-hold-long"), "built-in.json");

        var run = Levbt(_folder, "run", specPath, "--out", "with-plugin", "--no-charts");
        var reference = Levbt(_folder, "run", builtInPath, "--out", "built-in", "--no-charts");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.True(reference.ExitCode == 0, reference.Error);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "with-plugin", "summary.json")));
        using var referenceSummary = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "built-in", "summary.json")));
        var recorded = Assert.Single(summary.RootElement.GetProperty("plugins").EnumerateArray());
        Assert.Equal(plugin, recorded.GetProperty("path").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(plugin))), recorded.GetProperty("sha256").GetString());
        Assert.False(referenceSummary.RootElement.TryGetProperty("plugins", out _));
        var runs = summary.RootElement.GetProperty("runs").EnumerateArray().ToList();
        var referenceRuns = referenceSummary.RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(2, runs.Count);
        for (int i = 0; i < runs.Count; i++)
        {
            Assert.Equal(referenceRuns[i].GetProperty("metrics").GetRawText(), runs[i].GetProperty("metrics").GetRawText());
        }

        Assert.NotEqual(0.0, runs[1].GetProperty("metrics").GetProperty("totalReturn").GetDouble());
    }

    [Fact]
    public void Run_takes_a_plugin_from_the_command_line()
    {
        string plugin = PluginCompiler.CompileAgainstCore(Path.Combine(_folder, "p"), "HoldPlugin", PluginCompiler.SignalSource("hold-short", side: -1));
        WriteCsvMarket(_folder, bars: 300);
        string specPath = WriteSpec(_folder, SingleSignalSpec("hold-short"));

        var result = Levbt(_folder, "run", specPath, "--plugin", "p/HoldPlugin.dll", "--out", "out", "--no-charts");

        Assert.True(result.ExitCode == 0, result.Error);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "out", "summary.json")));
        Assert.Equal(plugin, summary.RootElement.GetProperty("plugins")[0].GetProperty("path").GetString());
        Assert.StartsWith("hold-short(", summary.RootElement.GetProperty("runs")[0].GetProperty("strategy").GetProperty("signal").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Regress_reports_a_rebuilt_plugin_as_changed_code_not_drift()
    {
        string bin = Path.Combine(_folder, "bin");
        PluginCompiler.CompileAgainstCore(bin, "HoldPlugin", PluginCompiler.SignalSource("hold", side: 1));
        WriteCsvMarket(_folder, bars: 600);
        var spec = SingleSignalSpec("hold");
        spec["plugins"] = new JsonArray("bin/HoldPlugin.dll");
        string specPath = WriteSpec(_folder, spec);
        string baseline = Path.Combine(_folder, "baseline.json");
        Assert.Equal(0, Levbt(_folder, "regress", specPath, "--baseline", baseline, "--update").ExitCode);
        Assert.Equal(0, Levbt(_folder, "regress", specPath, "--baseline", baseline).ExitCode);

        // The same name now holds the other side: new code, so new results.
        PluginCompiler.CompileAgainstCore(bin, "HoldPlugin", PluginCompiler.SignalSource("hold", side: -1));
        var result = Levbt(_folder, "regress", specPath, "--baseline", baseline);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("CODE CHANGED: 1 strategy plugin(s) differ from the baseline's", result.Output, StringComparison.Ordinal);
        Assert.Contains("Results that moved with the code", result.Output, StringComparison.Ordinal);
        Assert.Contains("CODE CHANGED: a strategy plugin is not the baseline's (HoldPlugin.dll)", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("DRIFT", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_plugin_file_is_one_error_line_with_exit_2()
    {
        string missing = Path.Combine(_folder, "nowhere", "Missing.dll");

        var result = Levbt(_folder, "strategies", "--plugin", missing);

        AssertError(result, $"levbt: error: plugin {missing} does not exist");
    }

    [Fact]
    public void A_spec_plugin_that_is_missing_is_named_with_its_resolved_path()
    {
        WriteCsvMarket(_folder, bars: 100);
        var spec = SingleSignalSpec("hold");
        spec["plugins"] = new JsonArray("../elsewhere/Mine.dll");
        string specPath = WriteSpec(_folder, spec);

        var result = Levbt(_folder, "run", specPath, "--no-charts");

        AssertError(result, $"levbt: error: plugin {Path.GetFullPath(Path.Combine(_folder, "..", "elsewhere", "Mine.dll"))} does not exist");
    }

    [Fact]
    public void A_file_that_is_not_a_dotnet_assembly_is_refused()
    {
        string notAssembly = Path.Combine(_folder, "NotAnAssembly.dll");
        File.WriteAllText(notAssembly, "this is text, not a PE file");
        string native = Path.Combine(_folder, "native.so");
        File.Copy("/bin/ls", native);

        AssertError(Levbt(_folder, "strategies", "--plugin", notAssembly), $"levbt: error: plugin {notAssembly} is not a .NET assembly");
        AssertError(Levbt(_folder, "strategies", "--plugin", native), $"levbt: error: plugin {native} is not a .NET assembly");
    }

    [Fact]
    public void A_plugin_built_against_another_major_version_of_Core_is_refused()
    {
        // A stand-in LevBacktest.Core 99.0.0 with the one type the plugin needs, and a plugin built against it.
        string fakeCore = PluginCompiler.Compile(Path.Combine(_folder, "core99"), "LevBacktest.Core", """
            [assembly: System.Reflection.AssemblyVersion("99.0.0.0")]
            namespace LevBacktest.Core.Strategies { public sealed class StrategyDescriptor { } }
            """);
        string plugin = PluginCompiler.Compile(Path.Combine(_folder, "p"), "FuturePlugin", """
            namespace FuturePlugin { public static class Registry { public static LevBacktest.Core.Strategies.StrategyDescriptor Descriptor { get; } = new(); } }
            """, fakeCore);
        var host = PluginCompiler.CoreVersion;

        var result = Levbt(_folder, "strategies", "--plugin", plugin);

        AssertError(result, $"levbt: error: plugin {plugin} was built against LevBacktest.Core 99.0.0, but this LevBacktest has LevBacktest.Core {host.ToString(3)}: the major versions must match");
    }

    [Fact]
    public void A_plugin_without_strategy_descriptors_is_refused()
    {
        string plugin = PluginCompiler.CompileAgainstCore(Path.Combine(_folder, "p"), "EmptyPlugin", """
            using LevBacktest.Core.Strategies;
            namespace EmptyPlugin { public static class Helper { public static StrategyKind Kind => StrategyKind.Signal; } }
            """);
        string unrelated = PluginCompiler.Compile(Path.Combine(_folder, "q"), "Unrelated", "namespace Unrelated { public static class Nothing { } }");

        AssertError(Levbt(_folder, "strategies", "--plugin", plugin), $"levbt: error: plugin {plugin} registers no strategy: it has no public static property or field of type StrategyDescriptor");
        AssertError(Levbt(_folder, "strategies", "--plugin", unrelated), $"levbt: error: plugin {unrelated} registers no strategy: it does not reference LevBacktest.Core");
    }

    [Fact]
    public void A_plugin_name_clashing_with_a_built_in_names_both()
    {
        string plugin = PluginCompiler.CompileAgainstCore(Path.Combine(_folder, "p"), "ClashPlugin", PluginCompiler.SignalSource("ma-cross"));

        var result = Levbt(_folder, "strategies", "--plugin", plugin);

        AssertError(result, $"levbt: error: plugin {plugin} registers signal 'ma-cross', which clashes with the built-in signal 'ma-cross': rename one of them");
    }

    [Fact]
    public void Two_plugins_registering_one_name_are_both_named()
    {
        string first = PluginCompiler.CompileAgainstCore(Path.Combine(_folder, "one"), "FirstPlugin", PluginCompiler.SignalSource("same-name"));
        string second = PluginCompiler.CompileAgainstCore(Path.Combine(_folder, "two"), "SecondPlugin", PluginCompiler.SignalSource("same-name", side: -1));

        var result = Levbt(_folder, "strategies", "--plugin", first, "--plugin", second);

        AssertError(result, $"levbt: error: plugin {second} registers signal 'same-name', which clashes with signal 'same-name' of plugin {first}: rename one of them");
    }

    private static void AssertError(LevbtResult result, string expectedStart)
    {
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith(expectedStart, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    /// <summary>A spec over <see cref="WriteCsvMarket"/>'s CSV files with <paramref name="signal"/>, fixed leverage 1x and 3x, no stop.</summary>
    private static JsonObject SingleSignalSpec(string signal) => new()
    {
        ["name"] = "plugin-test",
        ["data"] = new JsonObject { ["prices"] = "prices.csv", ["mark"] = "mark.csv", ["funding"] = "funding.csv", ["symbol"] = "BTCUSDT" },
        ["instrument"] = new JsonObject { ["maintenanceMarginRate"] = 0.004, ["maxLeverage"] = 125 },
        ["initialCapital"] = 10_000,
        ["strategy"] = new JsonObject { ["signal"] = signal, ["sizing"] = "fixed-leverage" },
        ["sweep"] = new JsonObject { ["leverage"] = new JsonArray(1, 3) },
    };
}
