namespace LevBacktest.Parquet.Tests;

public sealed class ParquetFileReaderBasicTests
{
    [CorpusFact]
    public void AlltypesPlain_ReadsTypedColumns()
    {
        using var reader = ParquetFileReader.Open(CorpusFiles.PathOf("data/alltypes_plain.parquet"));
        Assert.Equal(8, reader.RowCount);
        var ids = reader.ReadColumn("id");
        Assert.Equal([4, 5, 6, 7, 2, 3, 0, 1], ids.Int32s!);
        var doubles = reader.ReadColumn("double_col");
        Assert.Equal([0, 10.1, 0, 10.1, 0, 10.1, 0, 10.1], doubles.Doubles!);
        var bigints = reader.ReadInt64Column("bigint_col");
        Assert.Equal([0L, 10, 0, 10, 0, 10, 0, 10], bigints);
    }
}
