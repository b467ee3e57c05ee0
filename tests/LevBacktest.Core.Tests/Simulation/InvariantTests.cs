using FsCheck;
using FsCheck.Fluent;

using LevBacktest.Core.Data;
using LevBacktest.Core.Margin;
using LevBacktest.Core.Simulation;
using LevBacktest.Core.Tests.Margin;

namespace LevBacktest.Core.Tests.Simulation;

/// <summary>Properties that hold on every path and every parameter set (FsCheck over random cases).</summary>
public sealed class InvariantTests
{
    private static readonly LeverageBracketSchedule BtcBrackets = LeverageBracketSchedule.LoadJson(EngineTestPaths.Tiers("binance-BTCUSDT.json"));

    private static readonly string[] MayBeNaN = ["firstLiquidationTime", "timeToFirstLiquidationDays", "volatilityDrag", "leverageDecay", "cagr", "calmar"];

    /// <summary>One random run: the path comes from <see cref="Seed"/>, the rest are the settings.</summary>
    public sealed record Case(
        int Seed,
        int Bars,
        double Leverage,
        bool Isolated,
        double Allocation,
        double InitialCapital,
        bool Tiered,
        double TakerFee,
        double SlippageBps,
        bool VolatilitySlippage,
        double StopFraction,
        double TakeProfitFraction,
        int FundingEvery,
        bool Rebalance,
        bool EndRun,
        bool Reject,
        bool FillAtClose,
        bool StopOnMark,
        double ClearanceFee)
    {
        public SimulationSettings Settings() => new()
        {
            InitialCapital = InitialCapital,
            Leverage = Leverage,
            MarginMode = Isolated ? MarginMode.Isolated : MarginMode.Cross,
            IsolatedAllocation = Allocation,
            Brackets = Tiered ? BtcBrackets : LeverageBracketSchedule.FlatRate(0.004, 125),
            TakerFeeRate = TakerFee,
            MakerFeeRate = TakerFee / 2,
            Slippage = VolatilitySlippage ? SlippageModel.VolatilityProportional(0.3, 24, SlippageBps) : SlippageModel.Fixed(SlippageBps),
            TakeProfitFraction = TakeProfitFraction,
            AfterLiquidationPolicy = EndRun ? AfterLiquidationPolicy.EndRun : AfterLiquidationPolicy.ReEnter,
            OverLeveragePolicy = Reject ? OverLeveragePolicy.Reject : OverLeveragePolicy.Reduce,
            Fill = FillAtClose ? FillTiming.BarClose : FillTiming.NextOpen,
            StopTrigger = StopOnMark ? PriceSource.MarkPrice : PriceSource.LastPrice,
            ClearanceFeeRate = ClearanceFee,
        };

        public RunResult Run()
        {
            var data = RandomMarket(Seed, Bars, FundingEvery);
            var signal = new ScriptedSignal(RandomSides(Seed, Bars));
            var stop = double.IsNaN(StopFraction) ? (LevBacktest.Core.Strategies.IStopLoss)new NoStop() : new FixedFractionStop(StopFraction);
            return Backtester.Run(data, Settings(), signal, new LeverageUnderTestSizing(Rebalance), stop);
        }
    }

    private static Gen<Case> Cases() =>
        from seed in Gen.Choose(0, int.MaxValue)
        from bars in Gen.Choose(20, 400)
        from leverage in Gen.Elements(0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 20.0, 50.0, 100.0, 125.0)
        from isolated in Gen.Elements(true, false)
        from allocation in Gen.Elements(0.1, 0.5, 1.0)
        from capital in Gen.Elements(1_000.0, 100_000.0, 10_000_000.0)
        from tiered in Gen.Elements(true, false)
        from taker in Gen.Elements(0.0, 0.0004, 0.001)
        from slippage in Gen.Elements(0.0, 5.0, 20.0)
        from volatilitySlippage in Gen.Elements(true, false)
        from stop in Gen.Elements(double.NaN, 0.01, 0.05, 0.3)
        from takeProfit in Gen.Elements(double.NaN, 0.02, 0.2)
        from fundingEvery in Gen.Elements(1, 3, 8)
        from rebalance in Gen.Elements(true, false)
        from endRun in Gen.Elements(true, false)
        from reject in Gen.Elements(true, false)
        from fillAtClose in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from stopOnMark in Gen.Elements(true, false)
        from clearance in Gen.Elements(0.0, 0.005)
        select new Case(seed, bars, leverage, isolated, allocation, capital, tiered, taker, slippage, volatilitySlippage, stop, takeProfit,
            fundingEvery, rebalance, endRun, reject, fillAtClose, stopOnMark, clearance);

    /// <summary>A random walk with fat-tailed moves, occasional gaps and a mark price that strays from the last price.</summary>
    internal static MarketData RandomMarket(int seed, int bars, int fundingEvery)
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
        double price = 20_000;
        for (int i = 0; i < bars; i++)
        {
            time[i] = TestData.Start + (i * TestData.Hour);
            double gap = random.NextDouble() < 0.05 ? 1 + (0.15 * ((2 * random.NextDouble()) - 1)) : 1;
            double o = price * gap;
            double move = random.NextDouble() < 0.03 ? 0.3 : 0.02;
            double c = o * (1 + (move * ((2 * random.NextDouble()) - 1)));
            double h = Math.Max(o, c) * (1 + (0.02 * random.NextDouble()));
            double l = Math.Min(o, c) * (1 - (0.02 * random.NextDouble()));
            (open[i], high[i], low[i], close[i], volume[i]) = (o, h, l, c, 1);
            double basis = 1 + (0.01 * ((2 * random.NextDouble()) - 1));
            markOpen[i] = o * basis;
            markClose[i] = c * basis;
            markHigh[i] = Math.Max(Math.Max(markOpen[i], markClose[i]), h * (1 - (0.01 * random.NextDouble())));
            markLow[i] = Math.Min(Math.Min(markOpen[i], markClose[i]), l * (1 + (0.01 * random.NextDouble())));
            price = c;
        }

        var fundingTimes = new List<long>();
        var fundingRates = new List<double>();
        for (int i = 1; i < bars; i += fundingEvery)
        {
            fundingTimes.Add(time[i] + random.Next(-5, 6)); // millisecond jitter either side
            fundingRates.Add(0.003 * ((2 * random.NextDouble()) - 1));
        }

        return new MarketData("RANDUSDT", TestData.Hour, time, open, high, low, close, volume, markOpen, markHigh, markLow, markClose,
            new FundingEvents(fundingTimes.ToArray(), fundingRates.ToArray(), ReadOnlyMemory<double>.Empty));
    }

    internal static int[] RandomSides(int seed, int bars)
    {
        var random = new Random(seed ^ 0x5bd1e995);
        var sides = new int[bars];
        int side = random.Next(-1, 2);
        for (int i = 0; i < bars; i++)
        {
            if (random.NextDouble() < 0.08)
            {
                side = random.Next(-1, 2);
            }

            sides[i] = side;
        }

        return sides;
    }

    private static void Check(Func<Case, bool> property, int runs = 150) =>
        Prop.ForAll(Cases().ToArbitrary(), property).Check(Config.QuickThrowOnFailure.WithMaxTest(runs));

    [Fact]
    public void Accounting_identity_holds_for_every_run_and_every_trade()
    {
        Check(c =>
        {
            var result = c.Run();
            var m = result.Metrics;
            double final = result.EquityCurve.Equity[^1];
            double scale = c.InitialCapital + m.FeesPaid + m.FundingPaid + m.FundingReceived + m.MarginLost + Math.Abs(m.RealizedPnl) + Math.Abs(m.OpenUnrealizedPnl);
            double identity = c.InitialCapital + m.RealizedPnl - m.FeesPaid - m.FundingPaid + m.FundingReceived - m.MarginLost + m.OpenUnrealizedPnl;
            double tradeSum = c.InitialCapital + result.Trades.Sum(t => t.NetPnl);
            double fundingSum = result.FundingPayments.Sum(p => p.Payment);
            return Math.Abs(final - identity) <= 1e-9 * scale
                && Math.Abs(final - tradeSum) <= 1e-9 * scale
                && Math.Abs(fundingSum - (m.FundingPaid - m.FundingReceived)) <= 1e-9 * scale
                && Math.Abs(m.MarginLost - result.Liquidations.Sum(l => l.MarginLost)) <= 1e-9 * scale
                && m.TradeCount == result.Trades.Count;
        });
    }

    [Fact]
    public void Isolated_trades_never_lose_more_than_their_margin_and_equity_never_goes_negative()
    {
        Check(c =>
        {
            var result = c.Run();
            bool bounded = !c.Isolated || result.Trades.All(t => t.NetPnl >= -t.InitialMargin * (1 + 1e-9));
            bool liquidationsBounded = result.Liquidations.All(l => l.ClearanceFee <= l.MarginLost + 1e-9 && l.ClearanceFee >= 0);
            return bounded && liquidationsBounded && result.EquityCurve.Equity.All(e => e >= -1e-9 * c.InitialCapital);
        });
    }

    [Fact]
    public void No_NaN_or_infinity_in_curves_and_metrics()
    {
        Check(c =>
        {
            var result = c.Run();
            var curve = result.EquityCurve;
            bool curvesFinite = curve.Equity.All(double.IsFinite) && curve.PositionNotional.All(double.IsFinite)
                && curve.EffectiveLeverage.All(double.IsFinite) && curve.MarginRatio.All(double.IsFinite);
            bool liquidationPrices = Enumerable.Range(0, curve.Count).All(i => curve.PositionNotional[i] == 0 ? double.IsNaN(curve.LiquidationPrice[i]) : double.IsFinite(curve.LiquidationPrice[i]));
            bool metricsFinite = result.Metrics.ToNamedValues().All(p => double.IsFinite(p.Value) || (MayBeNaN.Contains(p.Key) && double.IsNaN(p.Value)));
            bool tradesFinite = result.Trades.All(t => double.IsFinite(t.NetPnl) && double.IsFinite(t.ExitPrice) && double.IsFinite(t.EntryPrice));
            return curvesFinite && liquidationPrices && metricsFinite && tradesFinite;
        });
    }

    [Fact]
    public void Margin_ratio_stays_below_one_at_every_close_with_a_position()
    {
        // A position with maintenance margin ≥ margin balance at a close would have been liquidated when the mark
        // crossed the liquidation price (the close lies inside the bar's mark range).
        Check(c =>
        {
            var curve = c.Run().EquityCurve;
            return Enumerable.Range(0, curve.Count).All(i => curve.PositionNotional[i] == 0 || curve.MarginRatio[i] < 1 + 1e-9);
        });
    }

    [Fact]
    public void Results_are_identical_whatever_the_thread_count()
    {
        var cases = Gen.Sample(Cases(), 24);
        var sequential = cases.Select(c => c.Run()).ToArray();
        var parallel = new RunResult[cases.Length];
        Parallel.For(0, cases.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount) }, k => parallel[k] = cases[k].Run());
        for (int k = 0; k < cases.Length; k++)
        {
            Assert.Equal(sequential[k].EquityCurve.Equity, parallel[k].EquityCurve.Equity);
            Assert.Equal(sequential[k].EquityCurve.MarginRatio, parallel[k].EquityCurve.MarginRatio);
            Assert.Equal(sequential[k].Trades, parallel[k].Trades);
            Assert.Equal(sequential[k].Liquidations, parallel[k].Liquidations);
            Assert.Equal(sequential[k].Metrics.ToNamedValues(), parallel[k].Metrics.ToNamedValues());
        }
    }
}
