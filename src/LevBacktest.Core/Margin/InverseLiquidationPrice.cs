namespace LevBacktest.Core.Margin;

/// <summary>
/// Liquidation price of one position of an inverse (coin-margined) perpetual in one-way mode, solved from the
/// definitions Binance gives in "How to Calculate Liquidation Price of COIN-M Futures Contracts": margin balance
/// WB − TMM + UPNL + side·F·(1/entry − 1/P) equals maintenance margin (F/P)·mmr − cum, where F = contracts ×
/// contract size is the position's face value in USD. Solving for P:
/// LP = (F·mmr + side·F) / (WB − TMM + UPNL + cum + side·F/entry).
/// </summary>
/// <remarks>
/// Everything but prices and F is in the coin: WB (isolated or cross wallet), TMM and UPNL (the other positions'
/// maintenance margin and uPnL, 0 in isolated mode), cum (the bracket's maintenance amount). Brackets are by
/// notional in the coin, F/P; as for linear contracts the bracket is re-resolved at LP.
/// A short whose wallet covers its face value at entry (1× or less) has no liquidation price: +∞.
/// </remarks>
public static class InverseLiquidationPrice
{
    /// <summary>The formula for one given bracket, without re-resolution.</summary>
    /// <param name="side">+1 long, −1 short.</param>
    /// <param name="faceValue">F = contracts × contract size, USD, &gt; 0.</param>
    /// <param name="entryPrice">Average entry price, USD per coin.</param>
    /// <param name="walletBalance">WB in the coin.</param>
    /// <param name="otherMaintenanceMargin">TMM in the coin.</param>
    /// <param name="otherUnrealizedPnl">UPNL in the coin.</param>
    /// <param name="maintenanceMarginRate">mmr of the bracket, fraction.</param>
    /// <param name="maintenanceAmount">cum of the bracket, coin.</param>
    /// <returns>The price in USD; ≤ 0 or infinite where no positive price solves the equation.</returns>
    public static double ForBracket(int side, double faceValue, double entryPrice, double walletBalance, double otherMaintenanceMargin,
        double otherUnrealizedPnl, double maintenanceMarginRate, double maintenanceAmount)
    {
        double numerator = (faceValue * maintenanceMarginRate) + (side * faceValue);
        double denominator = walletBalance - otherMaintenanceMargin + otherUnrealizedPnl + maintenanceAmount + (side * faceValue / entryPrice);
        return numerator / denominator;
    }

    /// <summary>The liquidation price with bracket re-resolution over <paramref name="table"/>.</summary>
    /// <param name="side">+1 long, −1 short.</param>
    /// <param name="contracts">Position size in contracts, &gt; 0.</param>
    /// <param name="contractSize">USD face value of one contract, &gt; 0.</param>
    /// <param name="entryPrice">Average entry price, USD per coin.</param>
    /// <param name="walletBalance">WB in the coin: isolated wallet or cross wallet.</param>
    /// <param name="table">The COIN-M bracket table in force (notional in the coin).</param>
    /// <param name="otherMaintenanceMargin">TMM in the coin (0 in isolated mode or with one position).</param>
    /// <param name="otherUnrealizedPnl">UPNL in the coin (0 in isolated mode or with one position).</param>
    /// <returns>Liquidation price in USD, &gt; 0, or +∞ when no price liquidates the position.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Side is not ±1, or contracts or contract size is not positive.</exception>
    public static double Compute(int side, double contracts, double contractSize, double entryPrice, double walletBalance, LeverageBracketTable table,
        double otherMaintenanceMargin = 0, double otherUnrealizedPnl = 0)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (side is not (1 or -1))
        {
            throw new ArgumentOutOfRangeException(nameof(side), side, "Side must be +1 (long) or −1 (short).");
        }

        if (!(contracts > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(contracts), contracts, "Contracts must be positive.");
        }

        if (!(contractSize > 0) || !double.IsFinite(contractSize))
        {
            throw new ArgumentOutOfRangeException(nameof(contractSize), contractSize, "Contract size must be a positive number of USD.");
        }

        return ComputeUnchecked(side, contracts * contractSize, entryPrice, walletBalance, table.Span, otherMaintenanceMargin, otherUnrealizedPnl);
    }

    /// <summary>Engine entry point without argument checks; <paramref name="faceValue"/> = contracts × contract size.</summary>
    internal static double ComputeUnchecked(int side, double faceValue, double entryPrice, double walletBalance, ReadOnlySpan<LeverageBracket> brackets,
        double otherMaintenanceMargin, double otherUnrealizedPnl)
    {
        double fallback = double.NaN;
        double entryNotional = faceValue / entryPrice;
        for (int n = 0; n < brackets.Length; n++)
        {
            var b = brackets[n];
            double price = ForBracket(side, faceValue, entryPrice, walletBalance, otherMaintenanceMargin, otherUnrealizedPnl, b.MaintenanceMarginRate, b.MaintenanceAmount);
            bool last = n == brackets.Length - 1;
            if (price > 0 && double.IsFinite(price))
            {
                double notional = faceValue / price;
                if (notional >= b.FloorNotional && (notional < b.CapNotional || last))
                {
                    return price;
                }
            }

            if (b.Contains(entryNotional) || (last && double.IsNaN(fallback)))
            {
                fallback = price;
            }
        }

        // No self-consistent bracket: a short whose wallet covers the face value (no positive price liquidates it:
        // the formula gives P ≤ 0), a long whose wallet is already below maintenance at every price (liquidate now:
        // +∞ is beyond any mark), or rounding exactly at a bracket boundary (the entry bracket's answer).
        return fallback > 0 && double.IsFinite(fallback) ? fallback : double.PositiveInfinity;
    }
}
