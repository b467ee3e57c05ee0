using System.Runtime.CompilerServices;

using LevBacktest.Core.Margin;

namespace LevBacktest.Core.Instruments;

/// <summary>
/// Linear (USDT-margined) contract: quantity in base units, money in USDT, notional q·P, PnL side·q·(P − entry).
/// The operation order of every formula is the engine's historical one (results stay bit-identical).
/// </summary>
internal readonly struct LinearPayoff : IContractPayoff
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Notional(double quantity, double price) => quantity * price;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double QuantityForNotional(double notional, double price) => notional / price;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double ProfitAndLoss(int side, double quantity, double entryPrice, double price) => side * quantity * (price - entryPrice);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Fee(double rate, double quantity, double price) => rate * quantity * price;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double FundingPayment(int side, double quantity, double price, double rate) => side * quantity * price * rate;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double BankruptcyPrice(int side, double quantity, double entryPrice, double backing) => entryPrice - (side * backing / quantity);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double AverageEntryPrice(double quantity, double entryPrice, double added, double fillPrice, double newQuantity) =>
        ((quantity * entryPrice) + (added * fillPrice)) / newQuantity;

    /// <inheritdoc/>
    public double LiquidationPrice(int side, double quantity, double entryPrice, double walletBalance, ReadOnlySpan<LeverageBracket> brackets,
        double otherMaintenanceMargin, double otherUnrealizedPnl) =>
        Margin.LiquidationPrice.ComputeUnchecked(side, quantity, entryPrice, walletBalance, brackets, otherMaintenanceMargin, otherUnrealizedPnl);
}
