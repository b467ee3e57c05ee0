namespace LevBacktest.Core.Data.Sources;

/// <summary>Funding settlements as read from one file, in file order, before validation.</summary>
internal sealed class FundingColumns
{
    public required RowNamer Rows { get; init; }

    public SourceTable Table => Rows.Table;

    public required long[] TimeMs { get; init; }

    public required double[] Rate { get; init; }

    /// <summary>Mark price at settlement, NaN where missing; null when the file has no such column.</summary>
    public double[]? MarkPrice { get; init; }

    public required string TimeColumn { get; init; }

    public required string RateColumn { get; init; }

    public string? MarkPriceColumn { get; init; }

    public string? SymbolInData { get; init; }

    public int Count => TimeMs.Length;
}
