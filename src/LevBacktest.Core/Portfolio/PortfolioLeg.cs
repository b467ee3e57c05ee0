using LevBacktest.Core.Data;
using LevBacktest.Core.Instruments;
using LevBacktest.Core.Simulation;
using LevBacktest.Core.Strategies;

namespace LevBacktest.Core.Portfolio;

/// <summary>
/// One instrument inside a portfolio run: its data and strategy, the same state components a single run holds
/// (<see cref="PositionState"/>, <see cref="MarginAccount"/> for its isolated wallet and totals, <see cref="BracketCursor"/>,
/// <see cref="RunEventLog"/>), its pending order, and its per-bar outputs on the portfolio's clock.
/// </summary>
/// <remarks>In a cross account the shared wallet is the run's; <see cref="Account"/>.Wallet stays 0 and only its totals are used.</remarks>
/// <typeparam name="TPayoff">The contract's payoff.</typeparam>
internal sealed class PortfolioLeg<TPayoff>
    where TPayoff : struct, IContractPayoff
{
    public readonly TPayoff Payoff;
    public readonly MarketData Data;
    public readonly ISignal? Signal;
    public readonly int FixedSide;
    public readonly double FixedWeight;
    public readonly IStopLoss? StopLoss;
    public readonly bool StopMovesAfterEntry;
    public readonly double[]? SlippageByBar;
    public readonly double[] Open;
    public readonly double[] High;
    public readonly double[] Low;
    public readonly double[] MarkOpen;
    public readonly double[] MarkHigh;
    public readonly double[] MarkLow;
    public readonly double[] MarkClose;
    public readonly int MarkFallbackBars;

    /// <summary>[clock bar] → own bar index, or −1.</summary>
    public readonly int[] BarAt;

    /// <summary>Clock bar at which each funding event settles (n = never).</summary>
    public readonly int[] FundingClockBar;

    /// <summary>Realised volatility at each own bar (NaN before a full lookback), or null when not needed.</summary>
    public readonly double[]? Volatility;

    public readonly RunEventLog Log;
    public readonly double[] NotionalOut;
    public readonly sbyte[] SideOut;
    public readonly double[] LiquidationPriceOut;

    public PositionState Position = PositionState.Flat;
    public MarginAccount Account;
    public BracketCursor Brackets;
    public int NextTableBar;
    public int FundingCursor;
    public int FundingSkipped;
    public int BarsWithoutData;
    public PortfolioOrder Pending;
    public int PendingSide;
    public bool Ended;

    /// <summary>The side the signal wants after its latest close (0 before the first).</summary>
    public int Desired;

    /// <summary>Target share of the account's gross leverage, set at each close from the wanted instruments.</summary>
    public double TargetWeight;

    /// <summary>Own bar index of the latest bar at or before the current clock bar (−1 before the first).</summary>
    public int LastBar = -1;

    /// <summary>Last mark close seen (NaN before the first bar): where the instrument is marked while it has no bar.</summary>
    public double LastMark = double.NaN;

    /// <summary>The instrument's mark at the moment being evaluated (open, adverse extreme, close, or its last mark).</summary>
    public double CurrentMark;

    /// <summary>A leg over <paramref name="instrument"/> on a clock of <paramref name="clock"/>.Length bars.</summary>
    public PortfolioLeg(TPayoff payoff, PortfolioInstrument instrument, long[] clock, PortfolioSettings settings, bool isolated, bool needsVolatility)
    {
        Payoff = payoff;
        Data = instrument.Data;
        Signal = instrument.Signal;
        FixedSide = instrument.Side;
        FixedWeight = instrument.Weight;
        StopLoss = instrument.StopLoss;
        StopMovesAfterEntry = StopLoss?.MovesAfterEntry ?? false;
        SlippageByBar = settings.Slippage.PerBar(Data.Close.Span);
        var mark = Data.ResolvedMark;
        (Open, High, Low) = (ArrayOf(Data.Open), ArrayOf(Data.High), ArrayOf(Data.Low));
        (MarkOpen, MarkHigh, MarkLow, MarkClose, MarkFallbackBars) = (ArrayOf(mark.Open), ArrayOf(mark.High), ArrayOf(mark.Low), ArrayOf(mark.Close), mark.FallbackBars);
        BarAt = PortfolioClock.MapToClock(clock, Data.OpenTimeMs.Span);
        FundingClockBar = Data.Funding.SettlementBarIndices(clock, settings.FundingTimeToleranceMs);
        Volatility = needsVolatility ? PortfolioWeights.RealizedVolatility(Data.Close.Span, settings.VolatilityLookbackBars) : null;
        Log = new RunEventLog(Data.Funding.Count);
        NotionalOut = new double[clock.Length];
        SideOut = new sbyte[clock.Length];
        LiquidationPriceOut = new double[clock.Length];
        Account = new MarginAccount(0, isolated);
        Brackets = new BracketCursor(instrument.Brackets, Data.OpenTimeMs.Span[0]);
        NextTableBar = Brackets.NextTableBar(Data.OpenTimeMs.Span, 0);
        foreach (int b in BarAt)
        {
            BarsWithoutData += b < 0 ? 1 : 0;
        }
    }

    /// <summary>The array behind <paramref name="memory"/> when it is a whole array (the usual case), else a copy: plain array
    /// reads in the bar loop instead of a Span per access.</summary>
    private static double[] ArrayOf(ReadOnlyMemory<double> memory) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();

    /// <summary>Whether a position is open.</summary>
    public bool Held => Position.Side != 0;

    /// <summary>The signal's side at own bar <paramref name="bar"/> (the fixed side without a signal).</summary>
    public int DesiredSideAt(int bar)
    {
        if (Signal is null)
        {
            return FixedSide;
        }

        int desired = Signal.DesiredSide(bar);
        if (desired is < -1 or > 1)
        {
            throw new InvalidOperationException($"Signal {Signal.GetType().Name} of {Data.Symbol} returned side {desired} at bar {bar}; expected −1, 0 or +1.");
        }

        return desired;
    }

    /// <summary>The stop rule's answer, or no stop without a rule.</summary>
    public StopDecision EvaluateStop(in StopContext context) => StopLoss is null ? StopDecision.None : StopLoss.Evaluate(in context);

    /// <summary>Slippage fraction at own bar <paramref name="bar"/>.</summary>
    public double SlippageAt(int bar, double fixedSlippage) => SlippageByBar is null ? fixedSlippage : SlippageByBar[bar];

    /// <summary>uPnL of the open position at <paramref name="mark"/> (0 when flat).</summary>
    public double Unrealized(double mark) => Payoff.ProfitAndLoss(Position.Side, Position.Quantity, Position.EntryPrice, mark);

    /// <summary>Makes the position flat and drops its pending order.</summary>
    public void Flatten()
    {
        Position.Flatten();
        Pending = PortfolioOrder.None;
    }
}
