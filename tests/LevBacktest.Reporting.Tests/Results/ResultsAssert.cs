using LevBacktest.Reporting.Results;

using Microsoft.Data.Analysis;

namespace LevBacktest.Reporting.Tests.Results;

/// <summary>Value-by-value comparison of two sets of results (NaN equals NaN, null equals null, types must match).</summary>
internal static class ResultsAssert
{
    public static void Equal(ExperimentResults expected, ExperimentResults actual)
    {
        Assert.Equal(expected.Experiment, actual.Experiment);
        Assert.Equal(expected.RunIndices, actual.RunIndices);
        FramesEqual(expected.Runs, actual.Runs, "Runs");
        FramesEqual(expected.Trades, actual.Trades, "Trades");
        FramesEqual(expected.Liquidations, actual.Liquidations, "Liquidations");
        FramesEqual(expected.FundingPayments, actual.FundingPayments, "FundingPayments");
        FramesEqual(expected.Stops, actual.Stops, "Stops");
        foreach (int run in expected.RunIndices)
        {
            FramesEqual(expected.Equity(run), actual.Equity(run), $"Equity({run})");
        }
    }

    public static void FramesEqual(DataFrame expected, DataFrame actual, string table)
    {
        Assert.Equal(expected.Columns.Select(c => c.Name), actual.Columns.Select(c => c.Name));
        Assert.Equal(expected.Rows.Count, actual.Rows.Count);
        foreach (var column in expected.Columns)
        {
            var other = actual.Columns[column.Name];
            Assert.True(column.DataType == other.DataType, $"{table}.{column.Name}: {column.DataType} read, {other.DataType} in memory");
            for (long row = 0; row < column.Length; row++)
            {
                if (!Equals(column[row], other[row]))
                {
                    Assert.Fail($"{table}.{column.Name}[{row}]: {column[row] ?? "null"} read, {other[row] ?? "null"} in memory");
                }
            }
        }
    }
}
