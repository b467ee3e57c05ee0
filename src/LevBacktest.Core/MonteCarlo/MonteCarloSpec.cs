using LevBacktest.Core.Experiments;

namespace LevBacktest.Core.MonteCarlo;

/// <summary>
/// The Monte Carlo settings of an experiment: the spec's <c>monteCarlo</c> section, each value replaceable on the
/// command line (<c>levbt montecarlo --paths --horizon --block --seed</c>). Durations are milliseconds.
/// </summary>
public sealed record MonteCarloSpec
{
    /// <summary>The generator names <see cref="Generator"/> may take.</summary>
    public static IReadOnlyList<string> Generators { get; } = ["bootstrap", "gbm"];

    /// <summary><c>"bootstrap"</c> (stationary block bootstrap of the spec's data, default) or <c>"gbm"</c>.</summary>
    public string Generator { get; init; } = "bootstrap";

    /// <summary>Number of synthetic paths (default 1,000), positive.</summary>
    public int Paths { get; init; } = 1_000;

    /// <summary>Length of every path in ms (default 365 days); a whole number of bars.</summary>
    public long HorizonMs { get; init; } = 365L * 86_400_000;

    /// <summary>Mean block length of the bootstrap in ms (default 3 days); at least one bar.</summary>
    public long MeanBlockMs { get; init; } = 3L * 86_400_000;

    /// <summary>Seed of every path's random stream (default 1); path k uses (seed, k) alone.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>GBM: μ, arithmetic drift per year as a fraction (default 0).</summary>
    public double Drift { get; init; }

    /// <summary>GBM: σ per √year as a fraction, or NaN (default) for the data's realised volatility of close-to-close log returns.</summary>
    public double Volatility { get; init; } = double.NaN;

    /// <summary>GBM: constant funding rate per settlement as a fraction (default 0: no funding).</summary>
    public double FundingRate { get; init; }

    /// <summary>GBM: time between funding settlements in ms (default 8 h).</summary>
    public long FundingIntervalMs { get; init; } = 8 * 3_600_000L;

    /// <summary>GBM: high and low are the open/close range, i.e. liquidation is checked at bar ends only (default false).</summary>
    public bool CloseOnly { get; init; }

    /// <summary>Parses a duration such as <c>365d</c>, <c>52w</c> or <c>72h</c> given for a command-line option.</summary>
    /// <param name="text">The option's value.</param>
    /// <param name="option">The option's name, for the message (<c>--horizon</c>).</param>
    /// <returns>Milliseconds.</returns>
    /// <exception cref="FormatException">Not a positive duration.</exception>
    public static long ParseDuration(string text, string option)
        => SpecTime.TryParseDurationMilliseconds(text, out long ms)
            ? ms
            : throw new FormatException($"{option} '{text}' is not a duration; write e.g. \"72h\", \"3d\", \"52w\" or \"365d\".");
}
