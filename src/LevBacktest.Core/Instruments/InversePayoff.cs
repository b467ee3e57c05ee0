using System.Runtime.CompilerServices;

using LevBacktest.Core.Margin;

namespace LevBacktest.Core.Instruments;

/// <summary>
/// Inverse (coin-margined) contract, as Binance COIN-M and BitMEX XBTUSD: quantity in contracts of
/// <see cref="ContractSize"/> USD face value; notional, margin, PnL, fees, funding and equity in the coin.
/// Notional = contracts · size / P; PnL = side · contracts · size · (1/entry − 1/P) (Binance Support, "How to
/// Calculate Liquidation Price of COIN-M Futures Contracts"; DESIGN.md "Portfolios and inverse contracts").
/// </summary>
/// <remarks>
/// Contracts are fractional here: sizing asks for a notional and gets exactly it (an exchange rounds down to whole
/// contracts; at 100 USD a contract the difference is below one contract). The average entry price of an added fill
/// is the contract-weighted harmonic mean, which keeps the PnL of the two parts additive.
/// </remarks>
internal readonly struct InversePayoff : IContractPayoff
{
    /// <summary>An inverse payoff with contracts of <paramref name="contractSize"/> USD (&gt; 0, finite).</summary>
    public InversePayoff(double contractSize) => ContractSize = contractSize;

    /// <summary>Face value of one contract in USD (BTCUSD: 100, ETHUSD: 10).</summary>
    public double ContractSize { get; }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Notional(double quantity, double price) => quantity * ContractSize / price;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double QuantityForNotional(double notional, double price) => notional * price / ContractSize;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double ProfitAndLoss(int side, double quantity, double entryPrice, double price) =>
        side * quantity * ContractSize * ((1 / entryPrice) - (1 / price));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Fee(double rate, double quantity, double price) => rate * (quantity * ContractSize / price);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double FundingPayment(int side, double quantity, double price, double rate) => side * (quantity * ContractSize / price) * rate;

    /// <inheritdoc/>
    /// <remarks>Solves backing + side·q·size·(1/entry − 1/P) = 0: 1/P = 1/entry + side·backing/(q·size).</remarks>
    public double BankruptcyPrice(int side, double quantity, double entryPrice, double backing)
    {
        double reciprocal = (1 / entryPrice) + (side * backing / (quantity * ContractSize));
        return reciprocal > 0 ? 1 / reciprocal : double.PositiveInfinity;
    }

    /// <inheritdoc/>
    public double AverageEntryPrice(double quantity, double entryPrice, double added, double fillPrice, double newQuantity) =>
        newQuantity / ((quantity / entryPrice) + (added / fillPrice));

    /// <inheritdoc/>
    public double LiquidationPrice(int side, double quantity, double entryPrice, double walletBalance, ReadOnlySpan<LeverageBracket> brackets,
        double otherMaintenanceMargin, double otherUnrealizedPnl) =>
        InverseLiquidationPrice.ComputeUnchecked(side, quantity * ContractSize, entryPrice, walletBalance, brackets, otherMaintenanceMargin, otherUnrealizedPnl);
}
