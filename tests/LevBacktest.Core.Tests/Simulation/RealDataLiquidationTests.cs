using LevBacktest.Core.Data;
using LevBacktest.Core.Margin;
using LevBacktest.Core.Simulation;

using Xunit.Abstractions;

namespace LevBacktest.Core.Tests.Simulation;

/// <summary>
/// Binance BTCUSDT, March 2020: isolated buy-and-hold longs entered at the 2020-03-01 01:00 UTC open.
/// The test recomputes, by hand and bar by bar, the isolated wallet (allocation − opening fee − funding), the
/// liquidation price after each funding settlement (Binance formula, BTCUSDT bracket at the liquidation
/// notional) and the first bar whose mark open or mark low reaches it — then checks the engine agrees.
/// </summary>
public sealed class RealDataLiquidationTests(ITestOutputHelper output)
{
    private const double Capital = 10_000;
    private const double TakerFee = 0.0004;
    private static readonly long MarchFirst = DateTimeOffset.Parse("2020-03-01T00:00:00Z").ToUnixTimeMilliseconds();
    private static readonly long AprilFirst = DateTimeOffset.Parse("2020-04-01T00:00:00Z").ToUnixTimeMilliseconds();

    private static readonly Lazy<MarketData> March2020 = new(LoadMarch2020);

    /// <summary>
    /// Reads the committed fixture tests/Fixtures/BTCUSDT-2020-03 (March 2020 of the Binance BTCUSDT last-price,
    /// mark-price and funding files, see its README), so the test runs in every clone.
    /// </summary>
    private static MarketData LoadMarch2020()
    {
        string folder = SharedFolder.InRepository("tests", "Fixtures", "BTCUSDT-2020-03");
        var prices = ReadCsv(Path.Combine(folder, "BTCUSDT-1h.csv"), "open_time_ms,open,high,low,close,volume");
        var marks = ReadCsv(Path.Combine(folder, "BTCUSDT-1h-mark.csv"), "open_time_ms,open,high,low,close");
        var funding = ReadCsv(Path.Combine(folder, "BTCUSDT-funding.csv"), "funding_time_ms,funding_rate");

        long[] time = Array.ConvertAll(prices[0], v => (long)v);
        long[] markTime = Array.ConvertAll(marks[0], v => (long)v);
        int n = time.Length;
        Assert.Equal(744, n); // 31 days of hourly bars
        Assert.Equal(MarchFirst, time[0]);
        Assert.Equal(AprilFirst - 3_600_000, time[^1]);
        Assert.Equal(time, markTime); // hourly, aligned, no gaps in March 2020
        long[] fundingTime = Array.ConvertAll(funding[0], v => (long)v);
        Assert.All(fundingTime, t => Assert.InRange(t, MarchFirst, AprilFirst - 1));
        return new MarketData(
            "BTCUSDT",
            3_600_000,
            time,
            prices[1],
            prices[2],
            prices[3],
            prices[4],
            prices[5],
            marks[1],
            marks[2],
            marks[3],
            marks[4],
            new FundingEvents(fundingTime, funding[1], ReadOnlyMemory<double>.Empty));
    }

    /// <summary>The columns of a fixture CSV (header checked), each parsed as invariant-culture doubles.</summary>
    private static double[][] ReadCsv(string path, string header)
    {
        string[] lines = File.ReadAllLines(path);
        Assert.Equal(header, lines[0]);
        int width = header.Split(',').Length;
        var columns = new double[width][];
        for (int c = 0; c < width; c++)
        {
            columns[c] = new double[lines.Length - 1];
        }

        for (int row = 1; row < lines.Length; row++)
        {
            string[] fields = lines[row].Split(',');
            Assert.Equal(width, fields.Length);
            for (int c = 0; c < width; c++)
            {
                columns[c][row - 1] = double.Parse(fields[c], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return columns;
    }

    /// <summary>The fixture is the shared Binance files' March 2020, value for value.</summary>
    [SharedDataFact]
    public void Fixture_equals_march_2020_of_the_shared_binance_files()
    {
        var fixture = March2020.Value;
        using var prices = LevBacktest.Parquet.ParquetFileReader.Open(SharedFolder.Data("binance-um", "BTCUSDT-1h.parquet"));
        using var marks = LevBacktest.Parquet.ParquetFileReader.Open(SharedFolder.Data("binance-um", "BTCUSDT-1h-mark.parquet"));
        using var funding = LevBacktest.Parquet.ParquetFileReader.Open(SharedFolder.Data("binance-um", "BTCUSDT-funding.parquet"));
        int first = Array.IndexOf(prices.ReadInt64Column("open_time_ms"), MarchFirst);
        int markFirst = Array.IndexOf(marks.ReadInt64Column("open_time_ms"), MarchFirst);
        double[] Slice(double[] column, int start) => column.AsSpan(start, fixture.Count).ToArray();
        Assert.Equal(Slice(prices.ReadDoubleColumn("close"), first), fixture.Close.ToArray());
        Assert.Equal(Slice(prices.ReadDoubleColumn("volume"), first), fixture.Volume.ToArray());
        Assert.Equal(Slice(marks.ReadDoubleColumn("low"), markFirst), fixture.MarkLow.ToArray());
        long[] fundingTime = funding.ReadInt64Column("funding_time_ms");
        int f0 = Array.FindIndex(fundingTime, t => t >= MarchFirst);
        Assert.Equal(funding.ReadDoubleColumn("funding_rate").AsSpan(f0, fixture.Funding.Count).ToArray(), fixture.Funding.Rate.ToArray());
    }

    private static SimulationSettings Settings(double leverage) => new()
    {
        InitialCapital = Capital,
        Leverage = leverage,
        MarginMode = MarginMode.Isolated,
        IsolatedAllocation = 1,
        Brackets = LeverageBracketSchedule.LoadJson(EngineTestPaths.Tiers("binance-BTCUSDT.json")),
        TakerFeeRate = TakerFee,
        MakerFeeRate = 0.0002,
        AfterLiquidationPolicy = AfterLiquidationPolicy.EndRun,
    };

    /// <summary>
    /// The hand computation: entry at bar 1's open P (the 01:00 bar), q = L · 10 000 / P, isolated wallet
    /// 10 000 − 0.0004 · q · P. Funding prints are on the hour, so an event at T settles at the bar opening at T,
    /// paying q · markOpen · rate and moving LP = (wallet + cum − q·P) / (q·mmr − q), with mmr and cum of the
    /// BTCUSDT bracket holding q · LP. The first bar whose mark open or mark low is ≤ LP is the liquidation bar.
    /// </summary>
    private static (int Bar, double LiquidationPrice, double Wallet, int FundingEvents) HandLiquidation(MarketData data, double leverage, bool useMark)
    {
        var table = LeverageBracketSchedule.LoadJson(EngineTestPaths.Tiers("binance-BTCUSDT.json")).Tables[0];
        var time = data.OpenTimeMs.Span;
        var markOpen = useMark ? data.MarkOpen.Span : data.Open.Span;
        var markLow = useMark ? data.MarkLow.Span : data.Low.Span;
        double entry = data.Open.Span[1];
        double quantity = leverage * Capital / entry;
        double wallet = Capital - (TakerFee * quantity * entry);
        double Lp(double w)
        {
            foreach (var b in table.Brackets)
            {
                double lp = (w + b.MaintenanceAmount - (quantity * entry)) / ((quantity * b.MaintenanceMarginRate) - quantity);
                if (quantity * lp >= b.FloorNotional && quantity * lp < b.CapNotional)
                {
                    return lp;
                }
            }

            throw new InvalidOperationException("no bracket");
        }

        double liquidationPrice = Lp(wallet);
        var fundingTime = data.Funding.TimeMs.Span;
        var fundingRate = data.Funding.Rate.Span;
        int events = 0;
        for (int i = 1; i < data.Count; i++)
        {
            for (int k = 0; k < fundingTime.Length; k++)
            {
                if (fundingTime[k] == time[i] && i > 1)
                {
                    wallet -= quantity * markOpen[i] * fundingRate[k];
                    liquidationPrice = Lp(wallet);
                    events++;
                }
            }

            if (markOpen[i] <= liquidationPrice || markLow[i] <= liquidationPrice)
            {
                return (i, liquidationPrice, wallet, events);
            }
        }

        return (-1, liquidationPrice, wallet, events);
    }

    /// <summary>
    /// Entry 8 554.94 at the 2020-03-01 01:00 open. 20x: q = 23.378 BTC (notional 200 000, bracket 2: mmr 0.5 %,
    /// cum 50); 23 funding settlements take the wallet from 9 920.0 to 8 774.6 and LP up to 8 218.57; the mark low
    /// first reaches it in the 2020-03-08 16:00 bar (mark low 8 165.31). 3x: q = 3.507 BTC (bracket 1: 0.4 %); after
    /// 34 settlements LP is 5 788.53, first reached in the 2020-03-12 10:00 bar (mark low 5 620.86; last low 5 199.17).
    /// </summary>
    [Theory]
    [InlineData(3.0, "2020-03-12T10:00:00Z", 34)]
    [InlineData(20.0, "2020-03-08T16:00:00Z", 23)]
    public void Isolated_long_is_liquidated_where_the_mark_low_first_crosses_the_hand_computed_liquidation_price(double leverage, string expectedBar, int fundingEvents)
    {
        var data = March2020.Value;
        var hand = HandLiquidation(data, leverage, useMark: true);
        var result = Backtester.Run(data, Settings(leverage), new ConstantSignal(1), new LeverageUnderTestSizing(), new NoStop());
        output.WriteLine($"{leverage}x: liquidated in the bar of {DateTimeOffset.FromUnixTimeMilliseconds(data.OpenTimeMs.Span[hand.Bar]):u}, LP {hand.LiquidationPrice}, wallet {hand.Wallet}");

        Assert.Equal(DateTimeOffset.Parse(expectedBar).ToUnixTimeMilliseconds(), data.OpenTimeMs.Span[hand.Bar]);
        Assert.Equal(fundingEvents, hand.FundingEvents);
        var liquidation = Assert.Single(result.Liquidations);
        Assert.Equal(hand.Bar, liquidation.Bar);
        Assert.Equal(hand.LiquidationPrice, liquidation.LiquidationPrice, 1e-6);
        Assert.Equal(hand.Wallet, liquidation.MarginLost, 1e-6);
        Assert.Equal(fundingEvents, result.FundingPayments.Count);
        Assert.Equal(1, result.Trades[0].EntryBar);
        Assert.Equal(data.Open.Span[1], result.Trades[0].EntryPrice);

        // Funding moved the liquidation price: without it LP would have stayed at its entry value.
        double entryLiquidationPrice = result.EquityCurve.LiquidationPrice[1];
        Assert.True(Math.Abs(entryLiquidationPrice - hand.LiquidationPrice) > 1, $"LP at entry {entryLiquidationPrice}, at liquidation {hand.LiquidationPrice}");
        Assert.True(data.MarkLow.Span[hand.Bar] <= liquidation.LiquidationPrice);
        for (int i = 1; i < hand.Bar; i++)
        {
            Assert.True(data.MarkLow.Span[i] > result.EquityCurve.LiquidationPrice[i - 1] || i == 1);
        }
    }

    /// <summary>
    /// On 2020-03-12 10:00 the last price fell to 5 199.17 while the mark price held at 5 620.86. A 2.75x long
    /// (LP about 5 527) survives that bar on the mark price and is liquidated in the 23:00 bar, when the mark low
    /// fell to 4 448; an engine that liquidates on the last price kills it 13 hours earlier, at 10:00.
    /// </summary>
    [Fact]
    public void A_last_price_engine_would_liquidate_the_2_75x_long_thirteen_hours_early()
    {
        var data = March2020.Value;
        var markHand = HandLiquidation(data, 2.75, useMark: true);
        var lastHand = HandLiquidation(data, 2.75, useMark: false);
        Assert.Equal(DateTimeOffset.Parse("2020-03-12T23:00:00Z").ToUnixTimeMilliseconds(), data.OpenTimeMs.Span[markHand.Bar]);
        Assert.Equal(DateTimeOffset.Parse("2020-03-12T10:00:00Z").ToUnixTimeMilliseconds(), data.OpenTimeMs.Span[lastHand.Bar]);

        var onMark = Backtester.Run(data, Settings(2.75), new ConstantSignal(1), new LeverageUnderTestSizing(), new NoStop());
        Assert.Equal(markHand.Bar, Assert.Single(onMark.Liquidations).Bar);

        var lastOnly = new MarketData(data.Symbol, data.BarIntervalMs, data.OpenTimeMs, data.Open, data.High, data.Low, data.Close, data.Volume,
            default, default, default, default, data.Funding);
        var onLast = Backtester.Run(lastOnly, Settings(2.75), new ConstantSignal(1), new LeverageUnderTestSizing(), new NoStop());
        Assert.Equal(lastHand.Bar, Assert.Single(onLast.Liquidations).Bar);
        Assert.Equal(data.Count, onLast.MarkFallbackBars);
        Assert.True(onLast.Liquidations[0].Bar < onMark.Liquidations[0].Bar);
    }
}
