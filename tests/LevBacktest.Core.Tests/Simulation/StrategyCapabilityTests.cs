using LevBacktest.Core.Data;
using LevBacktest.Core.Margin;
using LevBacktest.Core.Simulation;
using LevBacktest.Core.Strategies;

namespace LevBacktest.Core.Tests.Simulation;

/// <summary>
/// IStopLoss.MovesAfterEntry and ISizing.Rebalances: what the engine may skip when a rule declares false, and
/// that skipping changes nothing for a rule whose declaration is true to its answers.
/// </summary>
public sealed class StrategyCapabilityTests
{
    private static SimulationSettings Settings() => new()
    {
        Brackets = LeverageBracketSchedule.FlatRate(0.005, 100),
        Leverage = 5,
        TakerFeeRate = 0.0004,
        MakerFeeRate = 0.0002,
        Slippage = SlippageModel.Fixed(1),
    };

    /// <summary>A 400-bar random walk (±2 % per bar) with a mark price beside it and funding every 8 bars.</summary>
    private static MarketData RandomWalk(int seed)
    {
        var random = new Random(seed);
        const int n = 400;
        var rows = new double[n, 4];
        var mark = new double[n, 4];
        double price = 100;
        for (int i = 0; i < n; i++)
        {
            double next = price * (1 + (0.02 * ((2 * random.NextDouble()) - 1)));
            double high = Math.Max(price, next) * (1 + (0.005 * random.NextDouble()));
            double low = Math.Min(price, next) * (1 - (0.005 * random.NextDouble()));
            double basis = 1 + (0.001 * ((2 * random.NextDouble()) - 1));
            (rows[i, 0], rows[i, 1], rows[i, 2], rows[i, 3]) = (price, high, low, next);
            (mark[i, 0], mark[i, 1], mark[i, 2], mark[i, 3]) = (price * basis, high * basis, low * basis, next * basis);
            price = next;
        }

        var times = Enumerable.Range(0, n / 8).Select(k => TestData.Start + (k * 8 * TestData.Hour)).ToArray();
        var rates = times.Select(_ => 0.0005 * ((2 * random.NextDouble()) - 1)).ToArray();
        return TestData.Bars(rows, mark, TestData.Funding(times, rates));
    }

    /// <summary>Signal flipping sides every 37 bars and going flat for 5 bars in between, so there are many entries.</summary>
    private static ScriptedSignal Flipping() =>
        new(Enumerable.Range(0, 400).Select(i => (i % 37) < 5 ? 0 : (i / 37 % 2 == 0 ? 1 : -1)).ToArray());

    [Fact]
    public void A_stop_that_does_not_move_is_asked_only_at_entry_fills()
    {
        var rule = new CountingFixedStop(0.03, movesAfterEntry: false);
        var result = Backtester.Run(RandomWalk(1), Settings(), Flipping(), new LeverageUnderTestSizing(), rule);

        Assert.True(result.Metrics.TradeCount >= 10, $"the path should open many trades, opened {result.Metrics.TradeCount}");
        Assert.Equal(0, rule.CloseCalls);
        Assert.Equal(2 * (int)result.Metrics.TradeCount, rule.EntryCalls); // the sizing preview and the fill itself
    }

    [Fact]
    public void A_stop_that_may_move_is_asked_at_every_close_with_a_position()
    {
        var rule = new CountingFixedStop(0.03, movesAfterEntry: true);
        var result = Backtester.Run(RandomWalk(1), Settings(), Flipping(), new LeverageUnderTestSizing(), rule);

        int barsHeld = result.EquityCurve.PositionNotional.Count(notional => notional > 0);
        Assert.True(rule.CloseCalls >= barsHeld - (int)result.Metrics.TradeCount, $"{rule.CloseCalls} close calls for {barsHeld} bars held");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Declaring_a_fixed_stop_and_no_rebalancing_changes_no_result(int seed)
    {
        var data = RandomWalk(seed);
        var declared = Backtester.Run(data, Settings(), Flipping(), new LeverageUnderTestSizing(rebalances: false), new CountingFixedStop(0.03, movesAfterEntry: false));
        var asked = Backtester.Run(data, Settings(), Flipping(), new LeverageUnderTestSizing(rebalances: true), new CountingFixedStop(0.03, movesAfterEntry: true));

        Assert.True(declared.Metrics.StopCount > 0, "the path should hit stops");
        Assert.Equal(asked.EquityCurve.Equity, declared.EquityCurve.Equity);
        Assert.Equal(asked.EquityCurve.LiquidationPrice, declared.EquityCurve.LiquidationPrice);
        Assert.Equal(asked.Trades, declared.Trades);
        Assert.Equal(asked.StopEvents, declared.StopEvents);
        Assert.Equal(asked.Metrics, declared.Metrics);
    }

    [Fact]
    public void A_stop_declared_fixed_is_held_at_its_entry_answer()
    {
        // Entry at bar 1's open (100). At entry the rule says 90; at every close it would say 99, which bar 2's
        // low (95) would trigger. Declared fixed, the engine never asks again and the stop stays at 90.
        var data = TestData.Bars(new double[,]
        {
            { 100, 100, 100, 100 },
            { 100, 101, 99.5, 100 },
            { 100, 101, 95, 100 },
            { 100, 101, 99, 100 },
        });
        var settings = Settings() with { TakerFeeRate = 0, MakerFeeRate = 0, Slippage = SlippageModel.Fixed(0) };
        var fixedRule = Backtester.Run(data, settings, new ConstantSignal(1), new LeverageUnderTestSizing(), new EntryThenCloseStop(90, 99, movesAfterEntry: false));
        var movingRule = Backtester.Run(data, settings, new ConstantSignal(1), new LeverageUnderTestSizing(), new EntryThenCloseStop(90, 99, movesAfterEntry: true));

        Assert.Equal(0, fixedRule.Metrics.StopCount);
        Assert.Equal(ExitReason.End, Assert.Single(fixedRule.Trades).ExitReason);
        Assert.Equal(1, movingRule.Metrics.StopCount);
        Assert.Equal(2, movingRule.StopEvents[0].Bar);
        Assert.Equal(99, movingRule.StopEvents[0].FillPrice);
    }

    [Fact]
    public void A_sizing_rule_that_does_not_rebalance_is_never_asked()
    {
        var sizing = new ThrowingRebalanceSizing();
        var result = Backtester.Run(RandomWalk(4), Settings(), Flipping(), sizing, new CountingFixedStop(0.03, movesAfterEntry: true));

        Assert.True(result.Metrics.TradeCount > 0);
        Assert.True(sizing.TargetCalls > 0);
    }

    /// <summary>Fixed-fraction stop that counts its calls and declares <paramref name="movesAfterEntry"/>.</summary>
    private sealed class CountingFixedStop(double fraction, bool movesAfterEntry) : IStopLoss
    {
        private double _stop = double.NaN;

        public int EntryCalls { get; private set; }

        public int CloseCalls { get; private set; }

        public bool MovesAfterEntry => movesAfterEntry;

        public void Prepare(MarketData data)
        {
        }

        public StopDecision Evaluate(in StopContext context)
        {
            if (context.IsEntry)
            {
                EntryCalls++;
                _stop = context.Position.EntryPrice * (1 - (context.Position.Side * fraction));
            }
            else
            {
                CloseCalls++;
            }

            return new StopDecision(_stop, false);
        }
    }

    /// <summary>Answers <paramref name="atEntry"/> at entry fills and <paramref name="atClose"/> at closes (a long's stop).</summary>
    private sealed class EntryThenCloseStop(double atEntry, double atClose, bool movesAfterEntry) : IStopLoss
    {
        public bool MovesAfterEntry => movesAfterEntry;

        public void Prepare(MarketData data)
        {
        }

        public StopDecision Evaluate(in StopContext context) => new(context.IsEntry ? atEntry : atClose, false);
    }

    /// <summary>Sizing at the leverage under test that declares no rebalancing and fails if asked anyway.</summary>
    private sealed class ThrowingRebalanceSizing : ISizing
    {
        public int TargetCalls { get; private set; }

        public bool Rebalances => false;

        public void Prepare(MarketData data)
        {
        }

        public double TargetLeverage(in SizingContext context)
        {
            TargetCalls++;
            return context.LeverageUnderTest;
        }

        public bool ShouldRebalance(in PositionView position) => throw new InvalidOperationException("ShouldRebalance was called on a rule that declared Rebalances = false.");
    }
}
