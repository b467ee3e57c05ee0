using System.CommandLine;

using LevBacktest.Core.Strategies;
using LevBacktest.Core.Strategies.Plugins;
using LevBacktest.Strategies;

namespace LevBacktest.Cli;

/// <summary>
/// <c>levbt strategies [--kind signal|sizing|stop]</c>: lists every signal, sizing rule and stop-loss
/// rule of the catalog with its parameters (type, default, allowed range) as an experiment spec names them.
/// </summary>
internal static class StrategiesCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var kind = new Option<string?>("--kind")
        {
            Description = "Only list one kind: signal, sizing or stop.",
        };
        kind.AcceptOnlyFromAmong("signal", "sizing", "stop");
        var plugin = RunCommand.PluginOption();
        var command = new Command("strategies", "List the built-in signals, sizing rules and stop-losses (and those of --plugin assemblies) with their parameters and defaults.");
        command.Options.Add(kind);
        command.Options.Add(plugin);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var plugins = StrategyPlugins.LoadAll(parse.GetValue(plugin) ?? []);
            Write(BuiltInStrategies.CreateCatalog(plugins), parse.GetValue(kind), output, plugins);
            return CommandLineApplication.ExitSuccess;
        });
        return command;
    }

    /// <summary>Writes the listing of <paramref name="catalog"/> (all kinds, or only <paramref name="onlyKind"/>).</summary>
    /// <param name="catalog">The strategies to list.</param>
    /// <param name="onlyKind"><c>signal</c>, <c>sizing</c>, <c>stop</c> or null for all.</param>
    /// <param name="output">Where the listing goes.</param>
    /// <param name="plugins">The plugins whose strategies the catalog holds (each is marked with its file); null for none.</param>
    internal static void Write(StrategyCatalog catalog, string? onlyKind, TextWriter output, IReadOnlyList<StrategyPlugin>? plugins = null)
    {
        var origin = new Dictionary<StrategyDescriptor, string>(ReferenceEqualityComparer.Instance);
        foreach (var plugin in plugins ?? [])
        {
            foreach (var descriptor in plugin.Descriptors)
            {
                origin[descriptor] = $" [plugin {plugin.FileName}]";
            }
        }

        (StrategyKind Kind, string Key, string Heading)[] sections =
        [
            (StrategyKind.Signal, "signal", "Signals ($.strategy.signal) — the desired side at each bar close"),
            (StrategyKind.Sizing, "sizing", "Sizing rules ($.strategy.sizing) — the leverage taken at a fill"),
            (StrategyKind.StopLoss, "stop", "Stop-loss rules ($.strategy.stop) — where the stop sits"),
        ];
        bool first = true;
        foreach (var (kind, key, heading) in sections)
        {
            if (onlyKind is not null && onlyKind != key)
            {
                continue;
            }

            if (!first)
            {
                output.WriteLine();
            }

            first = false;
            output.WriteLine(heading);
            foreach (var descriptor in catalog.OfKind(kind))
            {
                output.WriteLine($"  {descriptor.Name}: {descriptor.Description}{origin.GetValueOrDefault(descriptor)}");
                if (descriptor.Parameters.Count == 0)
                {
                    output.WriteLine("      (no parameters)");
                }

                foreach (var parameter in descriptor.Parameters)
                {
                    output.WriteLine($"      {key}.{parameter.Describe()}");
                }
            }
        }

        output.WriteLine();
        output.WriteLine("Set parameters in a spec as { \"name\": \"ma-cross\", \"parameters\": { \"fast\": 20 } }; sweep one as \"sweep\": { \"signal.fast\": [10, 20, 50] }.");
    }
}
