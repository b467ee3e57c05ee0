using LevBacktest.Core.Margin;

namespace LevBacktest.Core.Instruments;

/// <summary>
/// How a contract turns quantity and prices into money (DESIGN.md "Instruments and margin", "Portfolios and
/// inverse contracts"): the one place where a linear and an inverse contract differ. The engine is generic over
/// a struct implementing this, so every call is resolved and inlined by the JIT (no virtual call per bar).
/// </summary>
/// <remarks>
/// "Money" is the margin currency: USDT for a linear contract, the coin for an inverse one. Quantity is in base
/// units (linear) or contracts (inverse); prices are always quote prices (USDT or USD per coin); side is ±1.
/// Implementations keep each formula's operation order fixed: results are compared bit for bit.
/// </remarks>
internal interface IContractPayoff
{
    /// <summary>Notional in money of <paramref name="quantity"/> at <paramref name="price"/>.</summary>
    double Notional(double quantity, double price);

    /// <summary>Quantity whose notional at <paramref name="price"/> is <paramref name="notional"/> (money).</summary>
    double QuantityForNotional(double notional, double price);

    /// <summary>PnL in money of <paramref name="quantity"/> held on <paramref name="side"/> from <paramref name="entryPrice"/> to <paramref name="price"/>.</summary>
    double ProfitAndLoss(int side, double quantity, double entryPrice, double price);

    /// <summary>A fee of <paramref name="rate"/> (fraction of notional) on <paramref name="quantity"/> filled at <paramref name="price"/>, in money.</summary>
    double Fee(double rate, double quantity, double price);

    /// <summary>Funding paid (positive) or received (negative) by the position at <paramref name="rate"/> and <paramref name="price"/>, in money.</summary>
    double FundingPayment(int side, double quantity, double price, double rate);

    /// <summary>Price at which the position's <paramref name="backing"/> (money) is exactly used up (+∞ or 0 if none).</summary>
    double BankruptcyPrice(int side, double quantity, double entryPrice, double backing);

    /// <summary>
    /// Average entry price after adding <paramref name="added"/> at <paramref name="fillPrice"/> to <paramref name="quantity"/> at
    /// <paramref name="entryPrice"/>; <paramref name="newQuantity"/> is the resulting quantity (quantity + added, as the caller computed it).
    /// </summary>
    double AverageEntryPrice(double quantity, double entryPrice, double added, double fillPrice, double newQuantity);

    /// <summary>
    /// Liquidation price with bracket re-resolution; <paramref name="walletBalance"/>, TMM and UPNL in money.
    /// Returns 0 for a long, +∞ for a short that no positive price liquidates.
    /// </summary>
    double LiquidationPrice(int side, double quantity, double entryPrice, double walletBalance, ReadOnlySpan<LeverageBracket> brackets,
        double otherMaintenanceMargin, double otherUnrealizedPnl);
}
