using LevBacktest.Core.Data;
using LevBacktest.Core.Margin;
using LevBacktest.Core.Simulation;
using LevBacktest.Strategies.Signals;
using LevBacktest.Strategies.Sizing;
using LevBacktest.Strategies.StopLoss;

namespace LevBacktest.Bench;

/// <summary>
/// The engine benchmarks' standard workload: an hourly random walk with a mark price and funding every 8 bars,
/// run as a long at fixed leverage with a fixed 3 % stop (re-entering at the next open after each stop), isolated
/// margin with half the equity allocated,
/// Binance-like BTCUSDT brackets, taker fee and slippage.
/// </summary>
internal static class EngineWorkload
{
    public const long Hour = 3_600_000;

    /// <summary>Random-walk market data of <paramref name="bars"/> hourly bars (deterministic for a seed).</summary>
    public static MarketData Market(int bars, int seed)
    {
        var random = new Random(seed);
        var time = new long[bars];
        double[] open = new double[bars], high = new double[bars], low = new double[bars], close = new double[bars], volume = new double[bars];
        double[] markOpen = new double[bars], markHigh = new double[bars], markLow = new double[bars], markClose = new double[bars];
        double price = 30_000;
        for (int i = 0; i < bars; i++)
        {
            time[i] = 1_577_836_800_000L + (i * Hour);
            double next = price * Math.Exp(0.01 * ((2 * random.NextDouble()) - 1)); // no drift in log price
            open[i] = price;
            close[i] = next;
            high[i] = Math.Max(price, next) * (1 + (0.003 * random.NextDouble()));
            low[i] = Math.Min(price, next) * (1 - (0.003 * random.NextDouble()));
            volume[i] = 1;
            double basis = 1 + (0.0005 * ((2 * random.NextDouble()) - 1));
            markOpen[i] = open[i] * basis;
            markClose[i] = close[i] * basis;
            markHigh[i] = Math.Max(high[i] * basis, Math.Max(markOpen[i], markClose[i]));
            markLow[i] = Math.Min(low[i] * basis, Math.Min(markOpen[i], markClose[i]));
            price = next;
        }

        int events = bars / 8;
        var fundingTime = new long[events];
        var fundingRate = new double[events];
        for (int k = 0; k < events; k++)
        {
            fundingTime[k] = time[k * 8] + random.Next(0, 4); // a few ms of jitter
            fundingRate[k] = 0.0003 * ((2 * random.NextDouble()) - 1); // zero mean, ±0.03 % per 8 h
        }

        return new MarketData("BENCHUSDT", Hour, time, open, high, low, close, volume, markOpen, markHigh, markLow, markClose,
            new FundingEvents(fundingTime, fundingRate, ReadOnlyMemory<double>.Empty));
    }

    /// <summary>Settings of the workload at <paramref name="leverage"/>.</summary>
    public static SimulationSettings Settings(double leverage) => new()
    {
        InitialCapital = 10_000,
        Leverage = leverage,
        MarginMode = MarginMode.Isolated,
        IsolatedAllocation = 0.5,
        Brackets = EngineWorkload.Brackets,
        TakerFeeRate = 0.0004,
        Slippage = SlippageModel.Fixed(2),
    };

    /// <summary>One run of the workload, with the built-in strategies a user would name in a spec.</summary>
    public static RunResult Run(MarketData data, double leverage) =>
        Backtester.Run(data, Settings(leverage), new BuyAndHoldSignal(1), new FixedLeverageSizing(), new FixedPercentStopLoss(0.03));

    /// <summary>The first four of Binance's BTCUSDT brackets, in force from the epoch.</summary>
    public static readonly LeverageBracketSchedule Brackets = new("BENCHUSDT", "BTCUSDT first four Binance brackets",
    [
        new LeverageBracketTable(0, [
            new LeverageBracket(0, 50_000, 125, 0.004, 0),
            new LeverageBracket(50_000, 250_000, 100, 0.005, 50),
            new LeverageBracket(250_000, 3_000_000, 50, 0.01, 1_300),
            new LeverageBracket(3_000_000, double.PositiveInfinity, 20, 0.025, 46_300)]),
    ]);
}
