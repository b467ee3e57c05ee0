using LevBacktest.Core.Data;
using LevBacktest.Core.Margin;

namespace LevBacktest.Core.Experiments;

/// <summary>One instrument of a portfolio experiment, loaded once per sweep and shared read-only by every run.</summary>
/// <param name="Spec">Its part of the spec.</param>
/// <param name="Loaded">Its bars, mark prices and funding with the loader's report and file fingerprints.</param>
/// <param name="Brackets">Its margin tiers.</param>
public sealed record PortfolioInstrumentData(PortfolioInstrumentSpec Spec, LoadedMarketData Loaded, LeverageBracketSchedule Brackets)
{
    /// <summary>The instrument's symbol as its data names it.</summary>
    public string Symbol => Loaded.Data.Symbol;

    /// <summary>
    /// Loads every instrument of <paramref name="portfolio"/> and checks that they can share one clock: all have bars
    /// of one interval.
    /// </summary>
    /// <param name="portfolio">The spec's portfolio.</param>
    /// <returns>The instruments in spec order.</returns>
    /// <exception cref="FileNotFoundException">A data or tier file is missing.</exception>
    /// <exception cref="MarketDataException">A file is malformed.</exception>
    /// <exception cref="ExperimentSpecException">Two instruments have different bar intervals (the message names both files).</exception>
    public static IReadOnlyList<PortfolioInstrumentData> LoadAll(PortfolioSpec portfolio)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        var loaded = new PortfolioInstrumentData[portfolio.Instruments.Count];
        for (int k = 0; k < loaded.Length; k++)
        {
            var spec = portfolio.Instruments[k];
            loaded[k] = new PortfolioInstrumentData(spec, ExperimentDataLoader.Load(spec.Data), SimulationSettingsFactory.LoadBrackets(spec.Terms));
            long interval = loaded[k].Loaded.Data.BarIntervalMs;
            long first = loaded[0].Loaded.Data.BarIntervalMs;
            if (interval != first)
            {
                throw new ExperimentSpecException(
                    spec.JsonPath + ".prices",
                    $"{loaded[k].Symbol} ({spec.Data.PricesPath}) has {IntervalText(interval)} bars but {loaded[0].Symbol} ({portfolio.Instruments[0].Data.PricesPath}) has {IntervalText(first)} bars: a portfolio runs on one clock and needs one bar interval (give one of them \"resample\").");
            }
        }

        var symbols = new HashSet<string>(StringComparer.Ordinal);
        for (int k = 0; k < loaded.Length; k++)
        {
            if (!symbols.Add(loaded[k].Symbol))
            {
                throw new ExperimentSpecException(loaded[k].Spec.JsonPath, $"{loaded[k].Symbol} is already instrument {Array.FindIndex(loaded, l => l.Symbol == loaded[k].Symbol)}: each instrument of a portfolio must be a different symbol (results are reported by symbol).");
            }
        }

        return loaded;
    }

    /// <summary>The portfolio's clock: the union of the instruments' bar open times, UTC ms, ascending.</summary>
    /// <param name="instruments">The loaded instruments.</param>
    public static long[] UnionClock(IReadOnlyList<PortfolioInstrumentData> instruments)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        var times = new SortedSet<long>();
        foreach (var instrument in instruments)
        {
            foreach (long t in instrument.Loaded.Data.OpenTimeMs.Span)
            {
                times.Add(t);
            }
        }

        return [.. times];
    }

    /// <summary>
    /// Where this instrument has no bar on <paramref name="clock"/> (before its listing, after its data ends, or a gap):
    /// maximal runs of clock bars, each from the first such bar's open time to the last one's end (exclusive).
    /// </summary>
    /// <param name="clock">The portfolio's clock (<see cref="UnionClock"/>).</param>
    public IReadOnlyList<BarSpan> NoBarSpans(long[] clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var own = Loaded.Data.OpenTimeMs.Span;
        long interval = Loaded.Data.BarIntervalMs;
        var spans = new List<BarSpan>();
        int j = 0, start = -1;
        for (int i = 0; i <= clock.Length; i++)
        {
            bool has = true;
            if (i < clock.Length)
            {
                while (j < own.Length && own[j] < clock[i])
                {
                    j++;
                }

                has = j < own.Length && own[j] == clock[i];
            }

            if (!has && start < 0)
            {
                start = i;
            }
            else if (has && start >= 0)
            {
                spans.Add(new BarSpan(clock[start], clock[i - 1] + interval, i - start));
                start = -1;
            }
        }

        return spans;
    }

    private static string IntervalText(long ms) => ms switch
    {
        _ when ms % 86_400_000 == 0 => $"{ms / 86_400_000}d",
        _ when ms % 3_600_000 == 0 => $"{ms / 3_600_000}h",
        _ when ms % 60_000 == 0 => $"{ms / 60_000}m",
        _ => $"{ms} ms",
    };
}
