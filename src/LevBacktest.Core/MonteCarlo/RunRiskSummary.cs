namespace LevBacktest.Core.MonteCarlo;

/// <summary>
/// The risk figures of one run of the sweep over all its paths (summary.json's <c>runs[i]</c>). Fractions, not
/// percent; equity in USDT; times in days.
/// </summary>
public sealed record RunRiskSummary
{
    /// <summary>Paths the figures are computed from.</summary>
    public required int PathCount { get; init; }

    /// <summary>Paths with at least one liquidation within the horizon.</summary>
    public required int LiquidatedPaths { get; init; }

    /// <summary>Liquidated paths / paths.</summary>
    public required double LiquidationProbability { get; init; }

    /// <summary>Lower end of the 95 % Wilson interval of <see cref="LiquidationProbability"/>.</summary>
    public required double LiquidationProbabilityLower { get; init; }

    /// <summary>Upper end of the 95 % Wilson interval of <see cref="LiquidationProbability"/>.</summary>
    public required double LiquidationProbabilityUpper { get; init; }

    /// <summary>Final-equity quantiles at <see cref="RiskStatistics.QuantileLevels"/> (USDT), length 5.</summary>
    public required double[] FinalEquityQuantiles { get; init; }

    /// <summary>Max-drawdown quantiles at <see cref="RiskStatistics.QuantileLevels"/> (fractions), length 5.</summary>
    public required double[] MaxDrawdownQuantiles { get; init; }

    /// <summary>Mean final equity of the worst 5 % of paths (USDT).</summary>
    public required double ExpectedShortfall5 { get; init; }

    /// <summary>Mean total return of the worst 5 % of paths (fraction).</summary>
    public required double ExpectedShortfall5Return { get; init; }

    /// <summary>Share of paths that lost more than half the initial capital (total return &lt; −0.5).</summary>
    public required double ProbabilityLossOverHalf { get; init; }

    /// <summary>Median days to the first liquidation among liquidated paths; NaN when no path was liquidated.</summary>
    public required double MedianTimeToLiquidationDays { get; init; }

    /// <summary>Mean net funding paid per path (USDT; negative: received).</summary>
    public required double MeanFundingPaid { get; init; }

    /// <summary>Computes the figures of run <paramref name="runIndex"/> from path-major rows.</summary>
    /// <param name="rows">Rows of every path, path-major with <paramref name="runCount"/> runs per path.</param>
    /// <param name="runCount">Runs per path.</param>
    /// <param name="runIndex">The run.</param>
    /// <exception cref="ArgumentException">No paths.</exception>
    public static RunRiskSummary Compute(ReadOnlySpan<PathRunResult> rows, int runCount, int runIndex)
    {
        int n = rows.Length / runCount;
        if (n == 0)
        {
            throw new ArgumentException("The summary needs at least one path.", nameof(rows));
        }

        var equity = new double[n];
        var returns = new double[n];
        var drawdown = new double[n];
        var times = new List<double>();
        int liquidated = 0, halfLost = 0;
        double funding = 0;
        for (int p = 0; p < n; p++)
        {
            var row = rows[(p * runCount) + runIndex];
            equity[p] = row.FinalEquity;
            returns[p] = row.TotalReturn;
            drawdown[p] = row.MaxDrawdown;
            funding += row.FundingPaid;
            if (row.Liquidated)
            {
                liquidated++;
                times.Add(row.TimeToFirstLiquidationDays);
            }

            if (row.TotalReturn < -0.5)
            {
                halfLost++;
            }
        }

        Array.Sort(equity);
        Array.Sort(returns);
        Array.Sort(drawdown);
        var timeArray = times.ToArray();
        Array.Sort(timeArray);
        var (lower, upper) = RiskStatistics.WilsonInterval(liquidated, n);
        var levels = RiskStatistics.QuantileLevels;
        return new RunRiskSummary
        {
            PathCount = n,
            LiquidatedPaths = liquidated,
            LiquidationProbability = (double)liquidated / n,
            LiquidationProbabilityLower = lower,
            LiquidationProbabilityUpper = upper,
            FinalEquityQuantiles = [.. levels.Select(q => RiskStatistics.Quantile(equity, q))],
            MaxDrawdownQuantiles = [.. levels.Select(q => RiskStatistics.Quantile(drawdown, q))],
            ExpectedShortfall5 = RiskStatistics.ExpectedShortfall(equity, 0.05),
            ExpectedShortfall5Return = RiskStatistics.ExpectedShortfall(returns, 0.05),
            ProbabilityLossOverHalf = (double)halfLost / n,
            MedianTimeToLiquidationDays = timeArray.Length == 0 ? double.NaN : RiskStatistics.Quantile(timeArray, 0.5),
            MeanFundingPaid = funding / n,
        };
    }
}
