namespace LevBacktest.Core.Simulation;

/// <summary>
/// The account's wallets and running totals (DESIGN.md "Sizing and money flow"), in the margin currency.
/// </summary>
/// <remarks>
/// <see cref="Wallet"/> is the free balance in isolated mode and the cross wallet in cross mode;
/// <see cref="IsolatedWallet"/> holds the isolated position's margin, into which that position's fees, funding and
/// realised PnL go. Equity = wallet + isolated wallet + uPnL at the mark price. A mutable struct held as a field
/// of the run for the same reason as <see cref="PositionState"/>.
/// </remarks>
internal struct MarginAccount
{
    /// <summary>Free balance (isolated) or cross wallet.</summary>
    public double Wallet;

    /// <summary>The isolated position's wallet (0 in cross mode and when flat).</summary>
    public double IsolatedWallet;

    /// <summary>Realised PnL of all closes and reductions.</summary>
    public double RealizedPnl;

    /// <summary>Trading fees paid.</summary>
    public double FeesPaid;

    /// <summary>Funding paid (sum of positive payments).</summary>
    public double FundingPaid;

    /// <summary>Funding received (sum of negative payments, positive).</summary>
    public double FundingReceived;

    /// <summary>Backing wallets lost to liquidation.</summary>
    public double MarginLost;

    /// <summary>The part of <see cref="MarginLost"/> the exchange kept as clearance fee.</summary>
    public double ClearanceFees;

    /// <summary>Positions opened.</summary>
    public int TradeCount;

    /// <summary>Orders rejected beyond the bracket's max leverage, or whose fee the wallet could not pay.</summary>
    public int RejectedOrders;

    /// <summary>Orders reduced to the bracket's max leverage.</summary>
    public int ReducedOrders;

    /// <summary>Largest leverage (notional / margin) an order was filled at, after the bracket cap.</summary>
    public double MaxOrderLeverage;

    private readonly bool _isolated;

    /// <summary>An account holding <paramref name="initialCapital"/> in its wallet.</summary>
    public MarginAccount(double initialCapital, bool isolated)
    {
        Wallet = initialCapital;
        _isolated = isolated;
    }

    /// <summary>The wallet backing the position: the isolated wallet, or the cross wallet.</summary>
    public double BackingWallet
    {
        readonly get => _isolated ? IsolatedWallet : Wallet;
        set
        {
            if (_isolated)
            {
                IsolatedWallet = value;
            }
            else
            {
                Wallet = value;
            }
        }
    }

    /// <summary>Wallets without uPnL.</summary>
    public readonly double Balance => Wallet + IsolatedWallet;

    /// <summary>Books a funding payment (positive = paid) into the backing wallet and the totals.</summary>
    public void PayFunding(double payment)
    {
        BackingWallet -= payment;
        if (payment > 0)
        {
            FundingPaid += payment;
        }
        else
        {
            FundingReceived -= payment;
        }
    }
}
