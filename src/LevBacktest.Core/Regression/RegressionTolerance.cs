namespace LevBacktest.Core.Regression;

/// <summary>
/// When a metric "holds": |now − baseline| ≤ <see cref="Absolute"/> + <see cref="Relative"/> · max(|baseline|, |now|)
/// (symmetric, so swapping baseline and current results never changes the verdict). NaN equals NaN (both
/// "not applicable"); +∞ and −∞ equal only themselves; a finite value never equals NaN or an infinity.
/// Event counts and event times (<see cref="ExactMetrics"/>) must match exactly.
/// </summary>
/// <remarks>
/// Runs are bit-for-bit reproducible on one machine whatever the thread count, so on the machine that
/// wrote a baseline any difference at all is a change. The tolerances exist only for other platforms:
/// another CPU or runtime may fuse a multiply-add or take <c>Math.Log</c>/<c>Math.Exp</c>/<c>Math.Pow</c>
/// from a different C library, each differing in the last bit (relative 1e-16); compounded over the
/// ~10⁴–10⁵ bars of a run that stays far below 1e-9 relative, while a real change of semantics (a fee, a
/// funding sign, one fill one bar later) moves a metric by orders of magnitude more. The absolute 1e-12 is
/// for figures that are zero in exact arithmetic but come out as ±1e-17 after cancellation (the leverage
/// decay of a 1× run).
/// </remarks>
public readonly record struct RegressionTolerance
{
    /// <summary>Default relative tolerance, 1e-9.</summary>
    public const double DefaultRelative = 1e-9;

    /// <summary>Default absolute tolerance, 1e-12 (in the metric's own unit).</summary>
    public const double DefaultAbsolute = 1e-12;

    /// <summary>Creates a tolerance.</summary>
    /// <param name="relative">Relative tolerance, a fraction ≥ 0.</param>
    /// <param name="absolute">Absolute tolerance ≥ 0, in each metric's unit.</param>
    /// <exception cref="ArgumentOutOfRangeException">A tolerance is negative, NaN or infinite.</exception>
    public RegressionTolerance(double relative, double absolute)
    {
        if (!double.IsFinite(relative) || relative < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(relative), relative, "The relative tolerance must be a finite number ≥ 0.");
        }

        if (!double.IsFinite(absolute) || absolute < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(absolute), absolute, "The absolute tolerance must be a finite number ≥ 0.");
        }

        Relative = relative;
        Absolute = absolute;
    }

    /// <summary>The defaults: relative 1e-9, absolute 1e-12.</summary>
    public static RegressionTolerance Default { get; } = new(DefaultRelative, DefaultAbsolute);

    /// <summary>Exact comparison (both tolerances 0): what two runs on one machine must satisfy.</summary>
    public static RegressionTolerance Exact { get; } = new(0, 0);

    /// <summary>Relative tolerance, a fraction.</summary>
    public double Relative { get; }

    /// <summary>Absolute tolerance, in each metric's unit.</summary>
    public double Absolute { get; }

    /// <summary>
    /// Metrics compared exactly whatever the tolerance: counts of events and times of events. They are
    /// integers no floating-point difference can move, and a tolerance relative to an epoch time
    /// (1.7e12 ms · 1e-9 ≈ 2 s) would hide nothing useful anyway.
    /// </summary>
    public static IReadOnlySet<string> ExactMetrics { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "tradeCount", "liquidationCount", "firstLiquidationTime", "stopCount", "takeProfitCount",
        "rejectedOrders", "reducedOrders", "barCount",
    };

    /// <summary>True when <paramref name="current"/> holds against <paramref name="baseline"/> for the metric <paramref name="metric"/>.</summary>
    /// <param name="metric">The metric's camelCase name (decides whether it is compared exactly).</param>
    /// <param name="baseline">The baseline value.</param>
    /// <param name="current">The value now.</param>
    public bool Holds(string metric, double baseline, double current)
    {
        if (baseline.Equals(current))
        {
            return true; // identical, and NaN.Equals(NaN) is true: "not applicable" in both
        }

        if (!double.IsFinite(baseline) || !double.IsFinite(current) || ExactMetrics.Contains(metric))
        {
            return false;
        }

        double scale = Math.Max(Math.Abs(baseline), Math.Abs(current));
        return Math.Abs(current - baseline) <= Absolute + (Relative * scale);
    }
}
