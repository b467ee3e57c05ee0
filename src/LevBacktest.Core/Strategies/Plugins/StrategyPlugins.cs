namespace LevBacktest.Core.Strategies.Plugins;

/// <summary>
/// Builds the catalog of an experiment from the built-in strategies and plugins, refusing a name that a
/// plugin shares with a built-in strategy or another plugin of the same kind.
/// </summary>
public static class StrategyPlugins
{
    /// <summary>Loads plugin files, each once (the same full path given twice loads once), in order.</summary>
    /// <param name="paths">Assembly files, absolute or relative to the current folder.</param>
    /// <returns>The plugins, in the order first given.</returns>
    /// <exception cref="StrategyPluginException">A file cannot be used as a plugin (see <see cref="StrategyPlugin.Load"/>).</exception>
    public static IReadOnlyList<StrategyPlugin> LoadAll(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var plugins = new List<StrategyPlugin>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string path in paths)
        {
            if (seen.Add(Path.GetFullPath(path)))
            {
                plugins.Add(StrategyPlugin.Load(path));
            }
        }

        return plugins;
    }

    /// <summary>A catalog of <paramref name="builtIns"/> followed by every plugin's strategies.</summary>
    /// <param name="builtIns">The built-in strategies (e.g. <c>BuiltInStrategies.Descriptors</c>).</param>
    /// <param name="plugins">Loaded plugins.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="StrategyPluginException">
    /// A plugin registers a name (of one kind, compared case-insensitively) that a built-in strategy or another
    /// plugin already has; the message names both.
    /// </exception>
    public static StrategyCatalog CreateCatalog(IEnumerable<StrategyDescriptor> builtIns, IReadOnlyList<StrategyPlugin> plugins)
    {
        ArgumentNullException.ThrowIfNull(builtIns);
        ArgumentNullException.ThrowIfNull(plugins);
        var owners = new Dictionary<(StrategyKind, string), string>(new KindNameComparer());
        var all = new List<StrategyDescriptor>();
        foreach (var descriptor in builtIns)
        {
            owners[(descriptor.Kind, descriptor.Name)] = $"the built-in {descriptor.Label}";
            all.Add(descriptor);
        }

        foreach (var plugin in plugins)
        {
            foreach (var descriptor in plugin.Descriptors)
            {
                if (owners.TryGetValue((descriptor.Kind, descriptor.Name), out string? owner))
                {
                    throw new StrategyPluginException(
                        $"plugin {plugin.Path} registers {descriptor.Label}, which clashes with {owner}: rename one of them (names are compared without regard to case).");
                }

                owners[(descriptor.Kind, descriptor.Name)] = $"{descriptor.Label} of plugin {plugin.Path}";
                all.Add(descriptor);
            }
        }

        return new StrategyCatalog(all);
    }

    private sealed class KindNameComparer : IEqualityComparer<(StrategyKind Kind, string Name)>
    {
        public bool Equals((StrategyKind Kind, string Name) x, (StrategyKind Kind, string Name) y) =>
            x.Kind == y.Kind && StringComparer.OrdinalIgnoreCase.Equals(x.Name, y.Name);

        public int GetHashCode((StrategyKind Kind, string Name) obj) =>
            HashCode.Combine(obj.Kind, StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Name));
    }
}
