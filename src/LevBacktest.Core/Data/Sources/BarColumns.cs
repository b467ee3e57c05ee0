namespace LevBacktest.Core.Data.Sources;

/// <summary>OHLC(V) bars as read from one file, in file order, before validation.</summary>
internal sealed class BarColumns
{
    public required RowNamer Rows { get; init; }

    public SourceTable Table => Rows.Table;

    public required long[] OpenTimeMs { get; init; }

    public required double[] Open { get; init; }

    public required double[] High { get; init; }

    public required double[] Low { get; init; }

    public required double[] Close { get; init; }

    /// <summary>Volume in base units, or null for a mark-price file (or a price file without volume).</summary>
    public double[]? Volume { get; init; }

    /// <summary>Names of the columns used: time, open, high, low, close, volume (null when absent).</summary>
    public required string TimeColumn { get; init; }

    public required string OpenColumn { get; init; }

    public required string HighColumn { get; init; }

    public required string LowColumn { get; init; }

    public required string CloseColumn { get; init; }

    public string? VolumeColumn { get; init; }

    /// <summary>The symbol the rows belong to according to a symbol column, or null when the file has none.</summary>
    public string? SymbolInData { get; init; }

    public int Count => OpenTimeMs.Length;
}
