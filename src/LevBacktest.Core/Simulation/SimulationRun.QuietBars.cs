using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

using LevBacktest.Core.Metrics;

namespace LevBacktest.Core.Simulation;

/// <content>
/// The bars of a held position where nothing happens, in a loop of their own: most bars of a run. The general bar loop
/// calls the strategy and the rare paths (fills, liquidation, funding), and every call makes the JIT keep the loop's
/// floating-point state in memory (the System V ABI saves no XMM register across a call); this loop makes no call, so
/// the position, the account and the metrics stay in registers.
/// </content>
internal sealed partial class SimulationRun<TPayoff>
{
    /// <summary>
    /// Runs the bars from <paramref name="from"/> on while nothing but the close's bookkeeping and funding happen to the
    /// held position: no tier-table change (the caller stops the stretch before <paramref name="end"/>), the open and the
    /// bar's path touch no liquidation, stop or take-profit level, the signal keeps the side, and the position's
    /// notional stays in its cached bracket. A funding bar settles here as step 1 of the general loop does (same call,
    /// same order), then goes on as a quiet bar if it is one: on hourly data with funding every 8 bars, the stretches
    /// no longer end at each settlement. Each bar's figures are computed with the arithmetic of the general loop, in
    /// the same order, so the results are the same to the last bit.
    /// </summary>
    /// <param name="from">The bar to start at; the position is held, no order is pending, the run has not ended.</param>
    /// <param name="end">The next tier-table bar (int.MaxValue for none).</param>
    /// <param name="metrics">The run's one-pass metrics, carried on.</param>
    /// <param name="curve">The run's curve being written.</param>
    /// <param name="columns">The run's bar columns, as spans.</param>
    /// <param name="fundingBar">The bar each funding event settles at, ascending (the general loop's cursor array).</param>
    /// <param name="fundingCursor">The next funding event to settle; advanced past those settled here.</param>
    /// <param name="nextFundingBar">Its bar (int.MaxValue when none is left); kept in step with the cursor.</param>
    /// <returns>The first bar not run here (≥ <paramref name="from"/>; the bar count when the stretch ran to the end):
    /// the general loop runs that bar's steps from the start — its funding already settled here, if any, as the
    /// advanced cursor tells it — as nothing else of it was changed here.</returns>
    private int HoldQuietBars(int from, int end, ref RunMetricsAccumulator metrics, EquityCurve curve, in RunColumns columns,
        int[] fundingBar, ref int fundingCursor, ref int nextFundingBar)
    {
        var table = _brackets.Table.BracketArray;
        int k = _brackets.BracketIndex;
        if ((uint)k >= (uint)table.Length)
        {
            return from;
        }

        var bracket = table[k];
        bool lastBracket = k == table.Length - 1;
        int n = _data.Count;
        var open = columns.Open;
        var high = columns.High;
        var low = columns.Low;
        var markOpen = columns.MarkOpen;
        var markHigh = columns.MarkHigh;
        var markLow = columns.MarkLow;
        var markClose = columns.MarkClose;
        var sides = columns.Sides;
        var equityOut = curve.Equity;
        var notionalOut = curve.PositionNotional;
        var leverageOut = curve.EffectiveLeverage;
        var marginRatioOut = curve.MarginRatio;
        var liquidationOut = curve.LiquidationPrice;

        var payoff = _payoff;
        int side = _position.Side;
        double quantity = _position.Quantity;
        double entryPrice = _position.EntryPrice;
        double liquidationPrice = _position.LiquidationPrice;
        double stopPrice = _position.StopPrice;
        double takeProfitPrice = _position.TakeProfitPrice;
        double highestHigh = _position.HighestHigh;
        double lowestLow = _position.LowestLow;
        double balance = _account.Balance;
        double isolatedWallet = _account.IsolatedWallet;
        bool isolated = _isolated;
        bool stopOnMark = _stopOnMark;
        var pass = metrics;

        int last = Math.Min(end, n);
        if (open.Length < last || high.Length < last || low.Length < last || markOpen.Length < last || markHigh.Length < last
            || markLow.Length < last || markClose.Length < last || sides.Length < last || equityOut.Length < last
            || notionalOut.Length < last || leverageOut.Length < last || marginRatioOut.Length < last || liquidationOut.Length < last)
        {
            throw new InvalidOperationException("A bar column or curve array is shorter than the run.");
        }

        if (last <= from)
        {
            return from; // an empty stretch: nothing below would change
        }

        // Every column and curve array holds at least `last` ≥ 1 elements (checked above), so the loop reads and writes
        // through references without a bounds check per access: fourteen compare-and-branch pairs were a fifth of
        // the loop's instructions. The references come from the spans' indexers and the arrays, not from
        // MemoryMarshal.GetReference: that CoreLib generic is not precompiled into this assembly (JIT-compiled, tier 0
        // at first, never inlined into ReadyToRun code).
        ref double openAt = ref Unsafe.AsRef(in open[0]);
        ref double highAt = ref Unsafe.AsRef(in high[0]);
        ref double lowAt = ref Unsafe.AsRef(in low[0]);
        ref double markOpenAt = ref Unsafe.AsRef(in markOpen[0]);
        ref double markHighAt = ref Unsafe.AsRef(in markHigh[0]);
        ref double markLowAt = ref Unsafe.AsRef(in markLow[0]);
        ref double markCloseAt = ref Unsafe.AsRef(in markClose[0]);
        ref sbyte sideAt = ref Unsafe.AsRef(in sides[0]);
        ref double equityAt = ref MemoryMarshal.GetArrayDataReference(equityOut);
        ref double notionalAt = ref MemoryMarshal.GetArrayDataReference(notionalOut);
        ref double leverageAt = ref MemoryMarshal.GetArrayDataReference(leverageOut);
        ref double marginRatioAt = ref MemoryMarshal.GetArrayDataReference(marginRatioOut);
        ref double liquidationAt = ref MemoryMarshal.GetArrayDataReference(liquidationOut);
        int i = from;
        int fundingAt = nextFundingBar;
        for (; i < last; i++)
        {
            double markOpenPrice = Unsafe.Add(ref markOpenAt, i);
            if (i >= fundingAt)
            {
                // Step 1, as the general loop runs it: every event settling at this bar, on the position carried in.
                // The settlement moves the wallet and the liquidation price, so the loop's copies are read again.
                _position.HighestHigh = highestHigh;
                _position.LowestLow = lowestLow;
                int cursor = fundingCursor;
                while (cursor < fundingBar.Length && fundingBar[cursor] <= i)
                {
                    SettleFunding(cursor, i, markOpenPrice, columns);
                    cursor++;
                }

                fundingCursor = cursor;
                fundingAt = cursor < fundingBar.Length ? fundingBar[cursor] : int.MaxValue;
                nextFundingBar = fundingAt;
                balance = _account.Balance;
                isolatedWallet = _account.IsolatedWallet;
                liquidationPrice = _position.LiquidationPrice;
            }

            // Step 2's open check and step 4's path, as the general loop tests them: any level touched ends the stretch.
            double openPrice = Unsafe.Add(ref openAt, i);
            double trigger = stopOnMark ? markOpenPrice : openPrice;
            double barHigh = Unsafe.Add(ref highAt, i), barLow = Unsafe.Add(ref lowAt, i);
            double barMarkHigh = Unsafe.Add(ref markHighAt, i), barMarkLow = Unsafe.Add(ref markLowAt, i);
            bool touched = side > 0
                ? markOpenPrice <= liquidationPrice || trigger <= stopPrice || trigger >= takeProfitPrice
                    || barMarkLow <= liquidationPrice || (stopOnMark ? barMarkLow : barLow) <= stopPrice || (stopOnMark ? barMarkHigh : barHigh) >= takeProfitPrice
                : markOpenPrice >= liquidationPrice || trigger >= stopPrice || trigger <= takeProfitPrice
                    || barMarkHigh >= liquidationPrice || (stopOnMark ? barMarkHigh : barHigh) >= stopPrice || (stopOnMark ? barMarkLow : barLow) <= takeProfitPrice;

            // Step 5: a signal that changes side (or answers out of range) orders something.
            if (touched || Unsafe.Add(ref sideAt, i) != side)
            {
                break;
            }

            double markClosePrice = Unsafe.Add(ref markCloseAt, i);
            double unrealized = payoff.ProfitAndLoss(side, quantity, entryPrice, markClosePrice);
            double notional = payoff.Notional(quantity, markClosePrice);
            if (!(notional >= bracket.FloorNotional && (notional < bracket.CapNotional || lastBracket)))
            {
                break; // the position changes bracket: the general loop looks it up
            }

            if (barHigh > highestHigh)
            {
                highestHigh = barHigh;
            }

            if (barLow < lowestLow)
            {
                lowestLow = barLow;
            }

            double equity = balance + unrealized;
            double marginBalance = isolated ? isolatedWallet + unrealized : equity;
            double leverage = notional / equity;
            Unsafe.Add(ref equityAt, i) = equity;
            Unsafe.Add(ref notionalAt, i) = notional;
            Unsafe.Add(ref leverageAt, i) = leverage;
            pass.AddHeld(equity, notional, leverage);
            Unsafe.Add(ref marginRatioAt, i) = bracket.MaintenanceMargin(notional) / marginBalance;
            Unsafe.Add(ref liquidationAt, i) = liquidationPrice;
        }

        _position.HighestHigh = highestHigh;
        _position.LowestLow = lowestLow;
        metrics = pass;
        return i;
    }
}
