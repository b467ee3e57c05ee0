namespace LevBacktest.Core.Metrics;

/// <summary>Computes <see cref="RunMetrics"/> from a run's totals, its one-pass figures and its equity curve (formulas on <see cref="RunMetrics"/>).</summary>
internal static class RunMetricsCalculator
{
    internal const double MillisecondsPerDay = 86_400_000.0;
    internal const double DaysPerYear = 365.0;

    /// <summary>Totals gathered by the engine besides the per-bar arrays.</summary>
    internal readonly record struct Totals(
        double InitialCapital,
        double Leverage,
        long BarIntervalMs,
        double LiquidationCount,
        double FirstLiquidationTimeMs,
        double MarginLost,
        double ClearanceFees,
        double FundingPaid,
        double FundingReceived,
        double FeesPaid,
        double RealizedPnl,
        double OpenUnrealizedPnl,
        double TradeCount,
        double StopCount,
        double TakeProfitCount,
        double RejectedOrders,
        double ReducedOrders,
        double MaxOrderLeverage);

    /// <summary>Sum of squared negative bar returns (NaN returns skipped), the slow reference for the rare NaN case.</summary>
    private static double DownsideSquaresByDefinition(double initial, ReadOnlySpan<double> equity)
    {
        double downsideSquares = 0;
        double previous = initial;
        foreach (double e in equity)
        {
            double r = previous > 0 ? (e / previous) - 1 : 0;
            if (r < 0)
            {
                downsideSquares += r * r;
            }

            previous = e;
        }

        return downsideSquares;
    }

    /// <summary>The run's metrics.</summary>
    /// <param name="totals">The engine's totals.</param>
    /// <param name="pass">The one-pass figures the engine gathered bar by bar (<see cref="RunMetricsAccumulator"/>).</param>
    /// <param name="openTimeMs">Bar open times, UTC ms, length n.</param>
    /// <param name="close">Last-price closes, length n.</param>
    /// <param name="sumOfSquaredCloseReturns">Σ r_t² of the close-to-close returns of <paramref name="close"/>
    /// (<see cref="Data.MarketData.SumOfSquaredCloseReturns"/>, cached per data set because it does not depend on the run).</param>
    /// <param name="equity">Equity at each close (USDT), length n = <paramref name="pass"/>.Count.</param>
    /// <exception cref="ArgumentException"><paramref name="pass"/> did not see every bar of <paramref name="equity"/>.</exception>
    internal static RunMetrics Compute(in Totals totals, in RunMetricsAccumulator pass, ReadOnlySpan<long> openTimeMs, ReadOnlySpan<double> close,
        double sumOfSquaredCloseReturns, ReadOnlySpan<double> equity)
    {
        int n = equity.Length;
        if (pass.Count != n)
        {
            throw new ArgumentException($"The metrics pass saw {pass.Count} bars but the equity curve has {n}.", nameof(pass));
        }

        double initial = totals.InitialCapital;
        double final = n > 0 ? equity[n - 1] : initial;
        double barsPerYear = DaysPerYear * MillisecondsPerDay / totals.BarIntervalMs;
        double years = n / barsPerYear;
        double sum = pass.SumOfReturns, sumSquares = pass.SumOfSquaredReturns, downsideSquares = pass.SumOfSquaredNegativeReturns;
        double maxDrawdown = pass.MaxDrawdown;
        int maxDrawdownPeakBar = pass.MaxDrawdownPeakBar, maxDrawdownBar = pass.MaxDrawdownBar;
        int exposed = pass.ExposedBars;
        double leverageSum = pass.SumOfExposedLeverage;

        if (double.IsNaN(downsideSquares))
        {
            // Only a NaN return with its sign bit set gets here (the branch-free sum lets it through, the
            // definition skips it): redo the sum by the definition.
            downsideSquares = DownsideSquaresByDefinition(initial, equity);
        }

        double mean = n > 0 ? sum / n : 0;
        double variance = n > 1 ? (sumSquares - (n * mean * mean)) / (n - 1) : 0;
        double std = variance > 0 ? Math.Sqrt(variance) : 0;
        double downside = n > 0 ? Math.Sqrt(downsideSquares / n) : 0;
        double annualFactor = Math.Sqrt(barsPerYear);

        double totalReturn = (final / initial) - 1;
        double cagr = final <= 0 ? -1 : years > 0 ? Math.Pow(final / initial, 1 / years) - 1 : 0;
        if (!double.IsFinite(cagr))
        {
            cagr = double.NaN; // compounding a short run's return over a year overflows: not meaningful
        }

        // Duration of the max-drawdown episode: from its peak (the run start when the peak is the
        // initial capital, i.e. bar −1 ≡ first open) to recovery of that peak or the last close.
        double durationDays = 0;
        if (maxDrawdownBar >= 0)
        {
            double peakLevel = maxDrawdownPeakBar >= 0 ? equity[maxDrawdownPeakBar] : initial;
            int recovery = n - 1;
            for (int i = maxDrawdownBar + 1; i < n; i++)
            {
                if (equity[i] >= peakLevel)
                {
                    recovery = i;
                    break;
                }
            }

            long startMs = maxDrawdownPeakBar >= 0 ? openTimeMs[maxDrawdownPeakBar] + totals.BarIntervalMs : openTimeMs[0];
            long endMs = openTimeMs[recovery] + totals.BarIntervalMs;
            durationDays = (endMs - startMs) / MillisecondsPerDay;
        }

        // Leverage decay figures against the last-price path.
        double underlying = n > 0 ? (close[n - 1] / close[0]) - 1 : 0;
        double leverage = totals.Leverage;
        double drag = final > 0 ? (leverage * Math.Log(1 + underlying)) - Math.Log(final / initial) : double.NaN;
        double analyticDrag = ((leverage * leverage) - leverage) / 2 * sumOfSquaredCloseReturns;

        double firstLiquidation = totals.FirstLiquidationTimeMs;
        return new RunMetrics
        {
            InitialCapital = initial,
            FinalEquity = final,
            TotalReturn = totalReturn,
            Cagr = cagr,
            AnnualizedVolatility = std * annualFactor,
            Sharpe = std > 0 ? mean / std * annualFactor : 0,
            Sortino = downside > 0 ? mean / downside * annualFactor : 0,
            Calmar = maxDrawdown > 0 ? cagr / maxDrawdown : 0,
            MaxDrawdown = maxDrawdown,
            MaxDrawdownDurationDays = durationDays,
            LiquidationCount = totals.LiquidationCount,
            FirstLiquidationTime = firstLiquidation,
            TimeToFirstLiquidationDays = double.IsNaN(firstLiquidation) || n == 0 ? double.NaN : (firstLiquidation - openTimeMs[0]) / MillisecondsPerDay,
            MarginLost = totals.MarginLost,
            ClearanceFees = totals.ClearanceFees,
            FundingPaid = totals.FundingPaid,
            FundingReceived = totals.FundingReceived,
            FeesPaid = totals.FeesPaid,
            RealizedPnl = totals.RealizedPnl,
            OpenUnrealizedPnl = totals.OpenUnrealizedPnl,
            Exposure = n > 0 ? (double)exposed / n : 0,
            AverageEffectiveLeverage = exposed > 0 ? leverageSum / exposed : 0,
            TradeCount = totals.TradeCount,
            StopCount = totals.StopCount,
            TakeProfitCount = totals.TakeProfitCount,
            RejectedOrders = totals.RejectedOrders,
            ReducedOrders = totals.ReducedOrders,
            MaxOrderLeverage = totals.MaxOrderLeverage,
            UnderlyingReturn = underlying,
            LeverageDecay = final > 0 ? (leverage * underlying) - totalReturn : double.NaN,
            VolatilityDrag = drag,
            AnalyticVolatilityDrag = analyticDrag,
            Leverage = leverage,
            BarCount = n,
            Years = years,
        };
    }
}
