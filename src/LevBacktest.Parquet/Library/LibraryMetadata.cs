using System.Buffers.Binary;
using System.Runtime.InteropServices;

using LevBacktest.Parquet.Format;

namespace LevBacktest.Parquet.Library;

/// <summary>
/// Our <see cref="ParquetFileMetadata"/> from the footer ParquetSharp decoded: row groups, and per column chunk
/// codec, encodings, sizes, value count and statistics (min/max re-encoded PLAIN, as the footer stores them).
/// </summary>
internal static class LibraryMetadata
{
    /// <summary>Copies the footer of an open file.</summary>
    public static ParquetFileMetadata Build(ParquetSharp.ParquetFileReader reader, ParquetSharp.FileMetaData footer, long fileLength)
    {
        var schema = footer.Schema;
        var paths = new string[schema.NumColumns];
        var typeLengths = new int[schema.NumColumns];
        for (int c = 0; c < paths.Length; c++)
        {
            var column = schema.Column(c);
            using var path = column.Path;
            paths[c] = path.ToDotString();
            typeLengths[c] = column.TypeLength;
        }

        var rowGroups = new ParquetRowGroupMetadata[footer.NumRowGroups];
        for (int g = 0; g < rowGroups.Length; g++)
        {
            using var rowGroup = reader.RowGroup(g);
            var metadata = rowGroup.MetaData;
            var chunks = new ParquetColumnChunkMetadata[metadata.NumColumns];
            for (int c = 0; c < chunks.Length; c++)
            {
                using var chunk = metadata.GetColumnChunkMetaData(c);
                chunks[c] = c < paths.Length ? Chunk(chunk, paths[c], typeLengths[c]) : throw new ParquetFormatException($"row group {g} has more column chunks than the schema has columns");
            }

            rowGroups[g] = new ParquetRowGroupMetadata { Index = g, RowCount = metadata.NumRows, TotalByteSize = metadata.TotalByteSize, Columns = chunks };
        }

        return new ParquetFileMetadata
        {
            Version = footer.Version == ParquetSharp.ParquetVersion.PARQUET_1_0 ? 1 : 2,
            RowCount = footer.NumRows,
            RowGroups = rowGroups,
            KeyValueMetadata = footer.KeyValueMetadata.Select(pair => new KeyValuePair<string, string?>(pair.Key, pair.Value)).ToArray(),
            CreatedBy = footer.CreatedBy,
            FooterLength = footer.Size,
            FileLength = fileLength,
        };
    }

    private static ParquetColumnChunkMetadata Chunk(ParquetSharp.ColumnChunkMetaData chunk, string path, int typeLength)
    {
        var physical = LibrarySchema.PhysicalType(chunk.Type);
        return new ParquetColumnChunkMetadata
        {
            Path = path,
            PhysicalType = physical,
            Codec = Codec(chunk.Compression),
            Encodings = chunk.Encodings.Where(e => e is not (ParquetSharp.Encoding.Undefined or ParquetSharp.Encoding.Unknown))
                .Select(e => Enum.Parse<ParquetEncoding>(e.ToString())).ToArray(),
            ValueCount = chunk.NumValues,
            TotalCompressedSize = chunk.TotalCompressedSize,
            TotalUncompressedSize = chunk.TotalUncompressedSize,
            DataPageOffset = chunk.FileOffset,
            IsEncrypted = chunk.CryptoMetadata is not null,
            Statistics = chunk.IsStatsSet ? Statistics(chunk, typeLength) : null,
        };
    }

    /// <summary>
    /// Our codec of the library's. Arrow calls the thrift codec LZ4_RAW "LZ4" and the deprecated thrift LZ4
    /// "LZ4_HADOOP".
    /// </summary>
    private static ParquetCompressionCodec Codec(ParquetSharp.Compression codec) => codec switch
    {
        ParquetSharp.Compression.Uncompressed => ParquetCompressionCodec.Uncompressed,
        ParquetSharp.Compression.Snappy => ParquetCompressionCodec.Snappy,
        ParquetSharp.Compression.Gzip => ParquetCompressionCodec.Gzip,
        ParquetSharp.Compression.Brotli => ParquetCompressionCodec.Brotli,
        ParquetSharp.Compression.Zstd => ParquetCompressionCodec.Zstd,
        ParquetSharp.Compression.Lz4 => ParquetCompressionCodec.Lz4Raw,
        ParquetSharp.Compression.Lz4Hadoop or ParquetSharp.Compression.Lz4Frame => ParquetCompressionCodec.Lz4,
        ParquetSharp.Compression.Lzo => ParquetCompressionCodec.Lzo,
        _ => throw new ParquetFormatException($"unknown compression codec {codec}"),
    };

    private static ParquetStatistics? Statistics(ParquetSharp.ColumnChunkMetaData chunk, int typeLength)
    {
        using var statistics = chunk.Statistics;
        if (statistics is null)
        {
            return null;
        }

        (byte[]? min, byte[]? max) = statistics.HasMinMax ? (Plain(statistics.MinUntyped, typeLength), Plain(statistics.MaxUntyped, typeLength)) : (null, null);
        return new ParquetStatistics
        {
            NullCount = statistics.NullCount,
            DistinctCount = statistics.DistinctCount > 0 ? statistics.DistinctCount : null,
            MinValue = min,
            MaxValue = max,
        };
    }

    /// <summary>A statistics bound in its PLAIN encoding (little-endian numbers, raw bytes), or null for a type not shown.</summary>
    private static byte[]? Plain(object? value, int typeLength)
    {
        switch (value)
        {
            case bool flag: return [flag ? (byte)1 : (byte)0];
            case int i: { var bytes = new byte[4]; BinaryPrimitives.WriteInt32LittleEndian(bytes, i); return bytes; }
            case long l: { var bytes = new byte[8]; BinaryPrimitives.WriteInt64LittleEndian(bytes, l); return bytes; }
            case float f: { var bytes = new byte[4]; BinaryPrimitives.WriteSingleLittleEndian(bytes, f); return bytes; }
            case double d: { var bytes = new byte[8]; BinaryPrimitives.WriteDoubleLittleEndian(bytes, d); return bytes; }
            case byte[] raw: return raw;
            case ParquetSharp.ByteArray array: return Copy(array.Pointer, array.Length);
            case ParquetSharp.FixedLenByteArray fixedWidth when typeLength > 0: return Copy(fixedWidth.Pointer, typeLength);

            default: return null;
        }
    }

    private static byte[] Copy(IntPtr pointer, int length)
    {
        var bytes = new byte[length];
        if (length > 0 && pointer != IntPtr.Zero)
        {
            Marshal.Copy(pointer, bytes, 0, length);
        }

        return bytes;
    }
}
