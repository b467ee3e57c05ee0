using LevBacktest.Core.Data;
using LevBacktest.Core.Simulation;
using LevBacktest.Core.Strategies;
using LevBacktest.Strategies.Sizing;
using LevBacktest.Strategies.StopLoss;

namespace LevBacktest.Strategies.Tests;

/// <summary>
/// The built-in rules' IStopLoss.MovesAfterEntry and ISizing.Rebalances declarations are true to their answers:
/// every built-in, with its default parameters, gives bit-identical runs whether the engine trusts the
/// declaration or asks the rule at every close as it would by default.
/// </summary>
public sealed class CapabilityDeclarationTests
{
    public static TheoryData<string> StopRules() => [.. BuiltInRuns.Names(StrategyKind.StopLoss)];

    public static TheoryData<string> SizingRules() => [.. BuiltInRuns.Names(StrategyKind.Sizing)];

    [Theory]
    [MemberData(nameof(StopRules))]
    public void A_built_in_stop_runs_the_same_whether_its_declaration_is_trusted_or_not(string name)
    {
        var trusted = Backtester.Run(BuiltInRuns.Market, BuiltInRuns.Settings, BuiltInRuns.Signal(), new FixedLeverageSizing(), BuiltInRuns.CreateStop(name));
        var asked = Backtester.Run(BuiltInRuns.Market, BuiltInRuns.Settings, BuiltInRuns.Signal(), new FixedLeverageSizing(), new AskEveryClose(BuiltInRuns.CreateStop(name)));

        Assert.True(trusted.Metrics.TradeCount >= 10, $"{name}: the market should give many trades, gave {trusted.Metrics.TradeCount}");
        Assert.Equal(asked.EquityCurve.Equity, trusted.EquityCurve.Equity);
        Assert.Equal(asked.Trades, trusted.Trades);
        Assert.Equal(asked.StopEvents, trusted.StopEvents);
        Assert.Equal(asked.Metrics, trusted.Metrics);
    }

    [Theory]
    [MemberData(nameof(SizingRules))]
    public void A_built_in_sizing_rule_runs_the_same_whether_its_declaration_is_trusted_or_not(string name)
    {
        var trusted = Backtester.Run(BuiltInRuns.Market, BuiltInRuns.Settings, BuiltInRuns.Signal(), BuiltInRuns.CreateSizing(name), new FixedPercentStopLoss(0.05));
        var askedRule = new AskToRebalance(BuiltInRuns.CreateSizing(name));
        var asked = Backtester.Run(BuiltInRuns.Market, BuiltInRuns.Settings, BuiltInRuns.Signal(), askedRule, new FixedPercentStopLoss(0.05));

        Assert.True(trusted.Metrics.TradeCount >= 10, $"{name}: the market should give many trades, gave {trusted.Metrics.TradeCount}");
        Assert.True(askedRule.Asked > 0);
        if (!BuiltInRuns.CreateSizing(name).Rebalances)
        {
            Assert.Equal(0, askedRule.SaidYes);
        }

        Assert.Equal(asked.EquityCurve.Equity, trusted.EquityCurve.Equity);
        Assert.Equal(asked.Trades, trusted.Trades);
        Assert.Equal(asked.Metrics, trusted.Metrics);
    }

    [Fact]
    public void Only_rules_anchored_at_the_entry_declare_themselves_fixed()
    {
        string[] fixedStops = [.. BuiltInRuns.Names(StrategyKind.StopLoss).Where(name => !BuiltInRuns.CreateStop(name).MovesAfterEntry).Order(StringComparer.Ordinal)];
        string[] nonRebalancing = [.. BuiltInRuns.Names(StrategyKind.Sizing).Where(name => !BuiltInRuns.CreateSizing(name).Rebalances).Order(StringComparer.Ordinal)];

        Assert.Equal(["fixed-percent", "none"], fixedStops);
        Assert.Equal(["fixed-fractional", "fixed-leverage", "fractional-kelly", "liquidation-aware"], nonRebalancing);
    }

    /// <summary>Delegates to a rule but keeps the interface's default declaration (moves after entry).</summary>
    private sealed class AskEveryClose(IStopLoss inner) : IStopLoss
    {
        public void Prepare(MarketData data) => inner.Prepare(data);

        public StopDecision Evaluate(in StopContext context) => inner.Evaluate(context);
    }

    /// <summary>Delegates to a rule but keeps the interface's default declaration (rebalances), counting answers.</summary>
    private sealed class AskToRebalance(ISizing inner) : ISizing
    {
        public int Asked { get; private set; }

        public int SaidYes { get; private set; }

        public void Prepare(MarketData data) => inner.Prepare(data);

        public double TargetLeverage(in SizingContext context) => inner.TargetLeverage(context);

        public bool ShouldRebalance(in PositionView position)
        {
            Asked++;
            bool yes = inner.ShouldRebalance(position);
            SaidYes += yes ? 1 : 0;
            return yes;
        }
    }
}
