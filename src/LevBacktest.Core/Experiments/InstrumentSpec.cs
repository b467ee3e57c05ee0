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

    /// <summary>Slippage of market fills as a fraction of price (0.0001 = 1 basis point; default 0).</summary>
    public double Slippage { get; init; }

    /// <summary><c>"isolated"</c> or <c>"cross"</c> (default isolated).</summary>
    public string MarginMode { get; init; } = "isolated";

    /// <summary>Isolated margin: the fraction of equity allocated to the position's wallet (0 &lt; a ≤ 1, default 1).</summary>
    public double IsolatedAllocation { get; init; } = 1.0;

    /// <summary>Part of a liquidated margin the exchange keeps as clearance fee (fraction, default 0).</summary>
    public double ClearanceFeeRate { get; init; }
}
