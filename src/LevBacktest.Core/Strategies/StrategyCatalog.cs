using System.Text;

namespace LevBacktest.Core.Strategies;

/// <summary>
/// The strategies an experiment can name, by kind and name (names are unique within a kind and matched
/// case-insensitively). Immutable and thread-safe once built.
/// </summary>
public sealed class StrategyCatalog
{
    private readonly StrategyDescriptor[] _all;
    private readonly Dictionary<(StrategyKind Kind, string Name), StrategyDescriptor> _byName;

    /// <summary>Builds a catalog.</summary>
    /// <param name="descriptors">The registered strategies.</param>
    /// <exception cref="ArgumentException">Two descriptors of the same kind share a name.</exception>
    public StrategyCatalog(IEnumerable<StrategyDescriptor> descriptors)
    {
        ArgumentNullException.ThrowIfNull(descriptors);
        _all = descriptors.ToArray();
        _byName = new Dictionary<(StrategyKind, string), StrategyDescriptor>(KeyComparer.Instance);
        foreach (var descriptor in _all)
        {
            ArgumentNullException.ThrowIfNull(descriptor, nameof(descriptors));
            if (!_byName.TryAdd((descriptor.Kind, descriptor.Name), descriptor))
            {
                throw new ArgumentException($"Two strategies are registered as {descriptor.Label}.", nameof(descriptors));
            }
        }
    }

    /// <summary>Every registered strategy, in registration order.</summary>
    public IReadOnlyList<StrategyDescriptor> All => _all;

    /// <summary>The registered strategies of one kind, in registration order.</summary>
    /// <param name="kind">Signal, sizing or stop-loss.</param>
    public IReadOnlyList<StrategyDescriptor> OfKind(StrategyKind kind)
    {
        var list = new List<StrategyDescriptor>();
        foreach (var descriptor in _all)
        {
            if (descriptor.Kind == kind)
            {
                list.Add(descriptor);
            }
        }

        return list;
    }

    /// <summary>The strategy of that kind and name.</summary>
    /// <param name="kind">Signal, sizing or stop-loss.</param>
    /// <param name="name">Registered name (case-insensitive).</param>
    /// <exception cref="StrategyConfigurationException">No such strategy; the message lists the names of that kind.</exception>
    public StrategyDescriptor Find(StrategyKind kind, string name)
    {
        if (TryFind(kind, name, out var descriptor))
        {
            return descriptor;
        }

        var text = new StringBuilder()
            .Append("Unknown ").Append(StrategyDescriptor.KindName(kind)).Append(" '").Append(name).Append("'. Available: ");
        var ofKind = OfKind(kind);
        if (ofKind.Count == 0)
        {
            text.Append("(none registered)");
        }

        for (int i = 0; i < ofKind.Count; i++)
        {
            text.Append(i > 0 ? ", " : string.Empty).Append(ofKind[i].Name);
        }

        throw new StrategyConfigurationException(text.Append('.').ToString());
    }

    /// <summary>Looks a strategy up without throwing.</summary>
    /// <param name="kind">Signal, sizing or stop-loss.</param>
    /// <param name="name">Registered name (case-insensitive); null finds nothing.</param>
    /// <param name="descriptor">The strategy, when found.</param>
    /// <returns>True when found.</returns>
    public bool TryFind(StrategyKind kind, string? name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out StrategyDescriptor? descriptor)
    {
        if (name is null)
        {
            descriptor = null;
            return false;
        }

        return _byName.TryGetValue((kind, name), out descriptor);
    }

    private sealed class KeyComparer : IEqualityComparer<(StrategyKind Kind, string Name)>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals((StrategyKind Kind, string Name) x, (StrategyKind Kind, string Name) y) =>
            x.Kind == y.Kind && StringComparer.OrdinalIgnoreCase.Equals(x.Name, y.Name);

        public int GetHashCode((StrategyKind Kind, string Name) obj) =>
            HashCode.Combine(obj.Kind, StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Name));
    }
}
