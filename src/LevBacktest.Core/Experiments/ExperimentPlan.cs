using LevBacktest.Core.Strategies;

namespace LevBacktest.Core.Experiments;

/// <summary>
/// A spec checked against a strategy catalog and expanded into its runs: every component name exists,
/// every parameter binds (defaults filled in), and every sweep value is valid — all before any data is
/// loaded, with errors that name the JSON path — and in every run the components give each other what they
/// declare they need (<see cref="StrategyDescriptor.Requires"/>). Components are bound once per distinct configuration,
/// not once per run; <see cref="GetRun"/> then costs a few array look-ups.
/// </summary>
public sealed class ExperimentPlan
{
    private readonly RoleTable[] _roles;

    private ExperimentPlan(ExperimentSpec spec, SweepGrid grid, RoleTable[] roles)
    {
        Spec = spec;
        Grid = grid;
        _roles = roles;
    }

    /// <summary>The spec.</summary>
    public ExperimentSpec Spec { get; }

    /// <summary>The sweep's cartesian product.</summary>
    public SweepGrid Grid { get; }

    /// <summary>Number of runs in the whole sweep.</summary>
    public int RunCount => Grid.RunCount;

    /// <summary>Checks <paramref name="spec"/> against <paramref name="catalog"/> and builds the plan.</summary>
    /// <param name="spec">A parsed spec.</param>
    /// <param name="catalog">The strategies that names resolve against.</param>
    /// <exception cref="ExperimentSpecException">A name is unknown (the message lists the valid ones), a parameter
    /// does not bind, a combination of swept values is rejected by the strategy, or a run combines components
    /// that do not fit together (e.g. fixed-fractional sizing with no stop price at entry); that message names
    /// the component to change, the first such run and its swept components, and the components that would fit.</exception>
    public static ExperimentPlan Create(ExperimentSpec spec, StrategyCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(catalog);
        var grid = new SweepGrid(spec.Sweep);
        var roles = new RoleTable[3];
        roles[(int)StrategyComponentRole.Signal] = RoleTable.Build(StrategyComponentRole.Signal, spec.Strategy.Signal, grid, catalog);
        roles[(int)StrategyComponentRole.Sizing] = RoleTable.Build(StrategyComponentRole.Sizing, spec.Strategy.Sizing, grid, catalog);
        roles[(int)StrategyComponentRole.Stop] = RoleTable.Build(StrategyComponentRole.Stop, spec.Strategy.Stop, grid, catalog);
        CheckRequirements(grid, roles, catalog);
        var plan = new ExperimentPlan(spec, grid, roles);
        if (spec.Portfolio is { } portfolio)
        {
            // Instrument 0's signal and stop were bound above as the plan's strategy; every instrument's are bound here.
            var signals = new StrategyParameterValues[portfolio.Instruments.Count];
            var stops = new StrategyParameterValues[portfolio.Instruments.Count];
            for (int k = 0; k < signals.Length; k++)
            {
                signals[k] = RoleTable.BindOne(StrategyComponentRole.Signal, portfolio.Instruments[k].Signal, catalog);
                stops[k] = RoleTable.BindOne(StrategyComponentRole.Stop, portfolio.Instruments[k].Stop, catalog);
            }

            plan.InstrumentSignals = signals;
            plan.InstrumentStops = stops;
        }

        return plan;
    }

    /// <summary>Portfolio specs: each instrument's bound signal, in <see cref="PortfolioSpec.Instruments"/> order; empty otherwise.</summary>
    public IReadOnlyList<StrategyParameterValues> InstrumentSignals { get; private set; } = [];

    /// <summary>Portfolio specs: each instrument's bound stop-loss rule, in <see cref="PortfolioSpec.Instruments"/> order; empty otherwise.</summary>
    public IReadOnlyList<StrategyParameterValues> InstrumentStops { get; private set; } = [];

    /// <summary>The resolved values of run <paramref name="runIndex"/>.</summary>
    /// <param name="runIndex">0 ≤ runIndex &lt; <see cref="RunCount"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The index is out of range.</exception>
    public RunPoint GetRun(int runIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(runIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(runIndex, RunCount);
        var instrument = Spec.Instrument;
        double leverage = Spec.Leverage;
        double capital = Spec.InitialCapital;
        double allocation = instrument.IsolatedAllocation;
        double taker = instrument.TakerFeeRate;
        double maker = instrument.MakerFeeRate;
        double slippage = instrument.SlippageBasisPoints;
        for (int k = 0; k < Grid.Axes.Count; k++)
        {
            var axis = Grid.Axes[k];
            if (axis.Target == SweepAxisTarget.Leverage)
            {
                leverage = Grid.Value(runIndex, k).Number;
            }
            else if (axis.Target == SweepAxisTarget.Setting)
            {
                double value = Grid.Value(runIndex, k).Number;
                switch (axis.Name)
                {
                    case "initialCapital": capital = value; break;
                    case "isolatedAllocation": allocation = value; break;
                    case "takerFeeRate": taker = value; break;
                    case "makerFeeRate": maker = value; break;
                    default: slippage = value; break;
                }
            }
        }

        return new RunPoint
        {
            RunIndex = runIndex,
            Leverage = leverage,
            InitialCapital = capital,
            IsolatedAllocation = allocation,
            TakerFeeRate = taker,
            MakerFeeRate = maker,
            SlippageBasisPoints = slippage,
            Signal = _roles[(int)StrategyComponentRole.Signal].ValuesOf(Grid, runIndex),
            Sizing = _roles[(int)StrategyComponentRole.Sizing].ValuesOf(Grid, runIndex),
            Stop = _roles[(int)StrategyComponentRole.Stop].ValuesOf(Grid, runIndex),
        };
    }

    /// <summary>The catalog kind of a spec role.</summary>
    /// <param name="role">Signal, sizing or stop.</param>
    public static StrategyKind KindOf(StrategyComponentRole role) => role switch
    {
        StrategyComponentRole.Signal => StrategyKind.Signal,
        StrategyComponentRole.Sizing => StrategyKind.Sizing,
        _ => StrategyKind.StopLoss,
    };

    /// <summary>
    /// Checks that in every run each component's <see cref="StrategyDescriptor.Requires"/> is covered by what the
    /// other two components <see cref="StrategyDescriptor.Provides">provide</see>. Every sweep axis varies at most one
    /// role, so every combination of the roles' distinct descriptors occurs in some run, and checking those
    /// combinations covers every run without visiting each one.
    /// </summary>
    private static void CheckRequirements(SweepGrid grid, RoleTable[] roles, StrategyCatalog catalog)
    {
        var distinct = new List<(StrategyDescriptor Descriptor, int Local)>[roles.Length];
        for (int r = 0; r < roles.Length; r++)
        {
            distinct[r] = roles[r].DistinctDescriptors();
        }

        for (int r = 0; r < roles.Length; r++)
        {
            int first = (r + 1) % roles.Length;
            int second = (r + 2) % roles.Length;
            foreach (var requirer in distinct[r])
            {
                if (requirer.Descriptor.Requires == StrategyCapabilities.None)
                {
                    continue;
                }

                foreach (var a in distinct[first])
                {
                    foreach (var b in distinct[second])
                    {
                        var missing = requirer.Descriptor.Requires & ~(a.Descriptor.Provides | b.Descriptor.Provides);
                        if (missing != StrategyCapabilities.None)
                        {
                            var locals = new int[roles.Length];
                            locals[r] = requirer.Local;
                            locals[first] = a.Local;
                            locals[second] = b.Local;
                            throw Unmet(grid, roles, catalog, (StrategyComponentRole)r, locals, missing);
                        }
                    }
                }
            }
        }
    }

    private static ExperimentSpecException Unmet(SweepGrid grid, RoleTable[] roles, StrategyCatalog catalog, StrategyComponentRole requirerRole, int[] locals, StrategyCapabilities missing)
    {
        // Report the lowest missing capability; fixing it shows the next one, if any.
        var capability = (StrategyCapabilities)((int)missing & -(int)missing);
        var (providerRole, need) = capability switch
        {
            StrategyCapabilities.EntryStopPrice => (StrategyComponentRole.Stop, "a stop price at entry, before the position is sized"),
            _ => throw new InvalidOperationException($"No description of the strategy capability {capability}."),
        };

        var requirer = roles[(int)requirerRole];
        var provider = roles[(int)providerRole];
        var requirerDescriptor = requirer.DescriptorAt(locals[(int)requirerRole]);
        var providerDescriptor = provider.DescriptorAt(locals[(int)providerRole]);

        var coordinates = new int[grid.Axes.Count];
        for (int r = 0; r < roles.Length; r++)
        {
            roles[r].FillCoordinates(grid, locals[r], coordinates);
        }

        var swept = new List<string>();
        for (int k = 0; k < grid.Axes.Count; k++)
        {
            var axis = grid.Axes[k];
            if (axis.Target == SweepAxisTarget.StrategyComponent && (axis.Role == requirerRole || axis.Role == providerRole))
            {
                swept.Add($"{axis.Name} = {axis.Values[coordinates[k]]}");
            }
        }

        string where = swept.Count == 0 ? string.Empty : $" (first in run {grid.RunIndexOf(coordinates)}: {string.Join(", ", swept)})";
        var fitting = new List<string>();
        foreach (var candidate in catalog.OfKind(KindOf(providerRole)))
        {
            if ((candidate.Provides & capability) != 0)
            {
                fitting.Add(candidate.Name);
            }
        }

        string providerKind = StrategyDescriptor.KindName(KindOf(providerRole));
        string choose = fitting.Count == 0
            ? $"no registered {providerKind} rule gives it, so choose another {StrategyDescriptor.KindName(KindOf(requirerRole))} rule"
            : $"choose a {providerKind} rule that does ({string.Join(", ", fitting)}) or another {StrategyDescriptor.KindName(KindOf(requirerRole))} rule";
        return new ExperimentSpecException(
            provider.PathAt(grid, locals[(int)providerRole]),
            $"{requirerDescriptor.Label} needs {need}, which {providerDescriptor.Label} does not give{where}; {choose}.");
    }

    /// <summary>
    /// The bound components of one role for every combination of the axes that touch it. Local index
    /// = mixed-radix number of those axes' coordinates, first axis most significant.
    /// </summary>
    private sealed class RoleTable
    {
        private readonly int[] _axes;
        private readonly StrategyParameterValues[] _values;
        private readonly StrategyComponentSpec _baseComponent;

        private RoleTable(int[] axes, StrategyParameterValues[] values, StrategyComponentSpec baseComponent)
        {
            _axes = axes;
            _values = values;
            _baseComponent = baseComponent;
        }

        public StrategyDescriptor DescriptorAt(int local) => _values[local].Descriptor;

        /// <summary>Each distinct descriptor with the first local index it appears at, in order of appearance.</summary>
        public List<(StrategyDescriptor Descriptor, int Local)> DistinctDescriptors()
        {
            var list = new List<(StrategyDescriptor Descriptor, int Local)>();
            for (int local = 0; local < _values.Length; local++)
            {
                var descriptor = _values[local].Descriptor;
                if (!list.Exists(entry => ReferenceEquals(entry.Descriptor, descriptor)))
                {
                    list.Add((descriptor, local));
                }
            }

            return list;
        }

        /// <summary>Writes the coordinates of this role's axes at <paramref name="local"/> into a run's coordinates.</summary>
        public void FillCoordinates(SweepGrid grid, int local, int[] coordinates)
        {
            for (int j = _axes.Length - 1; j >= 0; j--)
            {
                int count = grid.Axes[_axes[j]].Count;
                coordinates[_axes[j]] = local % count;
                local /= count;
            }
        }

        /// <summary>Where the component at <paramref name="local"/> is written: the element of a whole-component
        /// axis (<c>$.sweep.stop[1]</c>) or the spec's strategy block (<c>$.strategy.stop</c>).</summary>
        public string PathAt(SweepGrid grid, int local)
        {
            var coordinates = new int[grid.Axes.Count];
            FillCoordinates(grid, local, coordinates);
            foreach (int k in _axes)
            {
                var axis = grid.Axes[k];
                if (axis.Target == SweepAxisTarget.StrategyComponent)
                {
                    return axis.Components![coordinates[k]].JsonPath;
                }
            }

            return _baseComponent.JsonPath;
        }

        public StrategyParameterValues ValuesOf(SweepGrid grid, int runIndex)
        {
            int local = 0;
            foreach (int k in _axes)
            {
                local = (local * grid.Axes[k].Count) + grid.Coordinate(runIndex, k);
            }

            return _values[local];
        }

        public static RoleTable Build(StrategyComponentRole role, StrategyComponentSpec baseComponent, SweepGrid grid, StrategyCatalog catalog)
        {
            var axes = new List<int>();
            for (int k = 0; k < grid.Axes.Count; k++)
            {
                if (grid.Axes[k].Role == role)
                {
                    axes.Add(k);
                }
            }

            // The base component must be valid on its own, even when every run replaces it, so that a
            // typo in the spec's strategy block never goes unnoticed.
            var baseDescriptor = Resolve(role, baseComponent, catalog);
            Bind(baseDescriptor, baseComponent, baseComponent.JsonPath);
            foreach (int k in axes)
            {
                CheckAxis(grid.Axes[k], role, baseComponent, baseDescriptor, catalog);
            }

            long combinations = 1;
            foreach (int k in axes)
            {
                combinations *= grid.Axes[k].Count;
            }

            var values = new StrategyParameterValues[combinations];
            var coordinates = new int[axes.Count];
            for (int local = 0; local < values.Length; local++)
            {
                int rest = local;
                for (int j = axes.Count - 1; j >= 0; j--)
                {
                    coordinates[j] = rest % grid.Axes[axes[j]].Count;
                    rest /= grid.Axes[axes[j]].Count;
                }

                var component = baseComponent;
                string path = baseComponent.JsonPath;
                for (int j = 0; j < axes.Count; j++)
                {
                    var axis = grid.Axes[axes[j]];
                    if (axis.Target == SweepAxisTarget.StrategyComponent)
                    {
                        component = axis.Components![coordinates[j]];
                    }
                    else
                    {
                        component = component.WithParameter(axis.Parameter!, axis.Values[coordinates[j]]);
                    }

                    path = axes.Count == 1 ? JsonSpecObject.Index(axis.JsonPath, coordinates[j]) : "$.sweep";
                }

                var descriptor = Resolve(role, component, catalog);
                var bound = Bind(descriptor, component, path);
                Instantiate(bound, path, axes.Count > 1 ? Describe(grid, axes, coordinates) : null);
                values[local] = bound;
            }

            return new RoleTable([.. axes], values, baseComponent);
        }

        /// <summary>Resolves, binds and instantiates one component (its constructor checks run now), errors at its JSON path.</summary>
        public static StrategyParameterValues BindOne(StrategyComponentRole role, StrategyComponentSpec component, StrategyCatalog catalog)
        {
            var bound = Bind(Resolve(role, component, catalog), component, component.JsonPath);
            Instantiate(bound, component.JsonPath, null);
            return bound;
        }

        private static void CheckAxis(SweepAxis axis, StrategyComponentRole role, StrategyComponentSpec baseComponent, StrategyDescriptor baseDescriptor, StrategyCatalog catalog)
        {
            for (int i = 0; i < axis.Count; i++)
            {
                string path = JsonSpecObject.Index(axis.JsonPath, i);
                if (axis.Target == SweepAxisTarget.StrategyComponent)
                {
                    var component = axis.Components![i];
                    Bind(Resolve(role, component, catalog), component, component.JsonPath);
                    continue;
                }

                bool known = false;
                foreach (var parameter in baseDescriptor.Parameters)
                {
                    known |= string.Equals(parameter.Name, axis.Parameter, StringComparison.OrdinalIgnoreCase);
                }

                if (!known)
                {
                    string valid = baseDescriptor.Parameters.Count == 0
                        ? "it takes no parameters"
                        : "valid parameters: " + string.Join(", ", baseDescriptor.Parameters.Select(p => p.Name));
                    throw new ExperimentSpecException(axis.JsonPath, $"{baseDescriptor.Label} has no parameter '{axis.Parameter}'; {valid}.");
                }

                Bind(baseDescriptor, baseComponent.WithParameter(axis.Parameter!, axis.Values[i]), path);
            }
        }

        private static StrategyDescriptor Resolve(StrategyComponentRole role, StrategyComponentSpec component, StrategyCatalog catalog)
        {
            try
            {
                return catalog.Find(KindOf(role), component.Name);
            }
            catch (StrategyConfigurationException exception)
            {
                string path = component.JsonPath.EndsWith(']') || component.JsonPath.StartsWith("$.strategy", StringComparison.Ordinal)
                    ? component.JsonPath + ".name"
                    : component.JsonPath;
                throw new ExperimentSpecException(path, exception.Message);
            }
        }

        private static StrategyParameterValues Bind(StrategyDescriptor descriptor, StrategyComponentSpec component, string path)
        {
            var raw = new List<KeyValuePair<string, object?>>(component.Parameters.Count);
            foreach (var (name, value) in component.Parameters)
            {
                object boxed = value.Kind switch
                {
                    SpecValueKind.Number => value.Number,
                    SpecValueKind.Text => value.Text!,
                    _ => value.Boolean,
                };
                raw.Add(new(name, boxed));
            }

            try
            {
                return descriptor.Bind(raw);
            }
            catch (StrategyConfigurationException exception)
            {
                throw new ExperimentSpecException(path == component.JsonPath ? path + ".parameters" : path, exception.Message);
            }
        }

        /// <summary>Creating the component runs its constructor checks (e.g. fast &lt; slow) before any data is loaded.</summary>
        private static void Instantiate(StrategyParameterValues bound, string path, string? combination)
        {
            try
            {
                _ = bound.Descriptor.Create(bound);
            }
            catch (Exception exception) when (exception is StrategyConfigurationException or ArgumentException)
            {
                string where = combination is null ? string.Empty : $" (with {combination})";
                throw new ExperimentSpecException(path, $"{bound.Descriptor.Label}{where}: {exception.Message}");
            }
        }

        private static string Describe(SweepGrid grid, List<int> axes, int[] coordinates)
            => string.Join(", ", axes.Select((k, j) => $"{grid.Axes[k].Name} = {grid.Axes[k].Values[coordinates[j]]}"));
    }
}
