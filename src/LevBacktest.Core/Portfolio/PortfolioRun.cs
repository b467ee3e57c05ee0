using LevBacktest.Core.Margin;
using LevBacktest.Core.Simulation;

namespace LevBacktest.Core.Portfolio;

/// <summary>
/// The state and bar loop of one portfolio run (see <see cref="PortfolioBacktester"/> for the order of events).
/// Positions are kept as parallel arrays indexed by instrument; money in USDT, quantities in base units.
/// </summary>
internal sealed class PortfolioRun
{
    private readonly IReadOnlyList<PortfolioInstrument> _instruments;
    private readonly PortfolioSettings _settings;
    private readonly bool _isolated;
    private readonly int _count;
    private readonly long[] _clock;
    private readonly int[][] _barAt;          // [instrument][clock bar] → the instrument's own bar, or −1
    private readonly double[] _weight;        // normalised to sum 1

    private readonly int[] _side;
    private readonly double[] _quantity;       // 0 = flat
    private readonly double[] _entryPrice;
    private readonly double[] _isolatedWallet;
    private readonly double[] _lastMark;       // last mark close seen (NaN before the first bar)
    private readonly bool[] _entered;          // the buy-and-hold entry has happened (or can no longer happen)
    private readonly int[][] _fundingBar;
    private readonly int[] _fundingCursor;

    private readonly double[] _fundingPaid;
    private readonly double[] _feesPaid;
    private readonly int[] _barsWithoutData;
    private readonly int[] _fundingSkipped;
    private readonly List<PortfolioLiquidationRecord> _liquidations = [];
    private double _wallet;
    private bool _ended;

    internal PortfolioRun(IReadOnlyList<PortfolioInstrument> instruments, PortfolioSettings settings)
    {
        _instruments = instruments;
        _settings = settings;
        _isolated = settings.MarginMode == MarginMode.Isolated;
        _count = instruments.Count;
        _clock = UnionClock(instruments);
        _barAt = new int[_count][];
        _weight = new double[_count];
        double weightSum = instruments.Sum(i => i.Weight);
        _side = new int[_count];
        _quantity = new double[_count];
        _entryPrice = new double[_count];
        _isolatedWallet = new double[_count];
        _lastMark = new double[_count];
        _entered = new bool[_count];
        _fundingBar = new int[_count][];
        _fundingCursor = new int[_count];
        _fundingPaid = new double[_count];
        _feesPaid = new double[_count];
        _barsWithoutData = new int[_count];
        _fundingSkipped = new int[_count];
        for (int k = 0; k < _count; k++)
        {
            var data = instruments[k].Data;
            _weight[k] = instruments[k].Weight / weightSum;
            _side[k] = instruments[k].Side;
            _lastMark[k] = double.NaN;
            _barAt[k] = MapToClock(_clock, data.OpenTimeMs.Span);
            _fundingBar[k] = data.Funding.SettlementBarIndices(data.OpenTimeMs.Span, settings.FundingTimeToleranceMs);
        }

        _wallet = settings.InitialCapital;
    }

    internal PortfolioResult Execute()
    {
        int n = _clock.Length;
        var equity = new double[n];
        var notional = new double[_count][];
        var liquidationPrice = new double[_count][];
        for (int k = 0; k < _count; k++)
        {
            notional[k] = new double[n];
            liquidationPrice[k] = new double[n];
        }

        var marks = new double[_count];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < _count; k++)
            {
                if (_barAt[k][i] < 0)
                {
                    _barsWithoutData[k]++;
                }
            }

            SettleFunding(i);

            // 2. Open check at the mark opens (the last mark where an instrument has no bar).
            if (!_ended)
            {
                for (int k = 0; k < _count; k++)
                {
                    marks[k] = MarkOr(k, i, MarkField.Open);
                }

                CheckLiquidation(i, marks, atOpen: true);
            }

            // 3. Entries decided at bar 0's close fill from bar 1's open on.
            if (i >= 1 && !_ended)
            {
                EnterPositions(i);
            }

            // 4. Adverse path: every instrument at its adverse mark extreme at once.
            if (!_ended)
            {
                for (int k = 0; k < _count; k++)
                {
                    marks[k] = MarkOr(k, i, _side[k] > 0 ? MarkField.Low : MarkField.High);
                }

                CheckLiquidation(i, marks, atOpen: false);
            }

            // 5. Close.
            for (int k = 0; k < _count; k++)
            {
                double close = MarkOr(k, i, MarkField.Close);
                _lastMark[k] = close;
                marks[k] = close;
            }

            double total = _wallet;
            for (int k = 0; k < _count; k++)
            {
                total += _isolatedWallet[k] + Unrealized(k, marks[k]);
                notional[k][i] = _quantity[k] * marks[k];
                liquidationPrice[k][i] = _quantity[k] > 0 ? PositionLiquidationPrice(k, i, marks) : double.NaN;
            }

            equity[i] = total;
        }

        var unrealized = new double[_count];
        for (int k = 0; k < _count; k++)
        {
            unrealized[k] = Unrealized(k, _lastMark[k]);
        }

        return new PortfolioResult(_clock, equity, notional, liquidationPrice, _liquidations, _fundingPaid, _feesPaid, unrealized, _barsWithoutData, _fundingSkipped);
    }

    private enum MarkField : byte
    {
        Open,
        High,
        Low,
        Close,
    }

    private double MarkOr(int k, int clockBar, MarkField field)
    {
        int b = _barAt[k][clockBar];
        if (b < 0)
        {
            return _lastMark[k];
        }

        var data = _instruments[k].Data;
        bool mark = data.HasMarkPrice && double.IsFinite(data.MarkClose.Span[b]);
        return field switch
        {
            MarkField.Open => (mark ? data.MarkOpen : data.Open).Span[b],
            MarkField.High => (mark ? data.MarkHigh : data.High).Span[b],
            MarkField.Low => (mark ? data.MarkLow : data.Low).Span[b],
            _ => (mark ? data.MarkClose : data.Close).Span[b],
        };
    }

    private double Unrealized(int k, double mark) => _quantity[k] > 0 ? _side[k] * _quantity[k] * (mark - _entryPrice[k]) : 0;

    private LeverageBracketTable TableAt(int k, int clockBar)
    {
        var schedule = _instruments[k].Brackets;
        return schedule.Tables[schedule.IndexAt(_clock[clockBar])];
    }

    private double MaintenanceMargin(int k, int clockBar, double mark) =>
        _quantity[k] > 0 ? TableAt(k, clockBar).MaintenanceMargin(_quantity[k] * mark) : 0;

    /// <summary>Position k's liquidation price: isolated alone; cross with the others' TMM and UPNL at <paramref name="marks"/>.</summary>
    private double PositionLiquidationPrice(int k, int clockBar, double[] marks)
    {
        double wallet = _isolated ? _isolatedWallet[k] : _wallet;
        double otherMaintenance = 0, otherUnrealized = 0;
        if (!_isolated)
        {
            for (int j = 0; j < _count; j++)
            {
                if (j != k)
                {
                    otherMaintenance += MaintenanceMargin(j, clockBar, marks[j]);
                    otherUnrealized += Unrealized(j, marks[j]);
                }
            }
        }

        return LiquidationPrice.ComputeUnchecked(_side[k], _quantity[k], _entryPrice[k], wallet, TableAt(k, clockBar).Span, otherMaintenance, otherUnrealized);
    }

    private void SettleFunding(int clockBar)
    {
        long interval = _instruments[0].Data.BarIntervalMs;
        for (int k = 0; k < _count; k++)
        {
            int b = _barAt[k][clockBar];
            if (b < 0)
            {
                continue;
            }

            var data = _instruments[k].Data;
            var funding = data.Funding;
            int[] bars = _fundingBar[k];
            while (_fundingCursor[k] < bars.Length && bars[_fundingCursor[k]] <= b)
            {
                int e = _fundingCursor[k]++;
                long eventMs = funding.TimeMs.Span[e];

                // The event settles at the instrument's bar that holds it; one that fell in a gap of this instrument's
                // bars (or before its first bar) maps to a later bar and settles nothing.
                if (data.OpenTimeMs.Span[bars[e]] - (eventMs - _settings.FundingTimeToleranceMs) >= interval)
                {
                    _fundingSkipped[k]++;
                    continue;
                }

                if (_quantity[k] <= 0)
                {
                    continue;
                }

                double price = MarkOr(k, clockBar, MarkField.Open);
                if (funding.HasMarkPrice && double.IsFinite(funding.MarkPrice.Span[e]) && funding.MarkPrice.Span[e] > 0)
                {
                    price = funding.MarkPrice.Span[e];
                }

                double payment = _side[k] * _quantity[k] * price * funding.Rate.Span[e];
                if (_isolated)
                {
                    _isolatedWallet[k] -= payment;
                }
                else
                {
                    _wallet -= payment;
                }

                _fundingPaid[k] += payment;
            }
        }
    }

    private void EnterPositions(int clockBar)
    {
        double equity = _wallet;
        for (int k = 0; k < _count; k++)
        {
            equity += _isolatedWallet[k] + Unrealized(k, MarkOr(k, clockBar, MarkField.Open));
        }

        for (int k = 0; k < _count; k++)
        {
            int b = _barAt[k][clockBar];
            if (_entered[k] || b < 0 || !(equity > 0))
            {
                continue;
            }

            _entered[k] = true;
            double open = _instruments[k].Data.Open.Span[b];
            double margin = _isolated ? Math.Min(_weight[k] * equity, _wallet) : _weight[k] * equity;
            if (!(margin > 0))
            {
                continue;
            }

            double quantity = _settings.Leverage * (_isolated ? margin : _weight[k] * equity) / open;
            double fee = _settings.TakerFeeRate * quantity * open;
            if (_isolated)
            {
                _wallet -= margin;
                _isolatedWallet[k] = margin - fee;
            }
            else
            {
                _wallet -= fee;
            }

            _feesPaid[k] += fee;
            _quantity[k] = quantity;
            _entryPrice[k] = open;
        }
    }

    /// <summary>Steps 2 and 4: cross — the account against the total maintenance margin at <paramref name="marks"/>; isolated — each position alone.</summary>
    private void CheckLiquidation(int clockBar, double[] marks, bool atOpen)
    {
        if (_isolated)
        {
            for (int k = 0; k < _count; k++)
            {
                if (_quantity[k] <= 0 || _barAt[k][clockBar] < 0)
                {
                    continue;
                }

                double lp = PositionLiquidationPrice(k, clockBar, marks);
                bool hit = _side[k] > 0 ? marks[k] <= lp : marks[k] >= lp;
                if (hit)
                {
                    _liquidations.Add(new PortfolioLiquidationRecord(_clock[clockBar], clockBar, k, atOpen ? marks[k] : lp, Math.Max(_isolatedWallet[k], 0), false));
                    _isolatedWallet[k] = 0;
                    _quantity[k] = 0;
                }
            }

            return;
        }

        double marginBalance = _wallet, maintenance = 0;
        bool any = false;
        for (int k = 0; k < _count; k++)
        {
            if (_quantity[k] > 0)
            {
                any = true;
                marginBalance += Unrealized(k, marks[k]);
                maintenance += MaintenanceMargin(k, clockBar, marks[k]);
            }
        }

        if (!any || marginBalance > maintenance)
        {
            return;
        }

        // The account is taken over: every position is recorded at its own liquidation price with the others at
        // these marks (clamped into this bar's mark range), the wallet is lost and the run takes no more orders.
        double lost = Math.Max(_wallet, 0);
        double totalNotional = 0;
        for (int k = 0; k < _count; k++)
        {
            totalNotional += _quantity[k] * marks[k];
        }

        int first = _liquidations.Count;
        for (int k = 0; k < _count; k++)
        {
            if (_quantity[k] <= 0)
            {
                continue;
            }

            double price = marks[k];
            if (!atOpen && _barAt[k][clockBar] >= 0)
            {
                double lp = PositionLiquidationPrice(k, clockBar, marks);
                double open = MarkOr(k, clockBar, MarkField.Open);
                price = _side[k] > 0 ? Math.Clamp(lp, marks[k], Math.Max(open, marks[k])) : Math.Clamp(lp, Math.Min(open, marks[k]), marks[k]);
            }

            double share = totalNotional > 0 ? _quantity[k] * marks[k] / totalNotional : 0;
            _liquidations.Add(new PortfolioLiquidationRecord(_clock[clockBar], clockBar, k, price, lost * share, true));
        }

        // Flattened only now: each record's price above carries every other position.
        for (int r = first; r < _liquidations.Count; r++)
        {
            _quantity[_liquidations[r].Instrument] = 0;
        }

        _wallet = 0;
        _ended = true;
    }

    private static long[] UnionClock(IReadOnlyList<PortfolioInstrument> instruments)
    {
        var times = new List<long>();
        foreach (var instrument in instruments)
        {
            foreach (long t in instrument.Data.OpenTimeMs.Span)
            {
                times.Add(t);
            }
        }

        times.Sort();
        var clock = new List<long>(times.Count);
        foreach (long t in times)
        {
            if (clock.Count == 0 || clock[^1] != t)
            {
                clock.Add(t);
            }
        }

        return [.. clock];
    }

    private static int[] MapToClock(long[] clock, ReadOnlySpan<long> own)
    {
        var map = new int[clock.Length];
        int j = 0;
        for (int i = 0; i < clock.Length; i++)
        {
            while (j < own.Length && own[j] < clock[i])
            {
                j++;
            }

            map[i] = j < own.Length && own[j] == clock[i] ? j : -1;
        }

        return map;
    }
}
