using LevBacktest.Core.Data;
using LevBacktest.Core.Margin;
using LevBacktest.Core.Portfolio;
using LevBacktest.Core.Simulation;
using LevBacktest.Core.Tests.Data;
using LevBacktest.Core.Tests.Simulation;

using Xunit.Abstractions;

namespace LevBacktest.Core.Tests.Portfolio;

/// <summary>
/// Binance BTCUSDT + ETHUSDT, March 2020 (the 12–13 March crash), an equal-weight long of both from the 2020-03-01
/// 01:00 open at target gross leverage 1x–20x: one cross account against the same two positions isolated
/// (half the capital each), on the real mark prices, funding and tiers.
/// </summary>
public sealed class RealDataCascadeTests(ITestOutputHelper output)
{
    private static readonly long MarchFirst = DateTimeOffset.Parse("2020-03-01T00:00:00Z").ToUnixTimeMilliseconds();
    private static readonly long AprilFirst = DateTimeOffset.Parse("2020-04-01T00:00:00Z").ToUnixTimeMilliseconds();

    private static MarketData Load(string symbol) => MarketDataLoader.Load(new MarketDataRequest
    {
        PricesPath = SharedData.BinanceUm($"{symbol}-1h.parquet"),
        MarkPath = SharedData.BinanceUm($"{symbol}-1h-mark.parquet"),
        FundingPath = SharedData.BinanceUm($"{symbol}-funding.parquet"),
        FromMs = MarchFirst,
        ToMs = AprilFirst,
    }).Data;

    [SharedDataFact]
    public void Cross_margin_takes_the_btc_leg_down_with_the_eth_leg_between_the_times_each_isolated_leg_would_go()
    {
        var btc = Load("BTCUSDT");
        var eth = Load("ETHUSDT");
        var btcTiers = LeverageBracketSchedule.LoadJson(EngineTestPaths.Tiers("binance-BTCUSDT.json"));
        var ethTiers = LeverageBracketSchedule.LoadJson(EngineTestPaths.Tiers("binance-ETHUSDT.json"));
        PortfolioInstrument[] legs = [new(btc, btcTiers, +1, 1), new(eth, ethTiers, +1, 1)];

        int cascades = 0;
        output.WriteLine("L     cross (both legs)   isolated BTC leg    isolated ETH leg");
        double[] grid = [.. Enumerable.Range(0, 21).Select(k => 1 + (k * 0.05)), .. Enumerable.Range(3, 18).Select(k => (double)k)];
        foreach (double leverage in grid)
        {
            var settings = new PortfolioSettings { InitialCapital = 10_000, Leverage = leverage, TakerFeeRate = 0.0004 };
            var cross = PortfolioBacktester.Run(legs, settings with { MarginMode = MarginMode.Cross });
            var isolated = PortfolioBacktester.Run(legs, settings with { MarginMode = MarginMode.Isolated });
            long? crossAt = cross.FirstLiquidationTimeMs;
            long? btcAt = FirstOf(isolated, 0), ethAt = FirstOf(isolated, 1);
            output.WriteLine($"{leverage,4:0.##}  {Show(crossAt),-18}  {Show(btcAt),-18}  {Show(ethAt),-18}");
            if (crossAt is not null)
            {
                Assert.Equal(2, cross.Liquidations.Count); // a cross liquidation takes both legs at once
                Assert.Equal(0, cross.Equity[^1]);
                Assert.Equal(1, cross.Metrics.LiquidationCount);
            }

            // What the data shows: ETH fell first and furthest. Wherever the cross account is liquidated, an isolated
            // ETH leg at the same leverage is liquidated too, no later; the cross account goes no later than the
            // isolated BTC leg would, and often earlier: the BTC leg is taken down with ETH's loss (the cascade).
            if (crossAt is { } c)
            {
                Assert.True(ethAt is { } e && e <= c, $"{leverage}x: ETH isolated {Show(ethAt)} after cross {Show(crossAt)}");
                Assert.True(btcAt is null || c <= btcAt, $"{leverage}x: cross {Show(crossAt)} after BTC isolated {Show(btcAt)}");
                cascades += btcAt is null || c < btcAt ? 1 : 0;
            }
        }

        output.WriteLine($"runs where cross took the BTC leg down before it would have gone alone: {cascades}");
        Assert.True(cascades > 0);
    }

    private static long? FirstOf(PortfolioResult result, int instrument)
    {
        foreach (var liquidation in result.Liquidations)
        {
            if (liquidation.Instrument == instrument)
            {
                return liquidation.TimeMs;
            }
        }

        return null;
    }

    private static string Show(long? timeMs) => timeMs is { } t ? DateTimeOffset.FromUnixTimeMilliseconds(t).ToString("MM-dd HH:mm'Z'") : "survives";
}
