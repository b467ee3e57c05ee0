using LevBacktest.Core.Data;
using LevBacktest.Core.Strategies;
using LevBacktest.Strategies.Indicators;

namespace LevBacktest.Strategies.Sizing;

/// <summary>
/// The largest leverage (up to the leverage under test) whose liquidation price lies at least k · ATR beyond
/// the stop, so that a stop that slips or gaps still exits before liquidation.
/// </summary>
/// <remarks>
/// <para>Isolated-margin liquidation distance of a fresh position, from DESIGN.md's liquidation price with
/// one position, maintenance amount 0 (first tier) and the opening fee f paid from the isolated wallet
/// (wallet = N/L − N·f): for a long, LP = P · (1 − 1/L + f) / (1 − mmr), so the distance as a fraction of P is
/// (1/L − mmr − f) / (1 − mmr); for a short, LP = P · (1 + 1/L − f) / (1 + mmr), distance
/// (1/L − mmr − f) / (1 + mmr). Requiring distance ≥ D = (|P − stop| + k · ATR) / P and solving gives
/// L = 1 / (D · (1 ∓ mmr) + mmr + f) (− for a long, + for a short).</para>
/// <para>Without a stop, D = k · ATR / P. ATR is Wilder's, of bars up to i − 1 for a fill at bar i's open.
/// Warm-up: 0 (do not open) while the ATR is undefined (fill bars i ≤ period − 1). The result is capped at
/// the leverage under test and the first tier's max leverage. In cross margin the liquidation price is
/// further away than this isolated estimate, so the rule is conservative there.</para>
/// </remarks>
public sealed class LiquidationAwareSizing : ISizing
{
    private double[] _atr = [];

    /// <summary>Creates the rule.</summary>
    /// <param name="atrMultiple">k: ATRs between the stop and the liquidation price, ≥ 0.</param>
    /// <param name="atrPeriod">Wilder ATR period in bars, ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter out of range.</exception>
    public LiquidationAwareSizing(double atrMultiple, int atrPeriod)
    {
        if (!(atrMultiple >= 0.0 && double.IsFinite(atrMultiple)))
        {
            throw new ArgumentOutOfRangeException(nameof(atrMultiple), atrMultiple, "ATR multiple must be a finite number ≥ 0.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(atrPeriod, 1);
        AtrMultiple = atrMultiple;
        AtrPeriod = atrPeriod;
    }

    /// <summary>Registration of "liquidation-aware".</summary>
    public static StrategyDescriptor Descriptor { get; } = StrategyDescriptor.ForSizing(
        "liquidation-aware",
        "Largest leverage (up to the one under test) whose isolated liquidation price is at least k x ATR beyond the stop.",
        [
            StrategyParameter.Number("atrMultiple", 2.0, "k: Wilder ATRs required between the stop (or the entry, without a stop) and the liquidation price.", minimum: 0.0),
            StrategyParameter.Integer("atrPeriod", 14, "Wilder ATR period in bars.", minimum: 1),
        ],
        values => new LiquidationAwareSizing(values.GetNumber("atrMultiple"), values.GetInteger("atrPeriod")));

    /// <summary>k: ATRs between stop and liquidation price.</summary>
    public double AtrMultiple { get; }

    /// <summary>ATR period in bars.</summary>
    public int AtrPeriod { get; }

    /// <inheritdoc/>
    public void Prepare(MarketData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _atr = AverageTrueRange.WilderShared(data, AtrPeriod);
    }

    /// <inheritdoc/>
    public double TargetLeverage(in SizingContext context)
    {
        int last = context.BarIndex - 1;
        if (last < 0 || last >= _atr.Length || double.IsNaN(_atr[last]))
        {
            return 0.0;
        }

        double price = context.Price;
        double stopDistance = double.IsNaN(context.StopPrice) ? 0.0 : Math.Max(0.0, context.Side * (price - context.StopPrice));
        double required = (stopDistance + (AtrMultiple * _atr[last])) / price;
        double mmr = context.MaintenanceMarginRate;
        double denominator = (required * (1.0 - (context.Side * mmr))) + mmr + context.TakerFeeRate;
        double leverage = denominator > 0.0 ? 1.0 / denominator : double.PositiveInfinity;
        double cap = Math.Max(0.0, context.LeverageUnderTest);
        if (context.MaxLeverage > 0.0)
        {
            cap = Math.Min(cap, context.MaxLeverage);
        }

        return Math.Min(leverage, cap);
    }

    /// <inheritdoc/>
    /// <remarks>False: the position keeps the size it opened with.</remarks>
    public bool Rebalances => false;

    /// <inheritdoc/>
    public bool ShouldRebalance(in PositionView position) => false;

    /// <summary>
    /// Isolated liquidation price of a fresh position with maintenance amount 0 and the opening fee paid
    /// from the isolated wallet (see remarks); for tests and reports.
    /// </summary>
    /// <param name="side">+1 long, −1 short.</param>
    /// <param name="price">Entry price (USDT).</param>
    /// <param name="leverage">Leverage L &gt; 0.</param>
    /// <param name="maintenanceMarginRate">mmr (fraction).</param>
    /// <param name="feeRate">Opening fee rate (fraction of notional).</param>
    public static double IsolatedLiquidationPrice(int side, double price, double leverage, double maintenanceMarginRate, double feeRate) =>
        price * (1.0 - (side * (1.0 / leverage)) + (side * feeRate)) / (1.0 - (side * maintenanceMarginRate));
}
