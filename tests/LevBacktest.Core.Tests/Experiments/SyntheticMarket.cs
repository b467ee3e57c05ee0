using LevBacktest.Core.Data;

namespace LevBacktest.Core.Tests.Experiments;

/// <summary>A deterministic hourly random walk with a mark series and 8-hourly funding, for runner tests.</summary>
internal static class SyntheticMarket
{
    public const long Start = 1_577_836_800_000; // 2020-01-01T00:00:00Z
    public const long Hour = 3_600_000;

    public static MarketData Create(int bars = 3000, int seed = 7)
    {
        var random = new Random(seed);
        var time = new long[bars];
        var open = new double[bars];
        var high = new double[bars];
        var low = new double[bars];
        var close = new double[bars];
        var volume = new double[bars];
        var markOpen = new double[bars];
        var markHigh = new double[bars];
        var markLow = new double[bars];
        var markClose = new double[bars];
        double price = 10_000;
        for (int i = 0; i < bars; i++)
        {
            time[i] = Start + (i * Hour);
            open[i] = price;
            double next = price * Math.Exp(0.012 * NextGaussian(random));
            close[i] = next;
            high[i] = Math.Max(price, next) * (1 + (0.004 * random.NextDouble()));
            low[i] = Math.Min(price, next) * (1 - (0.004 * random.NextDouble()));
            volume[i] = 100;
            markOpen[i] = open[i];
            markHigh[i] = high[i] * 0.9995 + (0.0005 * Math.Max(open[i], close[i]));
            markLow[i] = low[i] * 0.9995 + (0.0005 * Math.Min(open[i], close[i]));
            markClose[i] = close[i];
            price = next;
        }

        int events = bars / 8;
        var fundingTime = new long[events];
        var rate = new double[events];
        for (int k = 0; k < events; k++)
        {
            fundingTime[k] = Start + ((k + 1) * 8 * Hour);
            rate[k] = 0.0001 + (0.0002 * (random.NextDouble() - 0.3));
        }

        return new MarketData("BTCUSDT", Hour, time, open, high, low, close, volume, markOpen, markHigh, markLow, markClose,
            new FundingEvents(fundingTime, rate, ReadOnlyMemory<double>.Empty));
    }

    private static double NextGaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
