namespace LevBacktest.Core.Data.Synthetic;

/// <summary>
/// Generates a deterministic synthetic BTC-like perpetual market: last-price OHLCV bars, mark-price
/// OHLC bars and funding settlements. It stands in for real data in the bundled sample and in tests;
/// it is not a forecast of anything.
/// </summary>
/// <remarks>
/// <para>Model, simulated on 5-minute sub-steps (Δt in years of 365.25 days) and aggregated to bars:</para>
/// <list type="number">
/// <item>Fair price F with Heston-type stochastic variance v (Heston, Rev. Financial Studies 1993),
/// Euler steps with full truncation: F ← F · (1 + μΔt + √(vΔt)·z₁ + J),
/// v ← max(v_min, v + κ(θ − v)Δt + ξ√(vΔt)·z₂), corr(z₁, z₂) = ρ. Parameters: μ = 0.4/yr,
/// θ = 0.3025 (55 % annual volatility), κ = 6/yr, ξ = 0.6, ρ = −0.5 (volatility rises as price falls),
/// v_min = 0.01.</item>
/// <item>Jumps J: with probability λΔt (λ = 8/yr), J ~ N(−0.002, 0.02²).</item>
/// <item>Crash days: round(1.5 · years) (at least one) crashes at random times, each a fall of 15–35 %
/// of F spread over 6 hours, volatility held at ≥ 80 %, then a 30 % retracement over the next 24 hours.
/// During the steepest hour the last price dips a further 3–8 % below F and comes back (a liquidation
/// cascade) while the mark price does not, so last-price lows overshoot mark-price lows as on
/// Binance on 2020-03-12.</item>
/// <item>Last price L = F · (1 + 0.0003·z − wick). Mark price M = EMA(F, α = 0.5 per sub-step) ·
/// (1 + 0.0001·z): close to last, smoother, without the wicks.</item>
/// <item>Volume per sub-step: 8,000/12 base units · (0.5 + u) · (1 + 200·|return|), u uniform.</item>
/// <item>Funding at every multiple of the funding interval (00:00, 08:00, 16:00 UTC for 8 h), by
/// Binance's rule r = P + clamp(I − P, −0.05 %, 0.05 %) with interest I = 0.01 % (Binance,
/// "Introduction to Binance Futures Funding Rates"), capped at ±cap and rounded to 1e−8. The premium
/// P = 0.01·m + 0.00005·z follows momentum m, the fair-price return over the 72 hours before
/// settlement: r sits at 0.01 % in calm markets, rises in rallies and turns negative after sharp
/// falls. The mark price at settlement is the mark close of the last bar before it.</item>
/// </list>
/// <para>Bar open = previous bar's close; high/low are the extremes of the sub-step path; prices are
/// rounded to the tick; volume to 0.001. Randomness comes from <see cref="Xoshiro256StarStar"/> with
/// Irwin–Hall normals, and the arithmetic uses only +, −, ×, ÷, √ and rounding (all exactly specified
/// by IEEE 754), so a seed gives bit-identical data on every platform and .NET version.</para>
/// </remarks>
public static class SyntheticMarketGenerator
{
    private const long SubStepMs = 300_000;
    private const double YearMs = 365.25 * 86_400_000;
    private const double Drift = 0.4;
    private const double LongRunVariance = 0.3025;
    private const double MeanReversion = 6;
    private const double VolatilityOfVariance = 0.6;
    private const double Correlation = -0.5;
    private const double MinimumVariance = 0.01;
    private const double JumpsPerYear = 8;
    private const double JumpMean = -0.002;
    private const double JumpDeviation = 0.02;
    private const double CrashVariance = 0.64;
    private const double LastPriceNoise = 0.0003;
    private const double MarkBasisNoise = 0.0001;
    private const double MarkSmoothing = 0.5;
    private const double BaseVolumePerHour = 8_000;
    private const double InterestRate = 0.0001;

    /// <summary>Generates the market described by <paramref name="options"/>.</summary>
    /// <param name="options">Seed, length, interval, start, symbol, prices and funding settings.</param>
    /// <returns>Bars with mark prices (same length) and funding settlements at the funding interval.</returns>
    /// <exception cref="ArgumentException">An option is out of range (the option is named).</exception>
    public static MarketData Generate(SyntheticMarketOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        long interval = options.IntervalMs;
        int barCount = (int)Math.Round(options.Years * 365 * 86_400_000 / interval);
        long subStepMs = Math.Min(SubStepMs, interval);
        int subSteps = (int)(interval / subStepMs);
        double dt = subStepMs / YearMs;
        double sqrtDt = Math.Sqrt(dt);
        double ticksPerUnit = Math.Round(1 / options.TickSize);
        double subStepsPerHour = 3_600_000.0 / subStepMs;
        var random = new Xoshiro256StarStar(options.Seed);

        var crashes = ScheduleCrashes(random, options.Years, (long)barCount * subSteps, subStepsPerHour);

        var openTime = new long[barCount];
        var open = new double[barCount];
        var high = new double[barCount];
        var low = new double[barCount];
        var close = new double[barCount];
        var volume = new double[barCount];
        var markOpen = new double[barCount];
        var markHigh = new double[barCount];
        var markLow = new double[barCount];
        var markClose = new double[barCount];
        var fairClose = new double[barCount];

        double fair = options.InitialPrice;
        double variance = LongRunVariance;
        double smoothed = fair;
        double lastPoint = Round(fair, ticksPerUnit);
        double markPoint = lastPoint;
        double baseVolume = BaseVolumePerHour / subStepsPerHour;
        double independent = Math.Sqrt(1 - (Correlation * Correlation));
        for (int bar = 0; bar < barCount; bar++)
        {
            openTime[bar] = options.StartMs + (bar * interval);
            double o = lastPoint, h = lastPoint, l = lastPoint;
            double mo = markPoint, mh = markPoint, ml = markPoint;
            double barVolume = 0;
            for (int s = 0; s < subSteps; s++)
            {
                long step = ((long)bar * subSteps) + s;
                double z2 = random.NextNormal();
                double z1 = (Correlation * z2) + (independent * random.NextNormal());
                double sqrtV = Math.Sqrt(variance);
                double change = (Drift * dt) + (sqrtV * sqrtDt * z1);
                if (random.NextDouble() < JumpsPerYear * dt)
                {
                    change += JumpMean + (JumpDeviation * random.NextNormal());
                }

                var (crashDrift, wick, inCrash) = CrashEffect(crashes, step);
                change = Math.Max(change + crashDrift, -0.5);
                fair *= 1 + change;
                variance = Math.Max(MinimumVariance, variance + (MeanReversion * (LongRunVariance - variance) * dt) + (VolatilityOfVariance * sqrtV * sqrtDt * z2));
                if (inCrash)
                {
                    variance = Math.Max(variance, CrashVariance);
                }

                smoothed += MarkSmoothing * (fair - smoothed);
                lastPoint = Round(fair * (1 + (LastPriceNoise * random.NextNormal()) - wick), ticksPerUnit);
                markPoint = Round(smoothed * (1 + (MarkBasisNoise * random.NextNormal())), ticksPerUnit);
                h = Math.Max(h, lastPoint);
                l = Math.Min(l, lastPoint);
                mh = Math.Max(mh, markPoint);
                ml = Math.Min(ml, markPoint);
                barVolume += baseVolume * (0.5 + random.NextDouble()) * (1 + (200 * Math.Abs(change)));
            }

            open[bar] = o;
            high[bar] = h;
            low[bar] = l;
            close[bar] = lastPoint;
            volume[bar] = Math.Round(barVolume * 1000) / 1000;
            markOpen[bar] = mo;
            markHigh[bar] = mh;
            markLow[bar] = ml;
            markClose[bar] = markPoint;
            fairClose[bar] = fair;
        }

        var funding = GenerateFunding(options, random, openTime, fairClose, markClose);
        return new MarketData(options.Symbol, interval, openTime, open, high, low, close, volume, markOpen, markHigh, markLow, markClose, funding);
    }

    private static FundingEvents GenerateFunding(SyntheticMarketOptions options, Xoshiro256StarStar random, long[] openTime, double[] fairClose, double[] markClose)
    {
        long interval = options.IntervalMs;
        long fundingInterval = options.FundingIntervalMs;
        int lookbackBars = (int)Math.Max(1, 72 * 3_600_000 / interval);
        var times = new List<long>();
        var rates = new List<double>();
        var marks = new List<double>();
        if (openTime.Length == 0)
        {
            return FundingEvents.Empty;
        }

        long end = openTime[^1] + interval;
        long first = ((openTime[0] + fundingInterval - 1) / fundingInterval) * fundingInterval;
        for (long t = first; t < end; t += fundingInterval)
        {
            // The last bar completed at or before t.
            int completed = (int)((t - openTime[0]) / interval) - 1;
            if (completed < 0)
            {
                continue;
            }

            int back = Math.Max(0, completed - lookbackBars);
            double momentum = (fairClose[completed] / fairClose[back]) - 1;
            double premium = (0.01 * momentum) + (0.00005 * random.NextNormal());
            double rate = premium + Math.Clamp(InterestRate - premium, -0.0005, 0.0005);
            rate = Math.Clamp(rate, -options.FundingRateCap, options.FundingRateCap);
            times.Add(t);
            rates.Add(Math.Round(rate * 1e8) / 1e8);
            marks.Add(markClose[completed]);
        }

        return new FundingEvents(times.ToArray(), rates.ToArray(), marks.ToArray());
    }

    private readonly record struct Crash(long Start, long FallSteps, long ReboundSteps, double FallPerStep, double ReboundPerStep, long WickStart, long WickSteps, double WickDepth);

    private static Crash[] ScheduleCrashes(Xoshiro256StarStar random, double years, long totalSteps, double subStepsPerHour)
    {
        int count = Math.Max(1, (int)Math.Round(1.5 * years));
        var crashes = new Crash[count];
        long fallSteps = Math.Max(1, (long)(6 * subStepsPerHour));
        long reboundSteps = Math.Max(1, (long)(24 * subStepsPerHour));
        long wickSteps = Math.Max(1, (long)subStepsPerHour);
        for (int i = 0; i < count; i++)
        {
            // Spread the crashes over the span: crash i falls in the i-th of count equal slices (10 %–90 % of it).
            double slice = (double)totalSteps / count;
            long start = (long)((i * slice) + (slice * (0.1 + (0.8 * random.NextDouble()))));
            double fall = 0.15 + (0.20 * random.NextDouble());
            double wick = 0.03 + (0.05 * random.NextDouble());

            // A fall of `fall` compounded over fallSteps: (1 − d)^n = 1 − fall, solved by bisection to avoid Math.Pow.
            double perStep = SolvePerStep(1 - fall, fallSteps);
            double rebound = SolvePerStep(1 + (0.3 * fall / (1 - fall)), reboundSteps);
            crashes[i] = new Crash(start, fallSteps, reboundSteps, -perStep, -rebound, start + (fallSteps / 3), wickSteps, wick);
        }

        return crashes;
    }

    /// <summary>The d with (1 − d)^n = target (bisection on d; exact IEEE arithmetic, no Math.Pow).</summary>
    private static double SolvePerStep(double target, long steps)
    {
        double lo = -1, hi = 1;
        for (int iteration = 0; iteration < 200; iteration++)
        {
            double mid = (lo + hi) / 2;
            double value = 1;
            for (long k = 0; k < steps; k++)
            {
                value *= 1 - mid;
            }

            if (value > target)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return (lo + hi) / 2;
    }

    private static (double Drift, double Wick, bool InCrash) CrashEffect(Crash[] crashes, long step)
    {
        foreach (var crash in crashes)
        {
            long offset = step - crash.Start;
            if (offset < 0 || offset >= crash.FallSteps + crash.ReboundSteps)
            {
                continue;
            }

            bool falling = offset < crash.FallSteps;
            double wick = 0;
            long intoWick = step - crash.WickStart;
            if (intoWick >= 0 && intoWick < crash.WickSteps)
            {
                // V shape: deepest in the middle of the wick hour.
                double half = crash.WickSteps / 2.0;
                double distance = Math.Abs(intoWick + 0.5 - half) / half;
                wick = crash.WickDepth * (1 - distance);
            }

            return (falling ? crash.FallPerStep : crash.ReboundPerStep, wick, falling);
        }

        return (0, 0, false);
    }

    private static double Round(double price, double ticksPerUnit) => Math.Max(1 / ticksPerUnit, Math.Round(price * ticksPerUnit) / ticksPerUnit);

    private static void Validate(SyntheticMarketOptions options)
    {
        if (!(options.Years > 0) || options.Years > 100)
        {
            throw new ArgumentException($"Years must be in (0, 100], got {options.Years}.", nameof(options));
        }

        if (options.IntervalMs <= 0 || (86_400_000 % options.IntervalMs != 0) || (options.IntervalMs > SubStepMs && options.IntervalMs % SubStepMs != 0))
        {
            throw new ArgumentException($"Interval {options.IntervalMs} ms must divide one day (1m, 5m, 15m, 1h, 4h, 1d, …).", nameof(options));
        }

        if (options.StartMs % options.IntervalMs != 0)
        {
            throw new ArgumentException("StartMs must be a multiple of the interval (bars aligned to UTC).", nameof(options));
        }

        if (!(options.InitialPrice > 0) || !double.IsFinite(options.InitialPrice))
        {
            throw new ArgumentException($"InitialPrice must be a positive number, got {options.InitialPrice}.", nameof(options));
        }

        double ticks = 1 / options.TickSize;
        if (!(options.TickSize > 0) || Math.Abs(ticks - Math.Round(ticks)) > 1e-9)
        {
            throw new ArgumentException($"TickSize must be 1/n for a whole n (0.1, 0.01, 1, …), got {options.TickSize}.", nameof(options));
        }

        if (options.FundingIntervalMs <= 0 || !(options.FundingRateCap > 0 && options.FundingRateCap < 1))
        {
            throw new ArgumentException("FundingIntervalMs must be positive and FundingRateCap in (0, 1).", nameof(options));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(options.Symbol, nameof(options));
    }
}
