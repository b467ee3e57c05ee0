using LevBacktest.Core.Data;
using LevBacktest.Core.Instruments;
using LevBacktest.Core.Strategies;

namespace LevBacktest.Core.Simulation;

/// <summary>
/// Runs one backtest of a linear (USDT-margined) or inverse (coin-margined) perpetual in one-way mode: isolated or cross margin,
/// tiered maintenance margin, liquidation on the mark price, funding, fees, slippage, stops.
/// </summary>
/// <remarks>
/// The order of events inside each bar is DESIGN.md's contract (README "Simulation semantics"):
/// (1) funding events settling at the bar, on the position carried in; (2) the open check: mark open
/// beyond the liquidation price liquidates at the mark open, else a trigger-series open beyond the stop
/// fills the stop at the last-price open with slippage (or beyond the take-profit fills it at its limit);
/// (3) the order decided at the previous close fills at the open, unless step 2 closed the position (the
/// order is then cancelled); (4) the adverse path: for a long the higher of stop and liquidation price is
/// met first, for a short the lower, a tie goes to the stop, then the favourable extreme (take-profit);
/// (5) the close: stops update, the strategy decides, equity is recorded at the mark close.
/// Each run is single-threaded and deterministic; independent runs may execute in parallel, as long as each
/// gets its own strategy instances.
/// </remarks>
public static class Backtester
{
    /// <summary>Runs one backtest.</summary>
    /// <param name="data">Bars (and mark prices, funding) of the run, at least one bar.</param>
    /// <param name="settings">Account, margin, costs and policies; validated here.</param>
    /// <param name="signal">Direction rule; <see cref="ISignal.Prepare"/> is called once here.</param>
    /// <param name="sizing">Sizing rule; <see cref="ISizing.Prepare"/> is called once here.</param>
    /// <param name="stopLoss">Stop rule; <see cref="IStopLoss.Prepare"/> is called once here.</param>
    /// <returns>The run's metrics, equity curve and event lists.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A setting is out of range (ParamName is the field), the data has no
    /// bars, the funding tolerance is not below the bar interval, or the bracket schedule starts after the first bar.</exception>
    /// <exception cref="InvalidOperationException">A strategy returned an invalid answer (side not in {−1, 0, +1},
    /// target leverage negative or not finite); the message names the strategy and the bar.</exception>
    public static RunResult Run(MarketData data, SimulationSettings settings, ISignal signal, ISizing sizing, IStopLoss stopLoss)
        => Run(data, settings, signal, sizing, stopLoss, buffers: null);

    /// <summary>
    /// Runs one backtest whose equity curve and event lists are written into buffers from <paramref name="buffers"/>
    /// (a finished run's, given back with <see cref="RunBufferPool.Return"/>) instead of fresh arrays; the result is the
    /// same bit for bit. Give the result back to the pool once it has been read, and do not read its curve or event
    /// lists after that.
    /// </summary>
    /// <param name="data">Bars (and mark prices, funding) of the run, at least one bar.</param>
    /// <param name="settings">Account, margin, costs and policies; validated here.</param>
    /// <param name="signal">Direction rule; <see cref="ISignal.Prepare"/> is called once here.</param>
    /// <param name="sizing">Sizing rule; <see cref="ISizing.Prepare"/> is called once here.</param>
    /// <param name="stopLoss">Stop rule; <see cref="IStopLoss.Prepare"/> is called once here.</param>
    /// <param name="buffers">Where the run's buffers come from; null for fresh arrays (what the 5-argument overload does).</param>
    /// <returns>The run's metrics, equity curve and event lists.</returns>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="buffers"/> is null.</exception>
    /// <exception cref="ArgumentException">As the 5-argument overload.</exception>
    /// <exception cref="InvalidOperationException">As the 5-argument overload.</exception>
    public static RunResult Run(MarketData data, SimulationSettings settings, ISignal signal, ISizing sizing, IStopLoss stopLoss, RunBufferPool? buffers)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(sizing);
        ArgumentNullException.ThrowIfNull(stopLoss);
        settings.Validate();
        if (data.Count == 0)
        {
            throw new ArgumentException($"Market data for {data.Symbol} has no bars.", nameof(data));
        }

        if (settings.FundingTimeToleranceMs >= data.BarIntervalMs)
        {
            throw new ArgumentException(
                $"FundingTimeToleranceMs ({settings.FundingTimeToleranceMs} ms) must be below the bar interval ({data.BarIntervalMs} ms).",
                nameof(settings));
        }

        long firstOpen = data.OpenTimeMs.Span[0];
        if (settings.Brackets.FirstEffectiveMs > firstOpen)
        {
            throw new ArgumentException(
                $"The leverage bracket schedule of {settings.Brackets.Symbol} starts at {DateTimeOffset.FromUnixTimeMilliseconds(settings.Brackets.FirstEffectiveMs):u}, after the first bar ({DateTimeOffset.FromUnixTimeMilliseconds(firstOpen):u}).",
                nameof(settings));
        }

        signal.Prepare(data);
        sizing.Prepare(data);
        stopLoss.Prepare(data);
        var rented = buffers?.Rent(data.Count);
        return settings.Contract == ContractKind.Inverse
            ? new SimulationRun<InversePayoff>(new InversePayoff(settings.ContractSize), data, settings, signal, sizing, stopLoss, rented).Execute()
            : new SimulationRun<LinearPayoff>(default, data, settings, signal, sizing, stopLoss, rented).Execute();
    }
}
