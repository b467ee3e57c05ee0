namespace LevBacktest.Core.Data.Sources;

/// <summary>A Parquet file read through LevBacktest.Parquet's reader, its columns mapped to source columns.</summary>
internal sealed class ParquetSourceTable : SourceTable
{
    private ParquetSourceTable(string path, IReadOnlyList<SourceColumnInfo> columns, int rowCount)
        : base(path, columns, rowCount)
    {
    }

    /// <summary>Opens a Parquet file.</summary>
    /// <exception cref="MarketDataException">Always, until the Parquet reader lands on main.</exception>
    public static ParquetSourceTable Open(string path) =>
        throw new MarketDataException(path, null, null, "reading Parquet files is not available in this build yet (the Parquet reader has not landed); use a CSV file.");

    public override SourceColumn Read(SourceColumnInfo column) =>
        throw new MarketDataException(Path, null, column.Name, "reading Parquet files is not available in this build yet.");
}
