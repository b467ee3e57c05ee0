namespace LevBacktest.Core.Simulation;

/// <summary>
/// The one position of a run (side 0 = flat) and the bookkeeping of the trade in progress.
/// Prices in quote currency; quantity in base units (linear) or contracts (inverse); money (fees, funding,
/// realised PnL, margin) in the margin currency of the contract.
/// </summary>
/// <remarks>
/// A mutable struct held as a field of the run on purpose: its fields are then read and written at a fixed
/// offset from the run, as cheaply as the run's own fields were (the bar loop touches them every bar).
/// </remarks>
internal struct PositionState
{
    /// <summary>+1 long, −1 short, 0 flat.</summary>
    public int Side;

    /// <summary>Current size (base units or contracts), 0 when flat.</summary>
    public double Quantity;

    /// <summary>Average entry price (slippage included).</summary>
    public double EntryPrice;

    /// <summary>Liquidation price on the mark price; NaN when flat, 0 (long) or +∞ (short) when no price liquidates.</summary>
    public double LiquidationPrice;

    /// <summary>Stop level on the trigger series, NaN for none.</summary>
    public double StopPrice;

    /// <summary>Take-profit limit price, NaN for none.</summary>
    public double TakeProfitPrice;

    /// <summary>Bar of the trade's first fill.</summary>
    public int EntryBar;

    /// <summary>Bar of the last fill that changed the size.</summary>
    public int LastRebalanceBar;

    /// <summary>Leverage the last fill sized to (notional / backing margin).</summary>
    public double TargetLeverage;

    /// <summary>Highest last-price high of completed bars since entry (starts at the fill price).</summary>
    public double HighestHigh;

    /// <summary>Lowest last-price low of completed bars since entry (starts at the fill price).</summary>
    public double LowestLow;

    /// <summary>The trade in progress: first fill price.</summary>
    public double TradeEntryPrice;

    /// <summary>The trade in progress: first fill quantity.</summary>
    public double TradeEntryQuantity;

    /// <summary>The trade in progress: margin committed at the first fill.</summary>
    public double TradeInitialMargin;

    /// <summary>The trade in progress: trading fees paid.</summary>
    public double TradeFees;

    /// <summary>The trade in progress: funding paid (positive) or received (negative).</summary>
    public double TradeFunding;

    /// <summary>The trade in progress: realised PnL of partial closes and the final close.</summary>
    public double TradeRealized;

    /// <summary>A flat position: no side, no levels.</summary>
    public static PositionState Flat => new()
    {
        LiquidationPrice = double.NaN,
        StopPrice = double.NaN,
        TakeProfitPrice = double.NaN,
    };

    /// <summary>Makes the position flat; the trade bookkeeping stays until the next entry overwrites it.</summary>
    public void Flatten()
    {
        Side = 0;
        Quantity = 0;
        EntryPrice = 0;
        LiquidationPrice = double.NaN;
        StopPrice = double.NaN;
        TakeProfitPrice = double.NaN;
    }

    /// <summary>Starts a new trade at <paramref name="bar"/>: one fill of <paramref name="quantity"/> at <paramref name="fill"/>.</summary>
    public void Enter(int bar, int side, double quantity, double fill, double margin, double targetLeverage, double fee)
    {
        Side = side;
        Quantity = quantity;
        EntryPrice = fill;
        EntryBar = bar;
        LastRebalanceBar = bar;
        TargetLeverage = targetLeverage;
        HighestHigh = fill;
        LowestLow = fill;
        TradeEntryPrice = fill;
        TradeEntryQuantity = quantity;
        TradeInitialMargin = margin;
        TradeFees = fee;
        TradeFunding = 0;
        TradeRealized = 0;
    }
}
