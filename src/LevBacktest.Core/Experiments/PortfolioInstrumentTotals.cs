using LevBacktest.Core.Portfolio;

namespace LevBacktest.Core.Experiments;

/// <summary>
/// One instrument's totals in one portfolio run, as summary.json reports them; money in the settlement asset.
/// ProfitAndLoss = RealizedPnl + UnrealizedPnl − FeesPaid − FundingPaid − MarginLost, and the instruments'
/// ProfitAndLoss add up to the account's final equity − initial capital.
/// </summary>
/// <param name="Symbol">The instrument.</param>
/// <param name="ProfitAndLoss">Its contribution to the account's equity.</param>
/// <param name="RealizedPnl">Price PnL realised by exits and resizes.</param>
/// <param name="UnrealizedPnl">uPnL of its position open at the end.</param>
/// <param name="FeesPaid">Trading fees, ≥ 0.</param>
/// <param name="FundingPaid">Net funding paid (negative = received).</param>
/// <param name="MarginLost">Margin lost to its liquidations.</param>
/// <param name="TradeCount">Positions opened.</param>
/// <param name="LiquidationCount">Its positions taken over by liquidations.</param>
/// <param name="StopCount">Its stop and take-profit fills.</param>
/// <param name="BarsWithoutData">Clock bars where it had no bar.</param>
/// <param name="FundingEventsSkipped">Funding events that fell where it had no bar and settled nothing.</param>
public sealed record PortfolioInstrumentTotals(
    string Symbol,
    double ProfitAndLoss,
    double RealizedPnl,
    double UnrealizedPnl,
    double FeesPaid,
    double FundingPaid,
    double MarginLost,
    int TradeCount,
    int LiquidationCount,
    int StopCount,
    int BarsWithoutData,
    int FundingEventsSkipped)
{
    /// <summary>The totals of an engine result.</summary>
    /// <param name="result">One instrument's result.</param>
    public static PortfolioInstrumentTotals Of(PortfolioInstrumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.Symbol, result.ProfitAndLoss, result.RealizedPnl, result.UnrealizedPnl, result.FeesPaid, result.FundingPaid, result.MarginLost,
            result.Trades.Count, result.Liquidations.Count, result.StopEvents.Count, result.BarsWithoutData, result.FundingEventsSkipped);
    }
}
