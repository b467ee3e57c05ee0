using LevBacktest.Reporting.Charts;

namespace LevBacktest.Reporting.Tests.Charts;

/// <summary>
/// Renders one figure of each kind the reports need, as PNG (checked to decode at the requested size and
/// to have ink in every data area). Set CHART_GALLERY_DIR to keep them for looking at.
/// </summary>
public sealed class GalleryTests : IClassFixture<TestOutput>
{
    private readonly TestOutput _output;

    public GalleryTests(TestOutput output) => _output = output;

    internal static long Jan1(int year) => new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>A deterministic geometric random walk (hourly bars).</summary>
    internal static (long[] Time, double[] Price) RandomWalk(int count, long start, long stepMs, int seed, double volatility = 0.01, double drift = 0.00005)
    {
        var random = new Random(seed);
        var time = new long[count];
        var price = new double[count];
        double p = 30_000;
        for (int i = 0; i < count; i++)
        {
            time[i] = start + (i * stepMs);
            double z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            p *= Math.Exp((volatility * z) + drift);
            price[i] = p;
        }
        return (time, price);
    }

    private void SaveAndCheck(Figure figure, string name)
    {
        string path = _output.File(name + ".png");
        figure.Save(path);
        var header = PngHeader.Read(path);
        Assert.Equal((figure.Width, figure.Height), (header.Width, header.Height));
        foreach (var plot in figure.Plots)
        {
            Assert.True(PixelProbe.InkFraction(path, plot.LastLayout!.Area) > 0.002, $"{name}: plot ({plot.Row},{plot.Column}) looks blank");
        }
    }

    [Fact]
    public void Equity_curves_on_log_scale_with_liquidation_markers()
    {
        var figure = new Figure { Title = "BTCUSDT buy and hold by leverage", Subtitle = "Isolated margin · hourly bars · 2021-01-01 to 2024-01-01 · taker 0.04 %" };
        var plot = figure.Plot;
        plot.YAxis.Scale = AxisScale.Log;
        plot.YAxis.Label = "Equity";
        plot.YAxis.Unit = "USDT";
        var (time, price) = RandomWalk(26_280, Jan1(2021), 3_600_000, 7, 0.006);
        foreach (int leverage in new[] { 1, 2, 3, 5 })
        {
            var equity = new double[time.Length];
            double e = 10_000;
            equity[0] = e;
            for (int i = 1; i < time.Length; i++)
            {
                e *= 1 + (leverage * ((price[i] / price[i - 1]) - 1));
                equity[i] = Math.Max(e, 1);
            }
            plot.AddLine(time, equity, $"{leverage}×");
        }
        plot.AddMarkers([time[9000], time[17000]], [2_000, 900], new MarkerStyle(MarkerShape.Cross, Palette.Vermillion, 14), "Liquidation");
        plot.AddHorizontalLine(10_000, "Initial capital");
        SaveAndCheck(figure, "equity-log");
    }

    [Fact]
    public void Underwater_drawdown_area()
    {
        var figure = new Figure { Title = "Drawdown", Subtitle = "Running peak from initial capital" };
        var plot = figure.Plot;
        var (time, price) = RandomWalk(8760, Jan1(2023), 3_600_000, 11);
        var drawdown = new double[time.Length];
        double peak = price[0];
        for (int i = 0; i < time.Length; i++)
        {
            peak = Math.Max(peak, price[i]);
            drawdown[i] = (price[i] / peak) - 1;
        }
        plot.YAxis.Label = "Drawdown";
        plot.YAxis.Format = AxisFormat.Percent;
        plot.YAxis.IncludeZero = true;
        plot.AddArea(time, drawdown, 0, "3× isolated", Palette.Vermillion.WithAlpha(0.35));
        plot.AddLine(time, drawdown, style: new LineStyle(Palette.Vermillion, 1));
        SaveAndCheck(figure, "drawdown");
    }

    [Fact]
    public void Price_with_events_and_secondary_funding_axis()
    {
        var figure = new Figure { Title = "BTCUSDT price and funding", Subtitle = "Mark price (hourly) and 8-hour funding rate" };
        var plot = figure.Plot;
        var (time, price) = RandomWalk(24 * 60, Jan1(2024), 3_600_000, 3, 0.004);
        plot.YAxis.Label = "Mark price";
        plot.YAxis.Unit = "USDT";
        plot.SecondaryYAxis.Label = "Funding rate";
        plot.SecondaryYAxis.Unit = "per 8 h";
        plot.SecondaryYAxis.Format = AxisFormat.Percent;
        plot.AddLine(time, price, "Mark price");
        var fundingTime = new long[180];
        var funding = new double[180];
        for (int i = 0; i < funding.Length; i++)
        {
            fundingTime[i] = time[0] + (i * 8 * 3_600_000L);
            funding[i] = 0.0001 + (0.0003 * Math.Sin(i / 9.0));
        }
        plot.AddLine(fundingTime, funding, "Funding rate", new LineStyle(Palette.Orange, 1.5), YAxisSide.Secondary);
        plot.AddHorizontalLine(price[0] * 0.9, "Liquidation price 28,350", new LineStyle(Palette.Vermillion, 1.5, LineDash.Dashed));
        plot.AddMarkers([time[300], time[900]], [price[300], price[900]], new MarkerStyle(MarkerShape.TriangleDown, Palette.ReddishPurple, 13), "Stop");
        plot.AddVerticalLine(time[600], "Tier change");
        SaveAndCheck(figure, "price-funding");
    }

    [Fact]
    public void Heatmap_of_a_signed_metric_over_two_sweep_axes()
    {
        var figure = new Figure(1600, 900, 1, 2) { Title = "Sweep: leverage × stop distance" };
        string[] leverages = ["1×", "2×", "3×", "5×", "10×", "20×"];
        string[] stops = ["none", "1 %", "2 %", "5 %", "10 %", "20 %", "50 %"];
        var sharpe = new double[leverages.Length, stops.Length];
        var drawdown = new double[leverages.Length, stops.Length];
        for (int r = 0; r < leverages.Length; r++)
        {
            for (int c = 0; c < stops.Length; c++)
            {
                sharpe[r, c] = 1.2 - (0.35 * r) + (0.1 * c) - (0.02 * r * c);
                drawdown[r, c] = -Math.Min(1, 0.08 * (r + 1) * (1 + (0.2 * c)));
            }
        }
        sharpe[5, 0] = double.NaN;
        var left = figure[0, 0];
        left.Title = "Sharpe ratio";
        left.XAxis.Label = "Stop distance";
        left.YAxis.Label = "Leverage";
        left.AddHeatmap(sharpe, leverages, stops, ColorMap.RedBlue, "Sharpe").Annotate = true;
        var right = figure[0, 1];
        right.Title = "Max drawdown";
        right.XAxis.Label = "Stop distance";
        right.YAxis.Label = "Leverage";
        var map = right.AddHeatmap(drawdown, leverages, stops, ColorMap.Viridis, "Max drawdown");
        map.ValueFormat = AxisFormat.Percent;
        map.Annotate = true;
        SaveAndCheck(figure, "heatmap");
    }

    [Fact]
    public void Small_multiples_share_x()
    {
        var figure = new Figure(1600, 900, 3, 1) { Title = "Leverage decay: 3× daily-rebalanced vs naive 3×" };
        var (time, price) = RandomWalk(365 * 2, Jan1(2022), 86_400_000, 5, 0.03);
        var simulated = new double[time.Length];
        var naive = new double[time.Length];
        var decay = new double[time.Length];
        double e = 1;
        for (int i = 0; i < time.Length; i++)
        {
            if (i > 0)
            {
                e *= 1 + (3 * ((price[i] / price[i - 1]) - 1));
            }
            simulated[i] = e;
            naive[i] = 1 + (3 * ((price[i] / price[0]) - 1));
            decay[i] = naive[i] - simulated[i];
        }
        var top = figure[0, 0];
        top.Title = "Underlying";
        top.YAxis.Label = "Price";
        top.YAxis.Unit = "USDT";
        top.AddLine(time, price, "BTCUSDT close");
        var middle = figure[1, 0];
        middle.Title = "Equity multiple";
        middle.YAxis.Label = "Multiple";
        middle.AddAreaBetween(time, simulated, naive, "Decay", Palette.Orange.WithAlpha(0.3));
        middle.AddLine(time, simulated, "Simulated 3×", new LineStyle(Palette.Blue, 2));
        middle.AddLine(time, naive, "Naive 3× return", new LineStyle(Palette.Black, 1.5, LineDash.Dashed));
        var bottom = figure[2, 0];
        bottom.Title = "Decay";
        bottom.YAxis.Label = "Naive − simulated";
        bottom.AddLine(time, decay, style: new LineStyle(Palette.Vermillion, 1.5));
        bottom.AddHorizontalLine(0);
        SaveAndCheck(figure, "small-multiples");
    }

    [Fact]
    public void Intraday_minutes_with_hour_ticks_and_a_million_point_series()
    {
        var figure = new Figure(1600, 900, 2, 1) { Title = "Intraday and long minute series", Subtitle = "Top: 36 hours of one-minute closes; bottom: 1,000,000 one-minute returns cumulated" };
        var (time, price) = RandomWalk(36 * 60, Jan1(2024) + (13 * 3_600_000L) + (17 * 60_000L), 60_000, 21, 0.0008);
        var top = figure[0, 0];
        top.Title = "36 hours";
        top.YAxis.Label = "Last price";
        top.YAxis.Unit = "USDT";
        top.AddLine(time, price, "Close");
        var (longTime, longPrice) = RandomWalk(1_000_000, Jan1(2022) + (5 * 86_400_000L), 60_000, 22, 0.0005, 0);
        var cumulative = new double[longPrice.Length];
        for (int i = 0; i < cumulative.Length; i++)
        {
            cumulative[i] = (longPrice[i] / longPrice[0]) - 1;
        }
        var bottom = figure[1, 0];
        bottom.Title = "1,000,000 points";
        bottom.YAxis.Label = "Cumulative return";
        bottom.YAxis.Format = AxisFormat.Percent;
        bottom.AddLine(longTime, cumulative, "Cumulative return", new LineStyle(Palette.BluishGreen, 1));
        bottom.AddHorizontalLine(0);
        figure.ShareX = false;
        SaveAndCheck(figure, "intraday-and-million");
    }
}
