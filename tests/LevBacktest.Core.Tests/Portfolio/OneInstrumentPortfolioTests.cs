using LevBacktest.Core.Data;
using LevBacktest.Core.Instruments;
using LevBacktest.Core.Margin;
using LevBacktest.Core.Portfolio;
using LevBacktest.Core.Simulation;
using LevBacktest.Core.Strategies;
using LevBacktest.Core.Tests.Simulation;
using LevBacktest.Strategies.Signals;
using LevBacktest.Strategies.Sizing;
using LevBacktest.Strategies.StopLoss;

namespace LevBacktest.Core.Tests.Portfolio;

/// <summary>
/// The rule: a portfolio of one instrument IS today's single-instrument run — every equity value, notional,
/// leverage, margin ratio and liquidation price bit for bit, every trade, liquidation, funding payment and stop event,
/// and every metric, on the repository's sample data (BTCUSDT 1h with mark prices and funding) across margin modes,
/// leverages that do and do not liquidate, signals, stops, take-profit, slippage, rebalancing, and inverse contracts.
/// </summary>
public sealed class OneInstrumentPortfolioTests
{
    private static readonly Lazy<MarketData> Sample = new(() => MarketDataLoader.Load(new MarketDataRequest
    {
        PricesPath = SharedFolder.InRepository("data", "sample", "prices.parquet"),
        MarkPath = SharedFolder.InRepository("data", "sample", "mark.parquet"),
        FundingPath = SharedFolder.InRepository("data", "sample", "funding.parquet"),
    }).Data);

    private static readonly Lazy<LeverageBracketSchedule> LinearTiers = new(() => LeverageBracketSchedule.LoadJson(EngineTestPaths.Tiers("binance-BTCUSDT.json")));
    private static readonly Lazy<LeverageBracketSchedule> InverseTiers = new(() => LeverageBracketSchedule.LoadJson(EngineTestPaths.Tiers("binance-BTCUSD_PERP.json")));

    public static TheoryData<string, string, MarginMode, double> Cases()
    {
        var cases = new TheoryData<string, string, MarginMode, double>();
        foreach (var mode in new[] { MarginMode.Cross, MarginMode.Isolated })
        {
            foreach (double leverage in new[] { 1.0, 3, 10, 50 })
            {
                cases.Add("hold-long", "none", mode, leverage);
                cases.Add("hold-short", "none", mode, leverage);
            }

            foreach (double leverage in new[] { 2.0, 10 })
            {
                cases.Add("ma-cross", "trailing", mode, leverage);
                cases.Add("donchian", "atr", mode, leverage);
                cases.Add("ma-cross", "time", mode, leverage);
                cases.Add("donchian", "liquidation-fraction", mode, leverage);
                cases.Add("ma-cross", "fixed", mode, leverage);
            }
        }

        return cases;
    }

    private static (ISignal Signal, IStopLoss Stop) Strategy(string signal, string stop) => (
        signal switch
        {
            "hold-long" => new BuyAndHoldSignal(1),
            "hold-short" => new BuyAndHoldSignal(-1),
            "ma-cross" => new MovingAverageCrossSignal(20, 100, MovingAverageKind.Exponential, allowShort: true),
            _ => new DonchianBreakoutSignal(48, 24, allowShort: true),
        },
        stop switch
        {
            "trailing" => new TrailingPercentStopLoss(0.04),
            "atr" => new AtrStopLoss(3, 14),
            "time" => new TimeStopLoss(72),
            "liquidation-fraction" => new LiquidationFractionStopLoss(0.5),
            "fixed" => new FixedPercentStopLoss(0.03),
            _ => new NoStopLoss(),
        });

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_one_instrument_portfolio_is_the_single_run_bit_for_bit(string signal, string stop, MarginMode mode, double leverage)
    {
        var settings = new SimulationSettings
        {
            InitialCapital = 10_000,
            MarginMode = mode,
            Leverage = leverage,
            Brackets = LinearTiers.Value,
            TakerFeeRate = 0.0005,
            MakerFeeRate = 0.0002,
            Slippage = SlippageModel.Fixed(2),
        };
        var single = Compare(Sample.Value, settings, signal, stop);
        if (leverage == 50)
        {
            Assert.NotEmpty(single.Liquidations); // the comparison covers liquidation, not only quiet runs
        }
    }

    [Theory]
    [InlineData(MarginMode.Cross, 3.0, "mark")]
    [InlineData(MarginMode.Isolated, 20.0, "mark")]
    [InlineData(MarginMode.Cross, 30.0, "last")]
    public void Take_profit_mark_triggers_clearance_fees_and_end_run_are_the_single_run_s(MarginMode mode, double leverage, string trigger)
    {
        var settings = new SimulationSettings
        {
            InitialCapital = 10_000,
            MarginMode = mode,
            Leverage = leverage,
            Brackets = LinearTiers.Value,
            TakeProfitFraction = 0.08,
            StopTrigger = trigger == "mark" ? PriceSource.MarkPrice : PriceSource.LastPrice,
            ClearanceFeeRate = 0.005,
            AfterLiquidationPolicy = AfterLiquidationPolicy.EndRun,
            OverLeveragePolicy = OverLeveragePolicy.Reject,
        };
        var single = Compare(Sample.Value, settings, "ma-cross", "trailing");
        Assert.True(single.StopEvents.Count > 0 && single.Trades.Count > 2);
    }

    [Theory]
    [InlineData(MarginMode.Cross, 24, 0.0)]
    [InlineData(MarginMode.Cross, 0, 0.1)]
    [InlineData(MarginMode.Isolated, 24, 0.0)]
    [InlineData(MarginMode.Isolated, 0, 0.05)]
    public void Periodic_and_band_rebalancing_are_the_single_run_s_constant_leverage_sizing(MarginMode mode, int every, double band)
    {
        var settings = new SimulationSettings { InitialCapital = 10_000, MarginMode = mode, Leverage = 5, Brackets = LinearTiers.Value };
        var data = Sample.Value;
        var single = Backtester.Run(data, settings, new BuyAndHoldSignal(1), new ConstantLeverageSizing(every, band), new NoStopLoss());
        var portfolio = PortfolioBacktester.Run([new PortfolioInstrument(data, settings.Brackets) { Signal = new BuyAndHoldSignal(1) }],
            PortfolioSettingsOf(settings) with { RebalanceEveryBars = every, RebalanceBand = band });
        Assert.True(single.Trades.Count > 0);
        AssertIdentical(single, portfolio);
    }

    [Theory]
    [InlineData(MarginMode.Isolated, 1.0, 1)]
    [InlineData(MarginMode.Isolated, 1.0, -1)]
    [InlineData(MarginMode.Cross, 5.0, 1)]
    [InlineData(MarginMode.Cross, 20.0, -1)]
    [InlineData(MarginMode.Isolated, 20.0, 1)]
    public void An_inverse_one_instrument_portfolio_is_the_single_inverse_run_bit_for_bit(MarginMode mode, double leverage, int side)
    {
        var settings = new SimulationSettings
        {
            Contract = ContractKind.Inverse,
            ContractSize = 100,
            InitialCapital = 1,
            MarginMode = mode,
            Leverage = leverage,
            Brackets = InverseTiers.Value,
            Slippage = SlippageModel.Fixed(1),
        };
        var data = Sample.Value;
        var single = Backtester.Run(data, settings, new BuyAndHoldSignal(side), new FixedLeverageSizing(), new NoStopLoss());
        var portfolio = PortfolioBacktester.Run(
            [new PortfolioInstrument(data, settings.Brackets) { Signal = new BuyAndHoldSignal(side), Contract = ContractKind.Inverse, ContractSize = 100, SettlementAsset = "BTC" }],
            PortfolioSettingsOf(settings));
        AssertIdentical(single, portfolio);
        Assert.Equal(single.UsdMetrics, portfolio.UsdMetrics);
    }

    private static RunResult Compare(MarketData data, SimulationSettings settings, string signal, string stop)
    {
        var (singleSignal, singleStop) = Strategy(signal, stop);
        var (portfolioSignal, portfolioStop) = Strategy(signal, stop);
        var single = Backtester.Run(data, settings, singleSignal, new FixedLeverageSizing(), singleStop);
        var portfolio = PortfolioBacktester.Run([new PortfolioInstrument(data, settings.Brackets) { Signal = portfolioSignal, StopLoss = portfolioStop }], PortfolioSettingsOf(settings));
        AssertIdentical(single, portfolio);
        return single;
    }

    private static PortfolioSettings PortfolioSettingsOf(SimulationSettings s) => new()
    {
        InitialCapital = s.InitialCapital,
        MarginMode = s.MarginMode,
        Leverage = s.Leverage,
        TakerFeeRate = s.TakerFeeRate,
        MakerFeeRate = s.MakerFeeRate,
        Slippage = s.Slippage,
        StopTrigger = s.StopTrigger,
        TakeProfitFraction = s.TakeProfitFraction,
        OverLeveragePolicy = s.OverLeveragePolicy,
        AfterLiquidationPolicy = s.AfterLiquidationPolicy,
        ClearanceFeeRate = s.ClearanceFeeRate,
        FundingTimeToleranceMs = s.FundingTimeToleranceMs,
    };

    private static void AssertIdentical(RunResult single, PortfolioResult portfolio)
    {
        var curve = single.EquityCurve;
        var instrument = Assert.Single(portfolio.Instruments);

        AssertBits(curve.Equity, portfolio.Account.Equity, "equity");
        AssertBits(curve.PositionNotional, portfolio.Account.PositionNotional, "notional");
        AssertBits(curve.PositionNotional, instrument.Notional, "instrument notional");
        AssertBits(curve.EffectiveLeverage, portfolio.Account.EffectiveLeverage, "leverage");
        AssertBits(curve.MarginRatio, portfolio.Account.MarginRatio, "margin ratio");
        AssertBits(curve.LiquidationPrice, portfolio.Account.LiquidationPrice, "liquidation price");
        AssertBits(curve.LiquidationPrice, instrument.LiquidationPrice, "instrument liquidation price");
        Assert.Equal(single.Trades, instrument.Trades);
        Assert.Equal(single.Liquidations, instrument.Liquidations);
        Assert.Equal(single.FundingPayments, instrument.FundingPayments);
        Assert.Equal(single.StopEvents, instrument.StopEvents);
        Assert.Equal(single.Metrics, portfolio.Metrics);
        var account = portfolio.AccountRun.Run;
        Assert.Equal(single.Trades, account.Trades);
        Assert.Equal(single.Liquidations, account.Liquidations);
        Assert.Equal(single.FundingPayments, account.FundingPayments);
        Assert.Equal(single.StopEvents, account.StopEvents);
        Assert.Equal((single.RejectedOrders, single.ReducedOrders, single.MarkFallbackBars), (account.RejectedOrders, account.ReducedOrders, account.MarkFallbackBars));
        Assert.All(portfolio.AccountRun.TradeInstrument, k => Assert.Equal(0, k));
        Assert.Equal(single.Liquidations.Count, portfolio.Liquidations.Count);
        Assert.Equal(0, instrument.BarsWithoutData);
        Assert.Equal(single.Metrics.FinalEquity - single.Metrics.InitialCapital, instrument.ProfitAndLoss, 1e-9 * Math.Max(1, single.Metrics.InitialCapital));
    }

    private static void AssertBits(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i]))
            {
                Assert.Fail($"{what} differs at bar {i}: single {expected[i]:R}, portfolio {actual[i]:R}");
            }
        }
    }
}
