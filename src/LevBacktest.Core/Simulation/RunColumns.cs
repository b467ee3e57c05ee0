namespace LevBacktest.Core.Simulation;

/// <summary>
/// The bar and funding columns a run reads on its frequent paths (the quiet-bar loop, funding settlement), taken as
/// spans once per run. Reading <see cref="ReadOnlyMemory{T}.Span"/> at each call instead costs a call from ReadyToRun
/// code: that generic method of CoreLib is not precompiled into this assembly, so it is JIT-compiled, starts at tier 0
/// and is never inlined into the precompiled callers (9 calls per quiet stretch, 3 per settlement). Same values either way.
/// </summary>
/// <param name="Open">Last-price opens, one per bar.</param>
/// <param name="High">Last-price highs, one per bar.</param>
/// <param name="Low">Last-price lows, one per bar.</param>
/// <param name="MarkOpen">Mark-price opens, one per bar.</param>
/// <param name="MarkHigh">Mark-price highs, one per bar.</param>
/// <param name="MarkLow">Mark-price lows, one per bar.</param>
/// <param name="MarkClose">Mark-price closes, one per bar.</param>
/// <param name="Sides">The signal's desired sides, one per bar, or empty when it answers bar by bar.</param>
/// <param name="FundingTimeMs">Funding settlement times (UTC ms), one per event.</param>
/// <param name="FundingRate">Funding rates (fractions), one per event.</param>
/// <param name="FundingMarkPrice">The mark price at each event (USDT), or empty when the funding data has none.</param>
internal readonly ref struct RunColumns(
    ReadOnlySpan<double> Open,
    ReadOnlySpan<double> High,
    ReadOnlySpan<double> Low,
    ReadOnlySpan<double> MarkOpen,
    ReadOnlySpan<double> MarkHigh,
    ReadOnlySpan<double> MarkLow,
    ReadOnlySpan<double> MarkClose,
    ReadOnlySpan<sbyte> Sides,
    ReadOnlySpan<long> FundingTimeMs,
    ReadOnlySpan<double> FundingRate,
    ReadOnlySpan<double> FundingMarkPrice)
{
    public ReadOnlySpan<double> Open { get; } = Open;

    public ReadOnlySpan<double> High { get; } = High;

    public ReadOnlySpan<double> Low { get; } = Low;

    public ReadOnlySpan<double> MarkOpen { get; } = MarkOpen;

    public ReadOnlySpan<double> MarkHigh { get; } = MarkHigh;

    public ReadOnlySpan<double> MarkLow { get; } = MarkLow;

    public ReadOnlySpan<double> MarkClose { get; } = MarkClose;

    public ReadOnlySpan<sbyte> Sides { get; } = Sides;

    public ReadOnlySpan<long> FundingTimeMs { get; } = FundingTimeMs;

    public ReadOnlySpan<double> FundingRate { get; } = FundingRate;

    public ReadOnlySpan<double> FundingMarkPrice { get; } = FundingMarkPrice;
}
