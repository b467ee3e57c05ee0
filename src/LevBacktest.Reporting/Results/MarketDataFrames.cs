using LevBacktest.Core.Data;

using Microsoft.Data.Analysis;

namespace LevBacktest.Reporting.Results;

/// <summary>
/// <see cref="MarketData"/> to and from <see cref="DataFrame"/>s, column by column from the typed arrays: a bars
/// frame (<c>time</c> UTC DateTime = bar open time; <c>open</c>, <c>high</c>, <c>low</c>, <c>close</c> USDT;
/// <c>volume</c> base units; and when a mark series is loaded <c>markOpen</c>, <c>markHigh</c>, <c>markLow</c>,
/// <c>markClose</c> USDT) and a funding frame (<c>time</c> UTC DateTime of settlement, <c>rate</c> fraction per
/// settlement, and <c>markPrice</c> USDT when known).
/// </summary>
public static class MarketDataFrames
{
    /// <summary>The bars of <paramref name="data"/>, one row per bar.</summary>
    /// <param name="data">Loaded market data.</param>
    public static DataFrame ToDataFrame(this MarketData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var columns = new List<DataFrameColumn>
        {
            Times("time", data.OpenTimeMs.Span),
            new DoubleDataFrameColumn("open", data.Open.ToArray()),
            new DoubleDataFrameColumn("high", data.High.ToArray()),
            new DoubleDataFrameColumn("low", data.Low.ToArray()),
            new DoubleDataFrameColumn("close", data.Close.ToArray()),
            new DoubleDataFrameColumn("volume", data.Volume.ToArray()),
        };
        if (data.HasMarkPrice)
        {
            columns.Add(new DoubleDataFrameColumn("markOpen", data.MarkOpen.ToArray()));
            columns.Add(new DoubleDataFrameColumn("markHigh", data.MarkHigh.ToArray()));
            columns.Add(new DoubleDataFrameColumn("markLow", data.MarkLow.ToArray()));
            columns.Add(new DoubleDataFrameColumn("markClose", data.MarkClose.ToArray()));
        }

        return new DataFrame(columns);
    }

    /// <summary>The funding settlements of <paramref name="data"/>, one row per settlement.</summary>
    /// <param name="data">Loaded market data.</param>
    public static DataFrame FundingToDataFrame(this MarketData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var funding = data.Funding;
        var columns = new List<DataFrameColumn> { Times("time", funding.TimeMs.Span), new DoubleDataFrameColumn("rate", funding.Rate.ToArray()) };
        if (funding.HasMarkPrice)
        {
            columns.Add(new DoubleDataFrameColumn("markPrice", funding.MarkPrice.ToArray()));
        }

        return new DataFrame(columns);
    }

    /// <summary>Market data from a bars frame (and optionally a funding frame) shaped like <see cref="ToDataFrame"/>'s.</summary>
    /// <param name="bars">Columns <c>time</c> (DateTime, taken as UTC; ascending), <c>open</c>, <c>high</c>, <c>low</c>, <c>close</c>, optional <c>volume</c> (0 when absent) and optional <c>markOpen</c>…<c>markClose</c> (all four or none); no nulls.</param>
    /// <param name="symbol">The exchange symbol, e.g. <c>BTCUSDT</c>.</param>
    /// <param name="barIntervalMs">Bar length in milliseconds; null to take the smallest gap between two bar times.</param>
    /// <param name="funding">Columns <c>time</c>, <c>rate</c> and optional <c>markPrice</c>; null for no funding.</param>
    /// <exception cref="ArgumentException">A required column is missing, of another type or holds a null; fewer than two bars without an interval; times not ascending.</exception>
    public static MarketData FromDataFrame(DataFrame bars, string symbol, long? barIntervalMs = null, DataFrame? funding = null)
    {
        ArgumentNullException.ThrowIfNull(bars);
        long[] time = TimeColumn(bars, "time");
        for (int i = 1; i < time.Length; i++)
        {
            if (time[i] <= time[i - 1])
            {
                throw new ArgumentException($"bars: 'time' must be strictly ascending; row {i} ({DataFrameText.FormatCell(bars.Columns["time"][i])}) is not after row {i - 1}.", nameof(bars));
            }
        }

        long interval = barIntervalMs ?? SmallestGap(time);
        bool hasMark = bars.Columns.IndexOf("markOpen") >= 0;
        double[] none = [];
        var fundingEvents = FundingEvents.Empty;
        if (funding is not null)
        {
            fundingEvents = new FundingEvents(
                TimeColumn(funding, "time"),
                DoubleColumn(funding, "rate", nameof(funding)),
                funding.Columns.IndexOf("markPrice") >= 0 ? DoubleColumn(funding, "markPrice", nameof(funding)) : ReadOnlyMemory<double>.Empty);
        }

        return new MarketData(
            symbol,
            interval,
            time,
            DoubleColumn(bars, "open", nameof(bars)),
            DoubleColumn(bars, "high", nameof(bars)),
            DoubleColumn(bars, "low", nameof(bars)),
            DoubleColumn(bars, "close", nameof(bars)),
            bars.Columns.IndexOf("volume") >= 0 ? DoubleColumn(bars, "volume", nameof(bars)) : new double[time.Length],
            hasMark ? DoubleColumn(bars, "markOpen", nameof(bars)) : none,
            hasMark ? DoubleColumn(bars, "markHigh", nameof(bars)) : none,
            hasMark ? DoubleColumn(bars, "markLow", nameof(bars)) : none,
            hasMark ? DoubleColumn(bars, "markClose", nameof(bars)) : none,
            fundingEvents);
    }

    private static DateTimeDataFrameColumn Times(string name, ReadOnlySpan<long> epochMs)
    {
        var column = new DateTimeDataFrameColumn(name, epochMs.Length);
        for (int i = 0; i < epochMs.Length; i++)
        {
            column[i] = DateTime.UnixEpoch.AddMilliseconds(epochMs[i]);
        }

        return column;
    }

    private static long[] TimeColumn(DataFrame frame, string name)
    {
        var column = Column(frame, name, "frame");
        if (column.DataType != typeof(DateTime))
        {
            throw new ArgumentException($"column '{name}' must hold DateTime values (UTC), not {column.DataType.Name}.", nameof(frame));
        }

        var values = new long[column.Length];
        for (long i = 0; i < column.Length; i++)
        {
            var time = (DateTime?)column[i] ?? throw new ArgumentException($"column '{name}' has a null at row {i}.", nameof(frame));
            var utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);
            values[i] = (long)(utc - DateTime.UnixEpoch).TotalMilliseconds;
        }

        return values;
    }

    private static double[] DoubleColumn(DataFrame frame, string name, string parameter)
    {
        var column = Column(frame, name, parameter);
        var values = new double[column.Length];
        for (long i = 0; i < column.Length; i++)
        {
            object value = column[i] ?? throw new ArgumentException($"{parameter}: column '{name}' has a null at row {i}.", parameter);
            values[i] = value is double d ? d : Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
        }

        return values;
    }

    private static DataFrameColumn Column(DataFrame frame, string name, string parameter)
    {
        int index = frame.Columns.IndexOf(name);
        return index >= 0
            ? frame.Columns[index]
            : throw new ArgumentException($"{parameter}: no column '{name}' (it has {string.Join(", ", frame.Columns.Select(c => c.Name))}).", parameter);
    }

    private static long SmallestGap(long[] time)
    {
        if (time.Length < 2)
        {
            throw new ArgumentException("bars: give barIntervalMs when there are fewer than two bars.", "bars");
        }

        long gap = long.MaxValue;
        for (int i = 1; i < time.Length; i++)
        {
            gap = Math.Min(gap, time[i] - time[i - 1]);
        }

        return gap;
    }
}
