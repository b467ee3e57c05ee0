namespace LevBacktest.Core.Experiments;

/// <summary>
/// The contract and account terms of an experiment (<c>$.instrument</c>): margin tiers (a tier table
/// file or a flat maintenance margin rate with a max leverage), fees, slippage and margin mode.
/// </summary>
public sealed record InstrumentSpec
{
    /// <summary>Leverage-bracket JSON file, absolute path; null when a flat rate is given instead.</summary>
    public string? TiersPath { get; init; }

    /// <summary>Flat maintenance margin rate (fraction) when no tier file is given; NaN otherwise.</summary>
    public double MaintenanceMarginRate { get; init; } = double.NaN;

    /// <summary>Max leverage of the flat tier when no tier file is given; NaN otherwise.</summary>
    public double MaxLeverage { get; init; } = double.NaN;

    /// <summary>Taker fee as a fraction of notional (default 0.0005, Binance USDⓈ-M regular user).</summary>
    public double TakerFeeRate { get; init; } = 0.0005;

    /// <summary>Maker fee as a fraction of notional (default 0.0002).</summary>
    public double MakerFeeRate { get; init; } = 0.0002;

    /// <summary>Fixed slippage of market fills in basis points of price (1 = 0.01 %; default 0); with
    /// <see cref="SlippageVolatilityMultiplier"/> it is the floor of the volatility-proportional model.</summary>
    public double SlippageBasisPoints { get; init; }

    /// <summary>Volatility-proportional slippage: the multiple of the recent per-bar volatility added to
    /// the price of a fill; NaN for fixed slippage.</summary>
    public double SlippageVolatilityMultiplier { get; init; } = double.NaN;

    /// <summary>Bars of the volatility estimate of the volatility-proportional slippage model (0 when fixed).</summary>
    public int SlippageLookbackBars { get; init; }

    /// <summary><c>"isolated"</c> or <c>"cross"</c> (default isolated).</summary>
    public string MarginMode { get; init; } = "isolated";

    /// <summary>Isolated margin: the fraction of equity allocated to the position's wallet (0 &lt; a ≤ 1, default 1).</summary>
    public double IsolatedAllocation { get; init; } = 1.0;

    /// <summary>
    /// <c>"linear"</c> (default: USDT-margined, quantity in base units) or <c>"inverse"</c> (coin-margined: quantity in
    /// contracts of <see cref="ContractSize"/> USD; capital, tiers, fees, funding and equity in the coin).
    /// </summary>
    public string Contract { get; init; } = "linear";

    /// <summary>Inverse contracts: USD face value of one contract (Binance COIN-M BTCUSD 100); NaN for linear.</summary>
    public double ContractSize { get; init; } = double.NaN;

    /// <summary>
    /// Clearance fee rate of a liquidation (fraction of the notional at the fill, default 0); the fee is at most the
    /// margin balance left at the fill and 0 for a fill at or beyond the bankruptcy price.
    /// </summary>
    public double ClearanceFeeRate { get; init; }
}
