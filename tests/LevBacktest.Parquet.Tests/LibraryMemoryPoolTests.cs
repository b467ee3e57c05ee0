using LevBacktest.Parquet.Format;
using LevBacktest.Parquet.Library;
using LevBacktest.Parquet.Writer;

namespace LevBacktest.Parquet.Tests;

/// <summary>
/// Readers and writers allocate the library's buffers from the C allocator (<see cref="LibraryMemoryPool"/>), not Arrow's
/// default mimalloc pool, whatever <c>ARROW_DEFAULT_MEMORY_POOL</c> says.
/// </summary>
public sealed class LibraryMemoryPoolTests
{
    [Fact]
    public void SharedPool_IsTheSystemAllocator()
    {
        Assert.Equal("system", LibraryMemoryPool.Shared.BackendName);
    }

    [Theory]
    [InlineData(ParquetCompressionCodec.Zstd, true)]
    [InlineData(ParquetCompressionCodec.Snappy, false)]
    public void WriterProperties_UseTheSystemAllocator_WhateverTheOptions(ParquetCompressionCodec codec, bool dictionary)
    {
        using var properties = ParquetTableWriter.Properties(new ParquetWriterOptions { Codec = codec, UseDictionary = dictionary });
        Assert.Equal("system", properties.MemoryPool.BackendName);
    }

    [Fact]
    public void Reader_UsesTheSystemAllocator_AndReadsWhatTheWriterWrote()
    {
        string path = Path.Combine(Path.GetTempPath(), $"levbt-pool-{Guid.NewGuid():N}.parquet");
        try
        {
            // Enough rows for several pages of ZSTD-compressed, dictionary-encoded values (buffers from the pool).
            const int rows = 200_000;
            var runIndex = new int[rows];
            var equity = new double[rows];
            for (int i = 0; i < rows; i++)
            {
                runIndex[i] = i / 1_000;
                equity[i] = 10_000 + (i % 977 * 0.25);
            }

            using (var table = ParquetTableWriter.Create(path, [ParquetColumnDefinition.Int32("runIndex"), ParquetColumnDefinition.Double("equity")]))
            {
                table.Append([ParquetWriteColumn.Int32("runIndex", runIndex), ParquetWriteColumn.Double("equity", equity)]);
                table.Complete();
            }

            using var reader = ParquetFileReader.Open(path);
            Assert.Equal("system", reader.MemoryPoolBackendName);
            Assert.Equal(runIndex, reader.ReadInt32Column("runIndex"));
            Assert.Equal(equity, reader.ReadDoubleColumn("equity"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
