using LevBacktest.Core.Data;

namespace LevBacktest.Core.MonteCarlo;

/// <summary>
/// Geometric Brownian motion dP = μ P dt + σ P dW in bars: the log return of a bar is normal with mean
/// ν Δt (ν = μ − σ²/2) and variance σ² Δt; open = previous close (no gaps); the mark price is the last price
/// (no basis); funding is a constant rate every funding interval, or none.
/// </summary>
/// <remarks>
/// High and low are drawn from the exact conditional law of a Brownian bridge's extremes given the bar's endpoints
/// (the drift drops out once the endpoints are fixed). With x the bar's log return and s² = σ² Δt,
/// P(max ≥ m | x) = exp(−2 m (m − x) / s²) for m ≥ max(0, x), which inverts to max = (x + √(x² − 2 s² ln U)) / 2, and the
/// minimum likewise, min = (x − √(x² − 2 s² ln V)) / 2 (reflection principle; e.g. Glasserman, "Monte Carlo Methods in
/// Financial Engineering", 2003, §6.4). Each extreme has its exact law; U and V are independent, so the pair is not
/// drawn jointly — the engine's adverse-extreme-first rule meets a long's liquidation on the low before the high matters.
/// With <see cref="CloseOnly"/> the high and low are the open/close range, i.e. the path is monitored at bar ends only
/// (the discrete-monitoring case of Broadie, Glasserman and Kou, Mathematical Finance 7(4), 1997).
/// Time: a year is 365 days (as the engine's annualisation).
/// </remarks>
public sealed class GeometricBrownianMotion : IPathGenerator
{
    /// <summary>Milliseconds in the 365-day year that drift and volatility are quoted per.</summary>
    public const double MillisecondsPerYear = 365.0 * 86_400_000;

    private readonly double _logDriftPerBar;
    private readonly double _sigmaPerBar;
    private readonly double _variancePerBar;

    /// <summary>Creates the generator.</summary>
    /// <param name="symbol">Symbol written into the paths.</param>
    /// <param name="startPrice">Price at the first open (USDT), positive.</param>
    /// <param name="startTimeMs">Open time of the first bar, UTC epoch ms.</param>
    /// <param name="barIntervalMs">Bar length in ms, positive.</param>
    /// <param name="barCount">Bars per path, at least 2.</param>
    /// <param name="drift">μ, the arithmetic drift per year as a fraction (0.1 = 10 %/yr).</param>
    /// <param name="volatility">σ per √year as a fraction, ≥ 0.</param>
    /// <param name="fundingRate">Funding rate per settlement (fraction; positive: longs pay); 0 for no funding events.</param>
    /// <param name="fundingIntervalMs">Time between settlements (ms, positive; e.g. 28,800,000 for 8 h), counted from the first open.</param>
    /// <param name="closeOnly">Set high and low to the open/close range (bar-end monitoring only).</param>
    /// <exception cref="ArgumentException">A value is out of range or not finite.</exception>
    public GeometricBrownianMotion(
        string symbol,
        double startPrice,
        long startTimeMs,
        long barIntervalMs,
        int barCount,
        double drift,
        double volatility,
        double fundingRate = 0,
        long fundingIntervalMs = 8 * 3_600_000,
        bool closeOnly = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        if (!(startPrice > 0) || double.IsInfinity(startPrice))
        {
            throw new ArgumentOutOfRangeException(nameof(startPrice), startPrice, "The start price must be positive and finite.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(barIntervalMs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(barCount, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(fundingIntervalMs, 1);
        if (!double.IsFinite(drift) || !(volatility >= 0) || double.IsInfinity(volatility) || !double.IsFinite(fundingRate) || Math.Abs(fundingRate) >= 1)
        {
            throw new ArgumentException("Drift and volatility must be finite (volatility ≥ 0) and |funding rate| < 1.");
        }

        Symbol = symbol;
        StartPrice = startPrice;
        StartTimeMs = startTimeMs;
        BarIntervalMs = barIntervalMs;
        BarCount = barCount;
        Drift = drift;
        Volatility = volatility;
        FundingRate = fundingRate;
        FundingIntervalMs = fundingIntervalMs;
        CloseOnly = closeOnly;
        double dt = barIntervalMs / MillisecondsPerYear;
        _logDriftPerBar = (drift - (0.5 * volatility * volatility)) * dt;
        _sigmaPerBar = volatility * Math.Sqrt(dt);
        _variancePerBar = _sigmaPerBar * _sigmaPerBar;
    }

    /// <summary>Symbol written into the paths.</summary>
    public string Symbol { get; }

    /// <summary>Price at the first open (USDT).</summary>
    public double StartPrice { get; }

    /// <summary>Open time of the first bar, UTC epoch ms.</summary>
    public long StartTimeMs { get; }

    /// <inheritdoc/>
    public long BarIntervalMs { get; }

    /// <inheritdoc/>
    public int BarCount { get; }

    /// <summary>μ per year (fraction).</summary>
    public double Drift { get; }

    /// <summary>σ per √year (fraction).</summary>
    public double Volatility { get; }

    /// <summary>Funding rate per settlement (fraction); 0: no funding events.</summary>
    public double FundingRate { get; }

    /// <summary>Time between settlements, ms.</summary>
    public long FundingIntervalMs { get; }

    /// <summary>Whether high and low are the open/close range (bar-end monitoring).</summary>
    public bool CloseOnly { get; }

    /// <inheritdoc/>
    public string Description => FormattableString.Invariant(
        $"geometric Brownian motion, drift {Drift:0.####}/yr, volatility {Volatility:0.####}/√yr, {(CloseOnly ? "close-only monitoring" : "Brownian-bridge high/low")}, funding {(FundingRate == 0 ? "none" : $"{FundingRate:0.######} every {FundingIntervalMs / 3_600_000.0:0.##} h")}");

    /// <inheritdoc/>
    public MarketData Generate(PathRandom random, PathBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(buffer);
        if (buffer.BarCount != BarCount)
        {
            throw new ArgumentException($"The buffer holds {buffer.BarCount} bars, the generator makes {BarCount}.", nameof(buffer));
        }

        double previousClose = StartPrice;
        for (int j = 0; j < BarCount; j++)
        {
            double x = _logDriftPerBar + (_sigmaPerBar * random.NextNormal());
            double open = previousClose;
            double close = open * Math.Exp(x);
            double high, low;
            if (CloseOnly)
            {
                high = Math.Max(open, close);
                low = Math.Min(open, close);
            }
            else
            {
                double maxLog = 0.5 * (x + Math.Sqrt((x * x) - (2 * _variancePerBar * Math.Log(random.NextDoubleNonZero()))));
                double minLog = 0.5 * (x - Math.Sqrt((x * x) - (2 * _variancePerBar * Math.Log(random.NextDoubleNonZero()))));
                high = Math.Max(open * Math.Exp(maxLog), Math.Max(open, close));
                low = Math.Min(open * Math.Exp(minLog), Math.Min(open, close));
            }

            buffer.OpenTimeMs[j] = StartTimeMs + (j * BarIntervalMs);
            buffer.Open[j] = open;
            buffer.High[j] = high;
            buffer.Low[j] = low;
            buffer.Close[j] = previousClose = close;
            buffer.Volume[j] = 0;
        }

        int events = 0;
        if (FundingRate != 0)
        {
            long end = StartTimeMs + (BarCount * BarIntervalMs);
            for (long time = StartTimeMs + FundingIntervalMs; time < end; time += FundingIntervalMs)
            {
                buffer.EnsureFundingCapacity(events + 1, events);
                buffer.FundingTimeMs[events] = time;
                buffer.FundingRate[events] = FundingRate;
                buffer.FundingMarkPrice[events] = double.NaN;
                events++;
            }
        }

        return buffer.ToMarketData(Symbol, BarIntervalMs, markPrice: false, markIsLastPrice: true, events, fundingMarkPrice: false);
    }
}
