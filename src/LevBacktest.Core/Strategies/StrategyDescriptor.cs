using System.Text.Json;

namespace LevBacktest.Core.Strategies;

/// <summary>
/// A registered strategy: its name, role, one-line description, typed parameters, and a factory that
/// builds a fresh instance from bound parameter values.
/// </summary>
/// <remarks>
/// Instances hold per-run state (precomputed indicators, anchored stops), so a run must create its own
/// with <see cref="Create"/>; never share one instance between runs or threads.
/// Create descriptors with <see cref="ForSignal"/>, <see cref="ForSizing"/> or <see cref="ForStopLoss"/>.
/// </remarks>
public sealed class StrategyDescriptor
{
    private readonly Func<StrategyParameterValues, object> _factory;

    private StrategyDescriptor(string name, StrategyKind kind, string description, IReadOnlyList<StrategyParameter> parameters, Func<StrategyParameterValues, object> factory, StrategyCapabilities requires, StrategyCapabilities provides)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(factory);
        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                throw new ArgumentException($"Strategy name '{name}' must be kebab-case: lowercase ASCII letters, digits and '-'.", nameof(name));
            }
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in parameters)
        {
            ArgumentNullException.ThrowIfNull(parameter, nameof(parameters));
            if (!names.Add(parameter.Name))
            {
                throw new ArgumentException($"Strategy '{name}' declares parameter '{parameter.Name}' twice.", nameof(parameters));
            }
        }

        Name = name;
        Kind = kind;
        Description = description;
        Parameters = parameters.ToArray();
        _factory = factory;
        Requires = requires;
        Provides = provides;
    }

    /// <summary>The name an experiment spec uses, kebab-case (e.g. "ma-cross").</summary>
    public string Name { get; }

    /// <summary>The role: signal, sizing or stop-loss.</summary>
    public StrategyKind Kind { get; }

    /// <summary>One line saying what the strategy does.</summary>
    public string Description { get; }

    /// <summary>The declared parameters, in declaration order.</summary>
    public IReadOnlyList<StrategyParameter> Parameters { get; }

    /// <summary>
    /// What this component needs from the other components of a run (e.g. fixed-fractional sizing needs
    /// <see cref="StrategyCapabilities.EntryStopPrice"/> from the stop-loss rule). An experiment plan rejects
    /// every run whose other components do not together <see cref="Provides">provide</see> all of it.
    /// </summary>
    public StrategyCapabilities Requires { get; }

    /// <summary>
    /// What this component gives the other components of a run. Stop-loss rules provide
    /// <see cref="StrategyCapabilities.EntryStopPrice"/> unless they declare otherwise; signals and sizing
    /// rules provide nothing unless they declare it.
    /// </summary>
    public StrategyCapabilities Provides { get; }

    /// <summary>"signal 'ma-cross'", "sizing 'vol-target'", "stop-loss 'atr'" — for messages.</summary>
    public string Label => $"{KindName(Kind)} '{Name}'";

    /// <summary>Registers a signal.</summary>
    /// <param name="name">Kebab-case name.</param>
    /// <param name="description">One-line description.</param>
    /// <param name="parameters">Declared parameters (distinct names).</param>
    /// <param name="factory">Builds a fresh instance; may throw <see cref="StrategyConfigurationException"/> for
    /// combinations of values that are invalid together (e.g. fast ≥ slow).</param>
    /// <param name="requires">What the signal needs from the sizing and stop-loss rules of a run (<see cref="Requires"/>).</param>
    /// <param name="provides">What the signal gives them (<see cref="Provides"/>).</param>
    /// <exception cref="ArgumentException">Invalid name, blank description or duplicate parameter names.</exception>
    public static StrategyDescriptor ForSignal(
        string name,
        string description,
        IReadOnlyList<StrategyParameter> parameters,
        Func<StrategyParameterValues, ISignal> factory,
        StrategyCapabilities requires = StrategyCapabilities.None,
        StrategyCapabilities provides = StrategyCapabilities.None) =>
        new(name, StrategyKind.Signal, description, parameters, factory, requires, provides);

    /// <summary>Registers a sizing rule.</summary>
    /// <param name="name">Kebab-case name.</param>
    /// <param name="description">One-line description.</param>
    /// <param name="parameters">Declared parameters (distinct names).</param>
    /// <param name="factory">Builds a fresh instance.</param>
    /// <param name="requires">What the rule needs from the signal and stop-loss rule of a run (<see cref="Requires"/>),
    /// e.g. <see cref="StrategyCapabilities.EntryStopPrice"/> for a rule that sizes from the stop distance.</param>
    /// <param name="provides">What the rule gives them (<see cref="Provides"/>).</param>
    /// <exception cref="ArgumentException">Invalid name, blank description or duplicate parameter names.</exception>
    public static StrategyDescriptor ForSizing(
        string name,
        string description,
        IReadOnlyList<StrategyParameter> parameters,
        Func<StrategyParameterValues, ISizing> factory,
        StrategyCapabilities requires = StrategyCapabilities.None,
        StrategyCapabilities provides = StrategyCapabilities.None) =>
        new(name, StrategyKind.Sizing, description, parameters, factory, requires, provides);

    /// <summary>Registers a stop-loss rule.</summary>
    /// <param name="name">Kebab-case name.</param>
    /// <param name="description">One-line description.</param>
    /// <param name="parameters">Declared parameters (distinct names).</param>
    /// <param name="factory">Builds a fresh instance.</param>
    /// <param name="requires">What the rule needs from the signal and sizing rule of a run (<see cref="Requires"/>).</param>
    /// <param name="provides">What the rule gives them (<see cref="Provides"/>); by default
    /// <see cref="StrategyCapabilities.EntryStopPrice"/>. Pass <see cref="StrategyCapabilities.None"/> for a rule
    /// whose answer at an entry is never a price (no stop, a time stop) or depends on the position's size.</param>
    /// <exception cref="ArgumentException">Invalid name, blank description or duplicate parameter names.</exception>
    public static StrategyDescriptor ForStopLoss(
        string name,
        string description,
        IReadOnlyList<StrategyParameter> parameters,
        Func<StrategyParameterValues, IStopLoss> factory,
        StrategyCapabilities requires = StrategyCapabilities.None,
        StrategyCapabilities provides = StrategyCapabilities.EntryStopPrice) =>
        new(name, StrategyKind.StopLoss, description, parameters, factory, requires, provides);

    /// <summary>
    /// Binds spec values to the parameters: given values are type- and range-checked, missing ones take
    /// their defaults. Values may be <see cref="JsonElement"/>, CLR numbers, <see cref="bool"/> or strings.
    /// </summary>
    /// <param name="values">Name → value pairs (names case-insensitive), or null for all defaults.</param>
    /// <exception cref="StrategyConfigurationException">Unknown name, duplicate, wrong type or out of range;
    /// the message lists the valid parameters with their types, defaults and ranges.</exception>
    public StrategyParameterValues Bind(IEnumerable<KeyValuePair<string, object?>>? values) =>
        StrategyParameterValues.Bind(this, values);

    /// <summary>Binds the members of a JSON object (see <see cref="Bind(IEnumerable{KeyValuePair{string, object}})"/>).</summary>
    /// <param name="values">Name → JSON value pairs, e.g. a <c>Dictionary&lt;string, JsonElement&gt;</c>.</param>
    /// <exception cref="StrategyConfigurationException">As for the general overload.</exception>
    public StrategyParameterValues Bind(IEnumerable<KeyValuePair<string, JsonElement>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return StrategyParameterValues.Bind(this, StrategyParameterValues.FromJson(values));
    }

    /// <summary>Binds the properties of a JSON object element (null or JSON null: all defaults).</summary>
    /// <param name="parameters">A JSON object of name → value, or null.</param>
    /// <exception cref="StrategyConfigurationException">Not an object, or as for the general overload.</exception>
    public StrategyParameterValues Bind(JsonElement? parameters)
    {
        if (parameters is not JsonElement element || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return StrategyParameterValues.Bind(this, null);
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new StrategyConfigurationException(
                $"{Label}: parameters must be a JSON object of name → value, got {element.ValueKind}. {StrategyParameterValues.DescribeParameters(this)}");
        }

        var pairs = new List<KeyValuePair<string, object?>>();
        foreach (var property in element.EnumerateObject())
        {
            pairs.Add(new(property.Name, property.Value));
        }

        return StrategyParameterValues.Bind(this, pairs);
    }

    /// <summary>All parameters at their defaults.</summary>
    public StrategyParameterValues BindDefaults() => StrategyParameterValues.Bind(this, null);

    /// <summary>A fresh instance (an <see cref="ISignal"/>, <see cref="ISizing"/> or <see cref="IStopLoss"/> per <see cref="Kind"/>).</summary>
    /// <param name="values">Values bound by this descriptor.</param>
    /// <exception cref="ArgumentException">The values were bound by another descriptor.</exception>
    /// <exception cref="StrategyConfigurationException">The values are invalid together.</exception>
    public object Create(StrategyParameterValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!ReferenceEquals(values.Descriptor, this))
        {
            throw new ArgumentException($"These parameter values were bound for {values.Descriptor.Label}, not {Label}.", nameof(values));
        }

        return _factory(values);
    }

    /// <summary>A fresh signal.</summary>
    /// <param name="values">Values bound by this descriptor.</param>
    /// <exception cref="InvalidOperationException">This descriptor is not a signal.</exception>
    /// <exception cref="StrategyConfigurationException">The values are invalid together.</exception>
    public ISignal CreateSignal(StrategyParameterValues values) => (ISignal)CreateOf(StrategyKind.Signal, values);

    /// <summary>A fresh sizing rule.</summary>
    /// <param name="values">Values bound by this descriptor.</param>
    /// <exception cref="InvalidOperationException">This descriptor is not a sizing rule.</exception>
    /// <exception cref="StrategyConfigurationException">The values are invalid together.</exception>
    public ISizing CreateSizing(StrategyParameterValues values) => (ISizing)CreateOf(StrategyKind.Sizing, values);

    /// <summary>A fresh stop-loss rule.</summary>
    /// <param name="values">Values bound by this descriptor.</param>
    /// <exception cref="InvalidOperationException">This descriptor is not a stop-loss rule.</exception>
    /// <exception cref="StrategyConfigurationException">The values are invalid together.</exception>
    public IStopLoss CreateStopLoss(StrategyParameterValues values) => (IStopLoss)CreateOf(StrategyKind.StopLoss, values);

    /// <summary>"name — description" followed by one indented line per parameter.</summary>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder().Append(Name).Append(" — ").Append(Description);
        foreach (var parameter in Parameters)
        {
            text.AppendLine().Append("    ").Append(parameter.Describe());
        }

        return text.ToString();
    }

    /// <summary>Human name of a kind: "signal", "sizing", "stop-loss".</summary>
    internal static string KindName(StrategyKind kind) => kind switch
    {
        StrategyKind.Signal => "signal",
        StrategyKind.Sizing => "sizing",
        _ => "stop-loss",
    };

    private object CreateOf(StrategyKind kind, StrategyParameterValues values)
    {
        if (Kind != kind)
        {
            throw new InvalidOperationException($"{Label} is a {KindName(Kind)}, not a {KindName(kind)}.");
        }

        return Create(values);
    }
}
