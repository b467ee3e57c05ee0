namespace LevBacktest.Core.Margin;

/// <summary>
/// Liquidation price of one position of a linear USDT-margined perpetual in one-way mode, by Binance's
/// formula (Binance Support, "How to Calculate Liquidation Price of USDⓈ-M Contracts"):
/// LP = (WB − TMM + UPNL + cum − side·q·entry) / (q·mmr − side·q).
/// </summary>
/// <remarks>
/// WB is the isolated wallet (isolated margin) or the cross wallet (cross margin); TMM and UPNL are the
/// maintenance margin and unrealised PnL of the account's other positions (0 in isolated mode); mmr and
/// cum are the maintenance margin rate and amount of the bracket in which the position's notional at LP
/// falls. Because that bracket is only known once LP is, the bracket is re-resolved: the formula is
/// evaluated per bracket and the bracket whose [floor, cap) holds q·LP is taken (the maintenance margin
/// is continuous and monotone in price, so exactly one bracket is self-consistent up to rounding).
/// At LP the margin balance WB + side·q·(LP − entry) equals the maintenance margin q·LP·mmr − cum.
/// </remarks>
public static class LiquidationPrice
{
    /// <summary>The formula for one given bracket, without re-resolution.</summary>
    /// <param name="side">+1 long, −1 short.</param>
    /// <param name="quantity">Position size in base units, &gt; 0.</param>
    /// <param name="entryPrice">Average entry price in USDT.</param>
    /// <param name="walletBalance">WB in USDT: isolated wallet or cross wallet.</param>
    /// <param name="otherMaintenanceMargin">TMM in USDT (0 in isolated mode or with one position).</param>
    /// <param name="otherUnrealizedPnl">UPNL in USDT (0 in isolated mode or with one position).</param>
    /// <param name="maintenanceMarginRate">mmr of the bracket, fraction.</param>
    /// <param name="maintenanceAmount">cum of the bracket, USDT.</param>
    /// <returns>The price in USDT (may be ≤ 0 for a long that cannot be liquidated).</returns>
    public static double ForBracket(int side, double quantity, double entryPrice, double walletBalance, double otherMaintenanceMargin,
        double otherUnrealizedPnl, double maintenanceMarginRate, double maintenanceAmount)
    {
        double numerator = walletBalance - otherMaintenanceMargin + otherUnrealizedPnl + maintenanceAmount - (side * quantity * entryPrice);
        double denominator = (quantity * maintenanceMarginRate) - (side * quantity);
        return numerator / denominator;
    }

    /// <summary>
    /// The liquidation price with bracket re-resolution over <paramref name="table"/>. For a long whose
    /// wallet covers the whole notional the result is 0 (no positive price liquidates it).
    /// </summary>
    /// <param name="side">+1 long, −1 short.</param>
    /// <param name="quantity">Position size in base units, &gt; 0.</param>
    /// <param name="entryPrice">Average entry price in USDT.</param>
    /// <param name="walletBalance">WB in USDT: isolated wallet or cross wallet.</param>
    /// <param name="table">The bracket table in force.</param>
    /// <param name="otherMaintenanceMargin">TMM in USDT (0 in isolated mode or with one position).</param>
    /// <param name="otherUnrealizedPnl">UPNL in USDT (0 in isolated mode or with one position).</param>
    /// <returns>Liquidation price in USDT, ≥ 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Side is not ±1 or the quantity is not positive.</exception>
    public static double Compute(int side, double quantity, double entryPrice, double walletBalance, LeverageBracketTable table,
        double otherMaintenanceMargin = 0, double otherUnrealizedPnl = 0)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (side is not (1 or -1))
        {
            throw new ArgumentOutOfRangeException(nameof(side), side, "Side must be +1 (long) or −1 (short).");
        }

        if (!(quantity > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "Quantity must be positive.");
        }

        return ComputeUnchecked(side, quantity, entryPrice, walletBalance, table.Span, otherMaintenanceMargin, otherUnrealizedPnl);
    }

    /// <summary>Engine entry point without argument checks (side ±1 and quantity &gt; 0 guaranteed by the caller).</summary>
    internal static double ComputeUnchecked(int side, double quantity, double entryPrice, double walletBalance, ReadOnlySpan<LeverageBracket> brackets,
        double otherMaintenanceMargin, double otherUnrealizedPnl)
    {
        double fallback = double.NaN;
        double entryNotional = quantity * entryPrice;
        for (int n = 0; n < brackets.Length; n++)
        {
            var b = brackets[n];
            double price = ForBracket(side, quantity, entryPrice, walletBalance, otherMaintenanceMargin, otherUnrealizedPnl, b.MaintenanceMarginRate, b.MaintenanceAmount);
            double notional = quantity * price;
            bool last = n == brackets.Length - 1;
            if (notional >= b.FloorNotional && (notional < b.CapNotional || last))
            {
                return Math.Max(price, 0);
            }

            if (b.Contains(entryNotional) || (last && double.IsNaN(fallback)))
            {
                fallback = price;
            }
        }

        // No self-consistent bracket: only when q·LP is negative (a long that cannot be liquidated: LP
        // clamps to 0) or through rounding exactly at a boundary (the entry bracket's answer is then exact
        // to that rounding).
        return Math.Max(fallback, 0);
    }
}
