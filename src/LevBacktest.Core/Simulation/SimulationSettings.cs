using LevBacktest.Core.Instruments;
using LevBacktest.Core.Margin;

namespace LevBacktest.Core.Simulation;

/// <summary>
/// Everything the engine needs besides data and strategy: account, margin mode, leverage under test,
/// bracket table, costs, fill and trigger conventions, and policies. Immutable; use <c>with</c> to vary.
/// </summary>
/// <remarks>
/// Defaults follow Binance USDⓈ-M at the regular (VIP 0) fee level: taker 0.05 %, maker 0.02 %.
/// <see cref="Validate"/> is called by <see cref="Backtester"/>.Run; it throws
/// <see cref="ArgumentException"/> whose <see cref="ArgumentException.ParamName"/> is the field name.
/// </remarks>
public sealed record SimulationSettings
{
    /// <summary>
    /// Linear (default) or inverse contract. For an inverse contract every amount of money below (capital, wallets,
    /// fees, funding, the brackets' notionals and maintenance amounts) is in the coin and quantities are contracts of
    /// <see cref="ContractSize"/> USD.
    /// </summary>
    public ContractKind Contract { get; init; } = ContractKind.Linear;

    /// <summary>Inverse contracts: USD face value of one contract (Binance COIN-M BTCUSD 100, ETHUSD 10), &gt; 0. NaN for linear.</summary>
    public double ContractSize { get; init; } = double.NaN;

    /// <summary>Starting account balance in the margin currency (USDT, or the coin for an inverse contract), &gt; 0. Default 10 000.</summary>
    public double InitialCapital { get; init; } = 10_000;

    /// <summary>Isolated or cross margin. Default isolated.</summary>
    public MarginMode MarginMode { get; init; } = MarginMode.Isolated;

    /// <summary>
    /// Isolated mode: the fraction of account equity (at the fill bar's mark open) moved into the isolated
    /// wallet when a position opens, in (0, 1]. Ignored in cross mode. Default 1.
    /// </summary>
    public double IsolatedAllocation { get; init; } = 1.0;

    /// <summary>The leverage under test (notional / margin, 10 = 10x), &gt; 0; handed to the sizing rule. Default 1.</summary>
    public double Leverage { get; init; } = 1.0;

    /// <summary>Leverage brackets (tiers) by effective date, or <see cref="LeverageBracketSchedule.FlatRate"/>.</summary>
    public required LeverageBracketSchedule Brackets { get; init; }

    /// <summary>Taker fee as a fraction of fill notional (market orders, stops, rebalances), in [0, 0.1). Default 0.0005.</summary>
    public double TakerFeeRate { get; init; } = 0.0005;

    /// <summary>Maker fee as a fraction of fill notional (take-profit limit orders), in (−0.1, 0.1). Default 0.0002.</summary>
    public double MakerFeeRate { get; init; } = 0.0002;

    /// <summary>Slippage of market fills. Default 0 bp.</summary>
    public SlippageModel Slippage { get; init; } = SlippageModel.None;

    /// <summary>When a decision fills. Default <see cref="FillTiming.NextOpen"/>.</summary>
    public FillTiming Fill { get; init; } = FillTiming.NextOpen;

    /// <summary>Series that triggers stops and take-profits. Default <see cref="PriceSource.LastPrice"/>.</summary>
    public PriceSource StopTrigger { get; init; } = PriceSource.LastPrice;

    /// <summary>
    /// Take-profit distance as a fraction of the first fill price (0.1 = exit a long at entry · 1.1), &gt; 0,
    /// or NaN for none (the default). Fills as a resting limit order: at its price, maker fee, no slippage.
    /// </summary>
    public double TakeProfitFraction { get; init; } = double.NaN;

    /// <summary>Orders beyond the bracket's max leverage are reduced (default) or rejected.</summary>
    public OverLeveragePolicy OverLeveragePolicy { get; init; } = OverLeveragePolicy.Reduce;

    /// <summary>After a liquidation the strategy may re-enter (default) or the run takes no further orders.</summary>
    public AfterLiquidationPolicy AfterLiquidationPolicy { get; init; } = AfterLiquidationPolicy.ReEnter;

    /// <summary>
    /// Liquidation clearance fee rate, a fraction of the notional at the liquidation fill, in [0, 0.1). The fee is
    /// collected only out of the margin balance left at the fill: min(rate · quantity · fill price, margin balance
    /// at the fill), and 0 for a position taken over at or beyond its bankruptcy price (Binance, "Insurance Fund").
    /// Reported as the part of the margin lost that the exchange keeps (it never adds to the loss). Default 0.
    /// </summary>
    public double ClearanceFeeRate { get; init; }

    /// <summary>
    /// Funding matching tolerance in milliseconds: an event at T settles at the first bar with
    /// openTime ≥ T − tolerance, so exchange timestamps with millisecond jitter (16:00:00.003) settle at
    /// the bar they belong to. In [0, bar interval). Default 1 000 ms.
    /// </summary>
    public long FundingTimeToleranceMs { get; init; } = 1_000;

    /// <summary>Checks every field.</summary>
    /// <exception cref="ArgumentException">A field is out of range; <see cref="ArgumentException.ParamName"/> names it.</exception>
    public void Validate()
    {
        if (!double.IsFinite(InitialCapital) || InitialCapital <= 0)
        {
            throw new ArgumentException($"InitialCapital must be a positive number of USDT, got {InitialCapital}.", nameof(InitialCapital));
        }

        if (!Enum.IsDefined(Contract))
        {
            throw new ArgumentException($"Contract {(int)Contract} is not Linear or Inverse.", nameof(Contract));
        }

        if (Contract == ContractKind.Inverse && !(ContractSize > 0 && double.IsFinite(ContractSize)))
        {
            throw new ArgumentException($"ContractSize must be a positive number of USD for an inverse contract, got {ContractSize}.", nameof(ContractSize));
        }

        if (!Enum.IsDefined(MarginMode))
        {
            throw new ArgumentException($"MarginMode {(int)MarginMode} is not Isolated or Cross.", nameof(MarginMode));
        }

        if (!(IsolatedAllocation > 0 && IsolatedAllocation <= 1))
        {
            throw new ArgumentException($"IsolatedAllocation must be a fraction of equity in (0, 1], got {IsolatedAllocation}.", nameof(IsolatedAllocation));
        }

        if (!double.IsFinite(Leverage) || Leverage <= 0)
        {
            throw new ArgumentException($"Leverage must be a positive finite number, got {Leverage}.", nameof(Leverage));
        }

        if (Brackets is null)
        {
            throw new ArgumentException("Brackets must be set (a tier table or LeverageBracketSchedule.FlatRate).", nameof(Brackets));
        }

        if (!double.IsFinite(TakerFeeRate) || TakerFeeRate < 0 || TakerFeeRate >= 0.1)
        {
            throw new ArgumentException($"TakerFeeRate must be a fraction in [0, 0.1), got {TakerFeeRate}.", nameof(TakerFeeRate));
        }

        if (!double.IsFinite(MakerFeeRate) || MakerFeeRate <= -0.1 || MakerFeeRate >= 0.1)
        {
            throw new ArgumentException($"MakerFeeRate must be a fraction in (−0.1, 0.1), got {MakerFeeRate}.", nameof(MakerFeeRate));
        }

        Slippage.Validate(nameof(Slippage));
        if (!Enum.IsDefined(Fill))
        {
            throw new ArgumentException($"Fill {(int)Fill} is not NextOpen or BarClose.", nameof(Fill));
        }

        if (!Enum.IsDefined(StopTrigger))
        {
            throw new ArgumentException($"StopTrigger {(int)StopTrigger} is not LastPrice or MarkPrice.", nameof(StopTrigger));
        }

        if (!double.IsNaN(TakeProfitFraction) && !(TakeProfitFraction > 0 && double.IsFinite(TakeProfitFraction)))
        {
            throw new ArgumentException($"TakeProfitFraction must be a positive fraction or NaN for none, got {TakeProfitFraction}.", nameof(TakeProfitFraction));
        }

        if (!Enum.IsDefined(OverLeveragePolicy))
        {
            throw new ArgumentException($"OverLeveragePolicy {(int)OverLeveragePolicy} is not Reduce or Reject.", nameof(OverLeveragePolicy));
        }

        if (!Enum.IsDefined(AfterLiquidationPolicy))
        {
            throw new ArgumentException($"AfterLiquidationPolicy {(int)AfterLiquidationPolicy} is not ReEnter or EndRun.", nameof(AfterLiquidationPolicy));
        }

        if (!double.IsFinite(ClearanceFeeRate) || ClearanceFeeRate < 0 || ClearanceFeeRate >= 0.1)
        {
            throw new ArgumentException($"ClearanceFeeRate must be a fraction in [0, 0.1), got {ClearanceFeeRate}.", nameof(ClearanceFeeRate));
        }

        if (FundingTimeToleranceMs < 0)
        {
            throw new ArgumentException($"FundingTimeToleranceMs must be ≥ 0, got {FundingTimeToleranceMs}.", nameof(FundingTimeToleranceMs));
        }
    }
}
