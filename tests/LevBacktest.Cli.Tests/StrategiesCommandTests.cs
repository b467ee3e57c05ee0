using LevBacktest.Cli;
using LevBacktest.Strategies;

namespace LevBacktest.Cli.Tests;

public sealed class StrategiesCommandTests
{
    private static (int ExitCode, string Output, string Error) Levbt(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandLineApplication.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Lists_every_catalog_entry_with_every_parameter_and_its_default()
    {
        var (code, output, error) = Levbt("strategies");
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        var catalog = BuiltInStrategies.CreateCatalog();
        Assert.NotEmpty(catalog.All);
        foreach (var descriptor in catalog.All)
        {
            Assert.Contains($"  {descriptor.Name}: {descriptor.Description}", output, StringComparison.Ordinal);
            string prefix = descriptor.Kind switch
            {
                Core.Strategies.StrategyKind.Signal => "signal.",
                Core.Strategies.StrategyKind.Sizing => "sizing.",
                _ => "stop.",
            };
            foreach (var parameter in descriptor.Parameters)
            {
                Assert.Contains(prefix + parameter.Describe(), output, StringComparison.Ordinal);
                Assert.Contains("default ", parameter.Describe(), StringComparison.Ordinal);
            }
        }

        Assert.Contains("  ma-cross: ", output, StringComparison.Ordinal);
        Assert.Contains("signal.fast (integer, default 20", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Kind_filter_lists_one_section()
    {
        var (code, output, _) = Levbt("strategies", "--kind", "stop");
        Assert.Equal(0, code);
        Assert.Contains("Stop-loss rules", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Signals", output, StringComparison.Ordinal);
        Assert.Contains("  none: ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("  ma-cross: ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_kind_is_exit_code_two()
    {
        var (code, _, error) = Levbt("strategies", "--kind", "signals");
        Assert.Equal(2, code);
        Assert.StartsWith("levbt: error: ", error, StringComparison.Ordinal);
        Assert.Contains("signals", error, StringComparison.Ordinal);
    }
}
