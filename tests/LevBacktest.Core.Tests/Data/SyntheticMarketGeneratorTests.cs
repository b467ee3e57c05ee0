using System.Runtime.InteropServices;
using System.Security.Cryptography;

using LevBacktest.Core.Data;
using LevBacktest.Core.Data.Synthetic;

namespace LevBacktest.Core.Tests.Data;

public sealed class SyntheticMarketGeneratorTests
{
    private static readonly Lazy<MarketData> Sample = new(() => SyntheticMarketGenerator.Generate(new SyntheticMarketOptions()));

    [Fact]
    public void SplitMix64_matches_the_reference_sequence_from_seed_zero()
    {
        // First outputs of SplitMix64 from state 0 (Steele, Lea and Flood 2014; reference C code at prng.di.unimi.it/splitmix64.c).
        ulong state = 0;
        Assert.Equal(0xE220A8397B1DCDAFUL, Xoshiro256StarStar.SplitMix64(ref state));
        Assert.Equal(0x6E789E6AA1B965F4UL, Xoshiro256StarStar.SplitMix64(ref state));
        Assert.Equal(0x06C45D188009454FUL, Xoshiro256StarStar.SplitMix64(ref state));
    }

    [Fact]
    public void Normals_have_mean_zero_and_unit_variance()
    {
        var random = new Xoshiro256StarStar(42);
        const int n = 200_000;
        double sum = 0, squares = 0;
        for (int i = 0; i < n; i++)
        {
            double z = random.NextNormal();
            sum += z;
            squares += z * z;
        }

        double mean = sum / n;
        Assert.InRange(mean, -0.01, 0.01); // 4.5 standard errors
        Assert.InRange((squares / n) - (mean * mean), 0.985, 1.015);
    }

    [Fact]
    public void Same_seed_gives_identical_values_and_another_seed_does_not()
    {
        var options = new SyntheticMarketOptions { Seed = 11, Years = 0.25 };
        string first = ValueHash(SyntheticMarketGenerator.Generate(options));
        string second = ValueHash(SyntheticMarketGenerator.Generate(options));
        string other = ValueHash(SyntheticMarketGenerator.Generate(options with { Seed = 12 }));
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Writing_the_same_market_twice_gives_byte_identical_files()
    {
        using var dir = new TempDirectory();
        var data = SyntheticMarketGenerator.Generate(new SyntheticMarketOptions { Years = 0.1 });
        var a = MarketDataFileWriter.WriteDirectory(data, Path.Combine(dir.Path, "a"));
        var b = MarketDataFileWriter.WriteDirectory(data, Path.Combine(dir.Path, "b"));
        Assert.Equal(3, a.Count);
        for (int i = 0; i < a.Count; i++)
        {
            Assert.Equal(File.ReadAllBytes(a[i]), File.ReadAllBytes(b[i]));
        }
    }

    [Fact]
    public void The_committed_sample_is_what_the_documented_command_generates()
    {
        // data/README.md: levbt data synth --out data/sample --seed 7 --years 2 --interval 1h
        string folder = Path.Combine(SharedData.RepositoryRoot, "data", "sample");
        var loaded = MarketDataLoader.Load(new MarketDataRequest
        {
            PricesPath = Path.Combine(folder, "prices.parquet"),
            MarkPath = Path.Combine(folder, "mark.parquet"),
            FundingPath = Path.Combine(folder, "funding.parquet"),
            MarkPriceFallback = MissingMarkPolicy.Fail,
        });
        Assert.Equal(ValueHash(Sample.Value), ValueHash(loaded.Data));
        Assert.Equal("SYNBTCUSDT", loaded.Data.Symbol);
        long total = loaded.Files.Sum(f => new FileInfo(f.Path).Length);
        Assert.True(total <= 3_000_000, $"data/sample is {total} bytes");
    }

    [Fact]
    public void The_second_sample_instrument_is_what_its_documented_command_generates()
    {
        // data/README.md: levbt data synth --out data/sample-alt --seed 11 --years 2 --interval 1h --symbol SYNALTUSDT
        string folder = Path.Combine(SharedData.RepositoryRoot, "data", "sample-alt");
        var loaded = MarketDataLoader.Load(new MarketDataRequest
        {
            PricesPath = Path.Combine(folder, "prices.parquet"),
            MarkPath = Path.Combine(folder, "mark.parquet"),
            FundingPath = Path.Combine(folder, "funding.parquet"),
            MarkPriceFallback = MissingMarkPolicy.Fail,
        });
        var generated = SyntheticMarketGenerator.Generate(new SyntheticMarketOptions { Seed = 11, Symbol = "SYNALTUSDT" });
        Assert.Equal(ValueHash(generated), ValueHash(loaded.Data));
        Assert.Equal("SYNALTUSDT", loaded.Data.Symbol);
        Assert.NotEqual(ValueHash(Sample.Value), ValueHash(loaded.Data));
    }

    [Fact]
    public void Sample_has_two_years_of_valid_hourly_bars_on_the_tick_grid()
    {
        var data = Sample.Value;
        Assert.Equal(2 * 365 * 24, data.Count);
        Assert.Equal(3_600_000, data.BarIntervalMs);
        Assert.Equal(SharedData.Utc(2023, 1, 1), data.OpenTimeMs.Span[0]);
        for (int i = 0; i < data.Count; i++)
        {
            double o = data.Open.Span[i], h = data.High.Span[i], l = data.Low.Span[i], c = data.Close.Span[i];
            Assert.True(l > 0 && l <= Math.Min(o, c) && h >= Math.Max(o, c), $"bar {i}");
            Assert.True(data.MarkLow.Span[i] <= Math.Min(data.MarkOpen.Span[i], data.MarkClose.Span[i]) && data.MarkHigh.Span[i] >= Math.Max(data.MarkOpen.Span[i], data.MarkClose.Span[i]), $"mark bar {i}");
            Assert.Equal(Math.Round(c * 10), c * 10, 6);
            Assert.Equal(Math.Round(data.MarkClose.Span[i] * 10), data.MarkClose.Span[i] * 10, 6);
            Assert.True(data.Volume.Span[i] > 0);
            if (i > 0)
            {
                Assert.Equal(data.Close.Span[i - 1], o);
            }
        }
    }

    [Fact]
    public void Mark_tracks_last_price_but_last_price_lows_overshoot_in_crashes()
    {
        var data = Sample.Value;
        var ratio = new double[data.Count];
        double worstLowRatio = 1;
        for (int i = 0; i < data.Count; i++)
        {
            ratio[i] = Math.Abs((data.MarkClose.Span[i] / data.Close.Span[i]) - 1);
            worstLowRatio = Math.Min(worstLowRatio, data.Low.Span[i] / data.MarkLow.Span[i]);
        }

        Array.Sort(ratio);
        Assert.True(ratio[ratio.Length / 2] < 0.001, $"median |mark/last − 1| = {ratio[ratio.Length / 2]}");
        Assert.True(worstLowRatio < 0.97, $"deepest last-price low is only {1 - worstLowRatio:P1} below the mark low");

        // At least one crash day: daily low more than 15 % below the day's open.
        var daily = MarketDataResampler.Resample(data, 86_400_000);
        int crashDays = 0;
        for (int d = 0; d < daily.Count; d++)
        {
            if (daily.Low.Span[d] < 0.85 * daily.Open.Span[d])
            {
                crashDays++;
            }
        }

        Assert.InRange(crashDays, 1, 10);
    }

    [Fact]
    public void Funding_settles_every_8h_at_00_08_16_utc_follows_momentum_and_stays_capped()
    {
        var data = Sample.Value;
        var funding = data.Funding;
        Assert.Equal((2 * 365 * 3) - 1, funding.Count); // the first settlement (00:00 of day one) has no completed bar before it
        int negative = 0, atInterest = 0;
        for (int i = 0; i < funding.Count; i++)
        {
            long time = funding.TimeMs.Span[i];
            Assert.Equal(0, time % 28_800_000);
            double rate = funding.Rate.Span[i];
            Assert.InRange(rate, -0.003, 0.003);
            Assert.Equal(Math.Round(rate * 1e8), rate * 1e8, 6);
            negative += rate < 0 ? 1 : 0;
            atInterest += rate == 0.0001 ? 1 : 0;
            Assert.True(funding.MarkPrice.Span[i] > 0);
        }

        Assert.InRange(negative, funding.Count / 20, funding.Count / 2);
        Assert.True(atInterest > funding.Count / 4, $"{atInterest} settlements at the 0.01 % interest rate");

        // Momentum: mean rate after the 10 % strongest 72 h rallies exceeds the mean after the 10 % weakest.
        var momentum = new List<(double Momentum, double Rate)>();
        var bars = data.FundingBarIndex.Span;
        for (int i = 0; i < funding.Count; i++)
        {
            int bar = bars[i];
            if (bar >= 73)
            {
                momentum.Add(((data.Close.Span[bar - 1] / data.Close.Span[bar - 73]) - 1, funding.Rate.Span[i]));
            }
        }

        var ordered = momentum.OrderBy(m => m.Momentum).ToArray();
        int tenth = ordered.Length / 10;
        double weakest = ordered.Take(tenth).Average(m => m.Rate);
        double strongest = ordered.TakeLast(tenth).Average(m => m.Rate);
        Assert.True(strongest > 0.0001 && weakest < 0.0001 && strongest > weakest, $"weak {weakest}, strong {strongest}");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    public void Bad_options_are_rejected(double years)
    {
        Assert.Throws<ArgumentException>(() => SyntheticMarketGenerator.Generate(new SyntheticMarketOptions { Years = years }));
        Assert.Throws<ArgumentException>(() => SyntheticMarketGenerator.Generate(new SyntheticMarketOptions { IntervalMs = 7 * 60_000 }));
        Assert.Throws<ArgumentException>(() => SyntheticMarketGenerator.Generate(new SyntheticMarketOptions { TickSize = 0.3 }));
    }

    /// <summary>SHA-256 over every column's bytes (times, prices, volume, mark, funding).</summary>
    internal static string ValueHash(MarketData data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(data.Symbol));
        hash.AppendData(MemoryMarshal.AsBytes(data.OpenTimeMs.Span));
        foreach (var column in new[] { data.Open, data.High, data.Low, data.Close, data.Volume, data.MarkOpen, data.MarkHigh, data.MarkLow, data.MarkClose, data.Funding.Rate, data.Funding.MarkPrice })
        {
            hash.AppendData(MemoryMarshal.AsBytes(column.Span));
        }

        hash.AppendData(MemoryMarshal.AsBytes(data.Funding.TimeMs.Span));
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
