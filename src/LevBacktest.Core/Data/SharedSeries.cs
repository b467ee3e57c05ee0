using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace LevBacktest.Core.Data;

/// <summary>
/// Series derived from one <see cref="MarketData"/> (a signal's desired sides, an ATR, a rolling volatility) computed
/// once and shared read-only by every run on that data, so that the runs of a sweep that differ only in leverage,
/// stop or sizing parameters do not recompute the same signal. Strategies call it from <c>Prepare</c> with a key that
/// names the series and every parameter it depends on; a sweep then computes each distinct series once, and the values
/// are the ones the strategy would have computed itself (the same code), so results are identical bit for bit.
/// </summary>
/// <remarks>
/// The cache lives as long as the <see cref="MarketData"/> it belongs to. It holds at most <see cref="ByteBudget"/>
/// bytes per data set: past that, series are computed for each caller and not kept (a sweep over thousands of distinct
/// signals then costs what it did without sharing, instead of unbounded memory). Thread-safe: concurrent callers of a
/// key wait for one computation. Callers must never write into a returned array.
/// </remarks>
public sealed class SharedSeries
{
    /// <summary>Most bytes of series kept per data set: 256 MB, e.g. 4,500 distinct signals of 58,623 hourly bars.</summary>
    public const long ByteBudget = 256L << 20;

    private static readonly ConditionalWeakTable<MarketData, SharedSeries> Tables = [];

    private readonly ConcurrentDictionary<string, Lazy<object>> _series = new(StringComparer.Ordinal);
    private long _bytes;

    private SharedSeries()
    {
    }

    /// <summary>The shared series of <paramref name="data"/>.</summary>
    /// <param name="data">The market data every run of a sweep shares.</param>
    public static SharedSeries Of(MarketData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Tables.GetValue(data, _ => new SharedSeries());
    }

    /// <summary>
    /// The series named <paramref name="key"/>: computed by <paramref name="compute"/> the first time, then the same
    /// instance for every caller while the byte budget allows.
    /// </summary>
    /// <typeparam name="T">An array, or a sealed class of arrays.</typeparam>
    /// <param name="key">Names the series and all it depends on, e.g. <c>ma-cross(fast=20,slow=100,kind=ema,allowShort=True)</c>.</param>
    /// <param name="bytes">Approximate size of the series (for the budget), e.g. 8 × bars for one double array.</param>
    /// <param name="compute">Computes the series from the data; must depend on nothing but the key's parameters.</param>
    public T GetOrCompute<T>(string key, long bytes, Func<T> compute)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(compute);
        if (_series.TryGetValue(key, out var existing))
        {
            return (T)existing.Value;
        }

        if (Interlocked.Add(ref _bytes, bytes) > ByteBudget)
        {
            Interlocked.Add(ref _bytes, -bytes);
            return compute();
        }

        var entry = new Lazy<object>(compute, LazyThreadSafetyMode.ExecutionAndPublication);
        var stored = _series.GetOrAdd(key, entry);
        if (!ReferenceEquals(stored, entry))
        {
            Interlocked.Add(ref _bytes, -bytes); // another caller stored the key first
        }

        return (T)stored.Value;
    }
}
