namespace LevBacktest.Core.Data.Synthetic;

/// <summary>Settings of <see cref="SyntheticMarketGenerator"/>; the defaults produce the bundled <c>data/sample</c>.</summary>
public sealed record SyntheticMarketOptions
{
    /// <summary>Seed of the pseudo-random generator; the same seed gives the same market, bit for bit.</summary>
    public ulong Seed { get; init; } = 7;

    /// <summary>Length of the market in years of 365 days (rounded to whole bars); must be positive.</summary>
    public double Years { get; init; } = 2;

    /// <summary>Bar interval in milliseconds; must divide a day or be one day (default 1 h).</summary>
    public long IntervalMs { get; init; } = 3_600_000;

    /// <summary>Open time of the first bar, UTC epoch milliseconds (default 2023-01-01T00:00:00Z); must be a multiple of the interval.</summary>
    public long StartMs { get; init; } = 1_672_531_200_000;

    /// <summary>Symbol of the generated data.</summary>
    public string Symbol { get; init; } = "SYNBTCUSDT";

    /// <summary>Last price at the start, USDT.</summary>
    public double InitialPrice { get; init; } = 20_000;

    /// <summary>Price tick in USDT; must be 1/n for a whole n (default 0.1). Prices are rounded to it.</summary>
    public double TickSize { get; init; } = 0.1;

    /// <summary>Funding interval in milliseconds (default 8 h); settlements at multiples of it since the epoch (00:00, 08:00, 16:00 UTC).</summary>
    public long FundingIntervalMs { get; init; } = 28_800_000;

    /// <summary>Largest absolute funding rate per interval (fraction, default 0.003 = 0.3 %).</summary>
    public double FundingRateCap { get; init; } = 0.003;
}
