using LevBacktest.Core.Data;
using LevBacktest.Core.Instruments;
using LevBacktest.Core.Margin;
using LevBacktest.Core.Simulation;
using LevBacktest.Core.Strategies;
using LevBacktest.Core.Tests.Experiments;
using LevBacktest.Strategies.Signals;
using LevBacktest.Strategies.Sizing;
using LevBacktest.Strategies.StopLoss;

namespace LevBacktest.Core.Tests.Simulation;

/// <summary>
/// A signal that gives its sides as an array (<see cref="ISignal.DesiredSides"/>) lets the engine run a held position's
/// uneventful bars in a call-free inner loop. That loop must give exactly what the general bar loop gives: every run
/// below is made twice, once with the signal as it is and once behind a wrapper that only answers bar by bar (the
/// general loop throughout), and the two results must agree bit for bit — curve, events and metrics — over long and
/// short, isolated and cross, tiered brackets whose bracket the position crosses, stops on last or mark price, take
/// profit, liquidations, funding and inverse contracts.
/// </summary>
public sealed class QuietBarsEquivalenceTests
{
    private static readonly MarketData Market = SyntheticMarket.Create(bars: 4000, seed: 11);
    private static readonly LeverageBracketSchedule Tiered = LeverageBracketSchedule.LoadJson(EngineTestPaths.Tiers("binance-BTCUSDT.json"));
    private static readonly LeverageBracketSchedule InverseTiers = LeverageBracketSchedule.LoadJson(EngineTestPaths.Tiers("binance-BTCUSD_PERP.json"));

    /// <summary>Hides <see cref="ISignal.DesiredSides"/>, counting the bar-by-bar questions.</summary>
    private sealed class AskedBarByBar(ISignal inner) : ISignal
    {
        public int Questions { get; private set; }

        public void Prepare(MarketData data) => inner.Prepare(data);

        public int DesiredSide(int barIndex)
        {
            Questions++;
            return inner.DesiredSide(barIndex);
        }
    }

    public static TheoryData<string, double, string, string> Cases()
    {
        var cases = new TheoryData<string, double, string, string>();
        foreach (string signal in new[] { "long", "short", "ma-cross" })
        {
            foreach (double leverage in new[] { 1.0, 7, 40, 110 })
            {
                foreach (string margin in new[] { "isolated", "cross" })
                {
                    foreach (string stop in new[] { "none", "fixed-1%", "fixed-5%-mark", "fixed-3%-take-profit-4%" })
                    {
                        cases.Add(signal, leverage, margin, stop);
                    }
                }
            }
        }

        return cases;
    }

    private static ISignal Signal(string name) => name switch
    {
        "long" => new BuyAndHoldSignal(1),
        "short" => new BuyAndHoldSignal(-1),
        _ => new MovingAverageCrossSignal(12, 48, MovingAverageKind.Simple, allowShort: true),
    };

    private static IStopLoss Stop(string name) => name switch
    {
        "none" => new NoStopLoss(),
        "fixed-1%" => new FixedPercentStopLoss(0.01),
        "fixed-5%-mark" => new FixedPercentStopLoss(0.05),
        _ => new FixedPercentStopLoss(0.03),
    };

    private static SimulationSettings Settings(double leverage, string margin, string stop, bool inverse = false) => new()
    {
        Contract = inverse ? ContractKind.Inverse : ContractKind.Linear,
        ContractSize = inverse ? 100 : double.NaN,
        InitialCapital = inverse ? 3 : 30_000,
        Leverage = leverage,
        MarginMode = margin == "cross" ? MarginMode.Cross : MarginMode.Isolated,
        Brackets = inverse ? InverseTiers : Tiered,
        StopTrigger = stop.EndsWith("-mark", StringComparison.Ordinal) ? PriceSource.MarkPrice : PriceSource.LastPrice,
        TakeProfitFraction = stop.Contains("take-profit", StringComparison.Ordinal) ? 0.04 : double.NaN,
        Slippage = SlippageModel.Fixed(1),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reading_the_sides_gives_what_asking_bar_by_bar_gives(string signal, double leverage, string margin, string stop)
    {
        var settings = Settings(leverage, margin, stop);
        var asked = new AskedBarByBar(Signal(signal));
        var read = Backtester.Run(Market, settings, Signal(signal), new FixedLeverageSizing(), Stop(stop));
        var barByBar = Backtester.Run(Market, settings, asked, new FixedLeverageSizing(), Stop(stop));
        Assert.Equal(Market.Count, asked.Questions);
        AssertIdentical(barByBar, read);
    }

    [Theory]
    [InlineData(1.0, "isolated")]
    [InlineData(20.0, "isolated")]
    [InlineData(20.0, "cross")]
    [InlineData(90.0, "cross")]
    public void Inverse_contracts_agree_too(double leverage, string margin)
    {
        foreach (string signal in new[] { "long", "short", "ma-cross" })
        {
            var settings = Settings(leverage, margin, "fixed-1%", inverse: true);
            var read = Backtester.Run(Market, settings, Signal(signal), new FixedLeverageSizing(), Stop("fixed-1%"));
            var barByBar = Backtester.Run(Market, settings, new AskedBarByBar(Signal(signal)), new FixedLeverageSizing(), Stop("fixed-1%"));
            AssertIdentical(barByBar, read);
        }
    }

    /// <summary>
    /// <see cref="Market"/> with heavy funding (−2.1 … +3.9 % every 8 bars, a mark price of its own at each event): funding
    /// settled inside a held stretch moves the wallet and the liquidation price enough to liquidate some positions at
    /// the very next open.
    /// </summary>
    private static readonly MarketData HeavyFunding = WithHeavyFunding(Market);

    private static MarketData WithHeavyFunding(MarketData market)
    {
        var random = new Random(5);
        int events = market.Funding.Count;
        var rate = new double[events];
        var mark = new double[events];
        var settles = market.Funding.TimeMs.ToArray();
        var openTimes = market.OpenTimeMs.ToArray();
        for (int k = 0; k < events; k++)
        {
            rate[k] = 0.03 * ((2 * random.NextDouble()) - 0.7);
            int bar = Array.IndexOf(openTimes, settles[k]);
            // Every fifth event (and one after the last bar) has no mark price of its own: the bar's mark open stands in.
            mark[k] = k % 5 == 0 || bar < 0 ? double.NaN : market.MarkOpen.Span[bar] * (1 + (0.002 * (random.NextDouble() - 0.5)));
        }

        return new MarketData(market.Symbol, market.BarIntervalMs, market.OpenTimeMs, market.Open, market.High, market.Low, market.Close, market.Volume,
            market.MarkOpen, market.MarkHigh, market.MarkLow, market.MarkClose, new FundingEvents(settles, rate, mark));
    }

    [Theory]
    [InlineData("long", "isolated")]
    [InlineData("long", "cross")]
    [InlineData("short", "isolated")]
    [InlineData("short", "cross")]
    [InlineData("ma-cross", "isolated")]
    [InlineData("ma-cross", "cross")]
    public void Funding_settled_inside_a_held_stretch_agrees_with_the_general_loop(string signal, string margin)
    {
        foreach (double leverage in new[] { 2.0, 10, 40, 110 })
        {
            foreach (string stop in new[] { "none", "fixed-5%-mark" })
            {
                var settings = Settings(leverage, margin, stop);
                var read = Backtester.Run(HeavyFunding, settings, Signal(signal), new FixedLeverageSizing(), Stop(stop));
                var barByBar = Backtester.Run(HeavyFunding, settings, new AskedBarByBar(Signal(signal)), new FixedLeverageSizing(), Stop(stop));
                AssertIdentical(barByBar, read);
            }
        }
    }

    [Fact]
    public void Heavy_funding_liquidates_right_after_a_settlement()
    {
        // The path the quiet loop must get right: a settlement that moves the liquidation price past the next open.
        var fundingBars = new HashSet<int>(Enumerable.Range(0, HeavyFunding.Funding.Count).Select(k => (int)((HeavyFunding.Funding.TimeMs.Span[k] - SyntheticMarket.Start) / SyntheticMarket.Hour)));
        var runs = new[] { "long", "short", "ma-cross" }.SelectMany(signal => new[] { "isolated", "cross" }.SelectMany(margin => new[] { 2.0, 10, 40 }.Select(leverage =>
            Backtester.Run(HeavyFunding, Settings(leverage, margin, "none"), Signal(signal), new FixedLeverageSizing(), Stop("none"))))).ToList();
        Assert.Contains(runs, r => r.FundingPayments.Count > 30);
        Assert.Contains(runs, r => r.Liquidations.Any(l => fundingBars.Contains(l.Bar)));
    }

    [Fact]
    public void The_cases_exercise_what_ends_a_quiet_stretch()
    {
        // Liquidations, stop and take-profit fills, side changes, funding and bracket changes all occur in the cases.
        var runs = Cases().Select(c => Backtester.Run(Market, Settings((double)c[1], (string)c[2], (string)c[3]), Signal((string)c[0]), new FixedLeverageSizing(), Stop((string)c[3]))).ToList();
        Assert.Contains(runs, r => r.Liquidations.Count > 0);
        Assert.Contains(runs, r => r.StopEvents.Any(s => s.Kind == StopEventKind.Stop));
        Assert.Contains(runs, r => r.StopEvents.Any(s => s.Kind == StopEventKind.TakeProfit));
        Assert.Contains(runs, r => r.Trades.Count(t => t.ExitReason == ExitReason.Signal) > 5);
        Assert.Contains(runs, r => r.FundingPayments.Count > 100);

        // The position's notional crosses a bracket of the tier table during a held stretch in some run.
        var crossing = runs.Any(r =>
        {
            var table = Tiered.Tables[0];
            var notional = r.EquityCurve.PositionNotional;
            for (int i = 1; i < notional.Length; i++)
            {
                if (notional[i] > 0 && notional[i - 1] > 0 && table.IndexOf(notional[i]) != table.IndexOf(notional[i - 1]))
                {
                    return true;
                }
            }

            return false;
        });
        Assert.True(crossing, "no run crossed a bracket while holding");
    }

    private static void AssertIdentical(RunResult expected, RunResult actual)
    {
        var e = expected.EquityCurve;
        var a = actual.EquityCurve;
        Assert.Equal(Bits(e.Equity), Bits(a.Equity));
        Assert.Equal(Bits(e.PositionNotional), Bits(a.PositionNotional));
        Assert.Equal(Bits(e.EffectiveLeverage), Bits(a.EffectiveLeverage));
        Assert.Equal(Bits(e.MarginRatio), Bits(a.MarginRatio));
        Assert.Equal(Bits(e.LiquidationPrice), Bits(a.LiquidationPrice));
        Assert.Equal(expected.Trades, actual.Trades);
        Assert.Equal(expected.Liquidations, actual.Liquidations);
        Assert.Equal(expected.FundingPayments, actual.FundingPayments);
        Assert.Equal(expected.StopEvents, actual.StopEvents);
        Assert.Equal(expected.Metrics.ToNamedValues().Select(p => (p.Key, BitConverter.DoubleToInt64Bits(p.Value))), actual.Metrics.ToNamedValues().Select(p => (p.Key, BitConverter.DoubleToInt64Bits(p.Value))));
    }

    private static long[] Bits(double[] values) => [.. values.Select(BitConverter.DoubleToInt64Bits)];
}
