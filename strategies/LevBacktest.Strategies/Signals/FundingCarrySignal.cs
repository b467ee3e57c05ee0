using LevBacktest.Core.Data;
using LevBacktest.Core.Strategies;

namespace LevBacktest.Strategies.Signals;

/// <summary>
/// Funding-rate carry: short while the annualised funding rate is above a threshold (shorts are paid),
/// long while it is below minus the threshold (longs are paid), flat in between.
/// </summary>
/// <remarks>
/// <para>Only settled funding is used: at bar i's close the events with time &lt; openTime_i + barInterval,
/// i.e. settled inside bar i or before. An event exactly at the next bar's open settles there (DESIGN.md
/// "Order of events inside bar i", step 1) and is not yet known.</para>
/// <para>Annualisation uses the observed interval, not an assumed 8 h: event k's rate r_k is annualised as
/// r_k · (365 · 86,400,000 ms) / (T_k − T_{k−1}), so 8 h, 4 h and 1 h schedules (and switches between them)
/// are handled. The signal averages the last <c>events</c> annualised rates. Warm-up: 0 (flat) until
/// <c>events</c> + 1 events have settled (the first event has no observed interval). A missing settlement in
/// the data lengthens the observed interval and so understates that event's annualised rate.</para>
/// </remarks>
public sealed class FundingCarrySignal : ISignal
{
    /// <summary>Milliseconds in the 365-day year used for annualising.</summary>
    public const double YearMs = 365.0 * 86_400_000.0;

    private sbyte[] _sides = [];
    private double[] _annualisedFunding = [];

    /// <summary>Creates the signal.</summary>
    /// <param name="threshold">Annualised funding rate (fraction per year, 0.1 = 10 %) beyond which a position is taken, ≥ 0.</param>
    /// <param name="events">Number of latest settled events whose annualised rates are averaged, ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">Negative or non-finite threshold, or events &lt; 1.</exception>
    public FundingCarrySignal(double threshold, int events)
    {
        if (!(threshold >= 0.0 && double.IsFinite(threshold)))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The annualised threshold must be a finite fraction ≥ 0.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(events, 1);
        Threshold = threshold;
        Events = events;
    }

    /// <summary>Registration of "funding-carry".</summary>
    public static StrategyDescriptor Descriptor { get; } = StrategyDescriptor.ForSignal(
        "funding-carry",
        "Short while annualised settled funding is above the threshold, long while below its negative, else flat.",
        [
            StrategyParameter.Number("threshold", 0.10, "Annualised funding rate, fraction per 365-day year (0.10 = 10 %/yr), annualised from the observed interval.", minimum: 0.0),
            StrategyParameter.Integer("events", 1, "Number of latest settled funding events whose annualised rates are averaged.", minimum: 1),
        ],
        values => new FundingCarrySignal(values.GetNumber("threshold"), values.GetInteger("events")));

    /// <summary>Annualised threshold (fraction per year).</summary>
    public double Threshold { get; }

    /// <summary>Settled events averaged.</summary>
    public int Events { get; }

    /// <summary>
    /// The averaged annualised funding rate known at each bar's close (NaN during warm-up), length = bar
    /// count, available after <see cref="Prepare"/>. For reports and tests.
    /// </summary>
    public ReadOnlySpan<double> AnnualisedFunding => _annualisedFunding;

    /// <inheritdoc/>
    public void Prepare(MarketData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        // Runs that differ only in leverage, stop or sizing share one computation (same code, same values).
        var series = SharedSeries.Of(data).GetOrCompute($"funding-carry(threshold={Threshold:R},events={Events})", 9L * data.Count, () => Compute(data));
        _annualisedFunding = series.AnnualisedFunding;
        _sides = series.Sides;
    }

    private CarrySeries Compute(MarketData data)
    {
        var openTimes = data.OpenTimeMs.Span;
        var times = data.Funding.TimeMs.Span;
        var rates = data.Funding.Rate.Span;
        int n = openTimes.Length;

        // Annualised rate of each event (NaN for the first, which has no observed interval), then a running
        // sum over the last Events of them.
        var annualisedFunding = new double[n];
        var sides = new sbyte[n];
        int settled = 0;          // events settled so far (index of the next unsettled one)
        double windowSum = 0.0;
        double average = double.NaN;
        for (int i = 0; i < n; i++)
        {
            long closeTime = openTimes[i] + data.BarIntervalMs;
            while (settled < times.Length && times[settled] < closeTime)
            {
                if (settled >= 1)
                {
                    windowSum += Annualise(rates, times, settled);
                    if (settled > Events)
                    {
                        windowSum -= Annualise(rates, times, settled - Events);
                    }

                    average = settled >= Events ? windowSum / Events : double.NaN;
                }

                settled++;
            }

            annualisedFunding[i] = average;
            sides[i] = average > Threshold ? (sbyte)-1 : average < -Threshold ? (sbyte)1 : (sbyte)0;
        }

        return new CarrySeries(annualisedFunding, sides);
    }

    /// <inheritdoc/>
    public int DesiredSide(int barIndex) => _sides[barIndex];

    /// <inheritdoc/>
    public ReadOnlyMemory<sbyte> DesiredSides => _sides;

    private static double Annualise(ReadOnlySpan<double> rates, ReadOnlySpan<long> times, int k) =>
        rates[k] * YearMs / (times[k] - times[k - 1]);

    /// <summary>The per-bar series of one threshold and event count, shared by the runs of a sweep.</summary>
    private sealed record CarrySeries(double[] AnnualisedFunding, sbyte[] Sides);
}
