using System.Globalization;
using System.Text.Json;

using LevBacktest.Core.Experiments;

namespace LevBacktest.Core.MonteCarlo;

/// <summary>Binds the spec's <c>monteCarlo</c> section (see <see cref="MonteCarloSpec"/>); errors name the JSON path.</summary>
internal static class MonteCarloSpecReader
{
    /// <summary>Binds the section.</summary>
    /// <exception cref="ExperimentSpecException">A value is malformed or out of range.</exception>
    public static MonteCarloSpec Bind(JsonSpecObject section)
    {
        var defaults = new MonteCarloSpec();
        var spec = new MonteCarloSpec
        {
            Generator = section.OptionalChoice("generator", defaults.Generator, MonteCarloSpec.Generators),
            Paths = PositiveInteger(section, "paths", defaults.Paths),
            HorizonMs = Duration(section, "horizon", defaults.HorizonMs),
            MeanBlockMs = Duration(section, "block", defaults.MeanBlockMs),
            Seed = Seed(section, defaults.Seed),
            Drift = section.OptionalNumber("drift", defaults.Drift),
            Volatility = section.OptionalNumber("volatility", defaults.Volatility),
            FundingRate = section.OptionalNumber("fundingRate", defaults.FundingRate),
            FundingIntervalMs = Duration(section, "fundingInterval", defaults.FundingIntervalMs),
            CloseOnly = Boolean(section, "closeOnly", defaults.CloseOnly),
        };
        if (!double.IsNaN(spec.Volatility) && spec.Volatility < 0)
        {
            throw new ExperimentSpecException(section.PathOf("volatility"), $"must be at least 0, got {spec.Volatility.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (Math.Abs(spec.FundingRate) >= 1)
        {
            throw new ExperimentSpecException(section.PathOf("fundingRate"), "must be a fraction between −1 and 1 (0.0001 = 0.01 % per settlement).");
        }

        section.RejectUnknown();
        return spec;
    }

    private static int PositiveInteger(JsonSpecObject section, string name, int fallback)
    {
        double value = section.OptionalNumber(name, fallback);
        if (value < 1 || value != Math.Floor(value) || value > int.MaxValue)
        {
            throw new ExperimentSpecException(section.PathOf(name), $"must be a positive whole number, got {value.ToString(CultureInfo.InvariantCulture)}.");
        }

        return (int)value;
    }

    private static ulong Seed(JsonSpecObject section, ulong fallback)
    {
        if (!section.TryGet("seed", out var value))
        {
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetUInt64(out ulong seed))
        {
            throw new ExperimentSpecException(section.PathOf("seed"), $"must be a whole number from 0 to {ulong.MaxValue}, got {JsonSpecObject.Describe(value)}.");
        }

        return seed;
    }

    private static long Duration(JsonSpecObject section, string name, long fallback)
    {
        if (section.OptionalString(name) is not { } text)
        {
            return fallback;
        }

        return SpecTime.TryParseDurationMilliseconds(text, out long ms)
            ? ms
            : throw new ExperimentSpecException(section.PathOf(name), $"'{text}' is not a duration; write e.g. \"8h\", \"3d\" or \"365d\".");
    }

    private static bool Boolean(JsonSpecObject section, string name, bool fallback)
    {
        if (!section.TryGet(name, out var value))
        {
            return fallback;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new ExperimentSpecException(section.PathOf(name), $"must be true or false, got {JsonSpecObject.Describe(value)}."),
        };
    }
}
