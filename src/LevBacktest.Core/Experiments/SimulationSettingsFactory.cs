using LevBacktest.Core.Instruments;
using LevBacktest.Core.Margin;
using LevBacktest.Core.Simulation;

namespace LevBacktest.Core.Experiments;

/// <summary>
/// Turns a spec and one run's point into the engine's <see cref="SimulationSettings"/>, and the spec's
/// vocabulary (camelCase words) into the engine's enums. The only place that maps spec words to engine types.
/// </summary>
public static class SimulationSettingsFactory
{
    /// <summary>The margin-tier schedule the instrument names: the tier file, or a single flat tier.</summary>
    /// <param name="instrument">The spec's instrument.</param>
    /// <exception cref="FileNotFoundException">The tier file does not exist.</exception>
    public static LeverageBracketSchedule LoadBrackets(InstrumentSpec instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (instrument.TiersPath is { } path)
        {
            Data.InputFile.Require(path, "Tier table");

            return LeverageBracketSchedule.LoadJson(path);
        }

        return LeverageBracketSchedule.FlatRate(instrument.MaintenanceMarginRate, instrument.MaxLeverage);
    }

    /// <summary>The engine settings of one run.</summary>
    /// <param name="spec">The experiment.</param>
    /// <param name="point">The run's resolved sweep values.</param>
    /// <param name="brackets">The margin tiers (loaded once per sweep).</param>
    public static SimulationSettings Create(ExperimentSpec spec, RunPoint point, LeverageBracketSchedule brackets)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(point);
        var instrument = spec.Instrument;
        var execution = spec.Execution;
        var slippage = double.IsNaN(instrument.SlippageVolatilityMultiplier)
            ? SlippageModel.Fixed(point.SlippageBasisPoints)
            : SlippageModel.VolatilityProportional(instrument.SlippageVolatilityMultiplier, instrument.SlippageLookbackBars, point.SlippageBasisPoints);
        return new SimulationSettings
        {
            InitialCapital = point.InitialCapital,
            MarginMode = instrument.MarginMode == "cross" ? MarginMode.Cross : MarginMode.Isolated,
            IsolatedAllocation = point.IsolatedAllocation,
            Leverage = point.Leverage,
            Brackets = brackets,
            TakerFeeRate = point.TakerFeeRate,
            MakerFeeRate = point.MakerFeeRate,
            Slippage = slippage,
            Fill = execution.Fill == "barClose" ? FillTiming.BarClose : FillTiming.NextOpen,
            StopTrigger = execution.StopTrigger == "markPrice" ? PriceSource.MarkPrice : PriceSource.LastPrice,
            TakeProfitFraction = execution.TakeProfitFraction,
            OverLeveragePolicy = execution.OverLeverage == "reject" ? OverLeveragePolicy.Reject : OverLeveragePolicy.Reduce,
            AfterLiquidationPolicy = execution.AfterLiquidation == "endRun" ? AfterLiquidationPolicy.EndRun : AfterLiquidationPolicy.ReEnter,
            ClearanceFeeRate = instrument.ClearanceFeeRate,
            Contract = instrument.Contract == "inverse" ? ContractKind.Inverse : ContractKind.Linear,
            ContractSize = instrument.ContractSize,
        };
    }
}
