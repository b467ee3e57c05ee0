namespace LevBacktest.Core.Data.Sources;

/// <summary>
/// Joins mark-price bars to price bars by open time (exact equality: both series are on the same
/// bar grid) and applies the <see cref="MissingMarkPolicy"/> to price bars that have no mark bar.
/// </summary>
internal sealed class MarkAlignment
{
    private MarkAlignment(int start, int end)
    {
        Start = start;
        End = end;
    }

    /// <summary>First price bar kept (inclusive).</summary>
    public int Start { get; }

    /// <summary>Last price bar kept (exclusive).</summary>
    public int End { get; }

    /// <summary>Mark OHLC of the kept bars, length End − Start.</summary>
    public double[] Open { get; private init; } = [];

    public double[] High { get; private init; } = [];

    public double[] Low { get; private init; } = [];

    public double[] Close { get; private init; } = [];

    public List<BarSpan> FallbackSpans { get; } = [];

    /// <summary>Per kept bar, true when its mark OHLC is the last-price OHLC; null when no bar fell back.</summary>
    public bool[]? Fallback { get; private set; }

    public int FallbackBarCount { get; private set; }

    public int MarkBarsWithoutPriceBar { get; private init; }

    public int TrimmedBarCount => Start + (_priceCount - End);

    private int _priceCount;

    public static MarkAlignment Align(BarColumns prices, BarColumns mark, long intervalMs, MissingMarkPolicy policy)
    {
        var priceTimes = prices.OpenTimeMs;
        var markTimes = mark.OpenTimeMs;
        int n = priceTimes.Length;
        if (priceTimes.AsSpan().SequenceEqual(markTimes))
        {
            // The common case (both files of one download or one synthesis): every price bar has its mark bar at the same
            // index, so the mark columns are the aligned columns as they are; copying them would only fault in fresh pages.
            return new MarkAlignment(0, n) { Open = mark.Open, High = mark.High, Low = mark.Low, Close = mark.Close, _priceCount = n };
        }

        var matched = new int[n];
        int unmatchedMark = 0;
        int j = 0;
        int missing = 0;
        int firstMatched = -1, lastMatched = -1;
        for (int i = 0; i < n; i++)
        {
            while (j < markTimes.Length && markTimes[j] < priceTimes[i])
            {
                j++;
                unmatchedMark++;
            }

            if (j < markTimes.Length && markTimes[j] == priceTimes[i])
            {
                matched[i] = j++;
                if (firstMatched < 0)
                {
                    firstMatched = i;
                }

                lastMatched = i;
            }
            else
            {
                matched[i] = -1;
                missing++;
            }
        }

        unmatchedMark += markTimes.Length - j;

        int start = 0, end = n;
        if (missing > 0)
        {
            switch (policy)
            {
                case MissingMarkPolicy.Fail:
                    int first = Array.IndexOf(matched, -1);
                    throw prices.Rows.Error(
                        first,
                        prices.TimeColumn,
                        $"no mark-price bar opens at {TimeText.Format(priceTimes[first])} in {mark.Table.Path} ({missing} of {n} price bars have none); "
                        + "choose MissingMarkPolicy.FallBackToLastPrice or StartWhereMarkStarts (CLI: --missing-mark fallback|start-where-mark-starts).");
                case MissingMarkPolicy.StartWhereMarkStarts:
                    if (firstMatched < 0)
                    {
                        throw new MarketDataException(mark.Table.Path, null, mark.TimeColumn, $"no mark-price bar has the open time of any price bar in {prices.Table.Path}.");
                    }

                    start = firstMatched;
                    end = lastMatched + 1;
                    for (int i = start; i < end; i++)
                    {
                        if (matched[i] < 0)
                        {
                            throw prices.Rows.Error(
                                i,
                                prices.TimeColumn,
                                $"no mark-price bar opens at {TimeText.Format(priceTimes[i])} in {mark.Table.Path}, inside the span the mark series covers; "
                                + "choose MissingMarkPolicy.FallBackToLastPrice to use the last price there.");
                        }
                    }

                    break;
            }
        }

        int length = end - start;
        var result = new MarkAlignment(start, end)
        {
            Open = new double[length],
            High = new double[length],
            Low = new double[length],
            Close = new double[length],
            MarkBarsWithoutPriceBar = unmatchedMark,
        };
        result._priceCount = n;
        int runStart = -1;
        for (int k = 0; k < length; k++)
        {
            int i = start + k;
            int m = matched[i];
            if (m >= 0)
            {
                result.Open[k] = mark.Open[m];
                result.High[k] = mark.High[m];
                result.Low[k] = mark.Low[m];
                result.Close[k] = mark.Close[m];
                if (runStart >= 0)
                {
                    result.AddFallbackRun(priceTimes, runStart, i, intervalMs);
                    runStart = -1;
                }
            }
            else
            {
                result.Open[k] = prices.Open[i];
                result.High[k] = prices.High[i];
                result.Low[k] = prices.Low[i];
                result.Close[k] = prices.Close[i];
                (result.Fallback ??= new bool[length])[k] = true;
                if (runStart < 0)
                {
                    runStart = i;
                }
            }
        }

        if (runStart >= 0)
        {
            result.AddFallbackRun(priceTimes, runStart, end, intervalMs);
        }

        return result;
    }

    private void AddFallbackRun(long[] priceTimes, int from, int to, long intervalMs)
    {
        FallbackSpans.Add(new BarSpan(priceTimes[from], priceTimes[to - 1] + intervalMs, to - from));
        FallbackBarCount += to - from;
    }
}
