using System.Buffers.Binary;
using System.Text;

using LevBacktest.Parquet.Compression;

namespace LevBacktest.Parquet.Tests;

/// <summary>One page of a <see cref="HandBuiltParquetFile"/>: header fields exactly as they will be written, and the stored body.</summary>
internal sealed record HandBuiltPage(int Type, byte[] Body, int ValueCount, int Encoding = 0)
{
    /// <summary>uncompressed_page_size; default: the body length.</summary>
    public int? UncompressedSize { get; init; }

    /// <summary>compressed_page_size; default: the body length.</summary>
    public int? CompressedSize { get; init; }

    /// <summary>CRC to write; null writes none unless <see cref="WithCorrectCrc"/>.</summary>
    public int? Crc { get; init; }

    /// <summary>Write the body's true CRC-32.</summary>
    public bool WithCorrectCrc { get; init; }

    /// <summary>v2: num_nulls.</summary>
    public int NullCount { get; init; }

    /// <summary>v2: definition_levels_byte_length.</summary>
    public int DefinitionLevelsLength { get; init; }

    /// <summary>v2: is_compressed.</summary>
    public bool IsCompressed { get; init; } = true;

    public const int DataPage = 0;
    public const int DictionaryPage = 2;
    public const int DataPageV2 = 3;
}

/// <summary>
/// Builds a one-column, one-row-group Parquet file byte by byte with a small Thrift compact encoder of its own
/// (independent of the project's writer), so tests can set any header field to any value — including wrong ones.
/// </summary>
internal sealed class HandBuiltParquetFile
{
    public string ColumnName { get; init; } = "x";

    /// <summary>Physical type code (2 = INT64).</summary>
    public int PhysicalType { get; init; } = 2;

    /// <summary>Repetition code (0 REQUIRED, 1 OPTIONAL).</summary>
    public int Repetition { get; init; }

    /// <summary>Codec code (0 UNCOMPRESSED).</summary>
    public int Codec { get; init; }

    public required long Rows { get; init; }

    public required IReadOnlyList<HandBuiltPage> Pages { get; init; }

    /// <summary>Overrides the chunk's total_compressed_size.</summary>
    public long? TotalCompressedSize { get; init; }

    /// <summary>Overrides the 4-byte footer length.</summary>
    public int? FooterLength { get; init; }

    public byte[] Build()
    {
        var file = new MemoryStream();
        file.Write("PAR1"u8);
        long chunkStart = file.Position;
        long dictionaryOffset = 0;
        long dataOffset = -1;
        foreach (var page in Pages)
        {
            if (page.Type == HandBuiltPage.DictionaryPage && dictionaryOffset == 0)
            {
                dictionaryOffset = file.Position;
            }
            else if (dataOffset < 0)
            {
                dataOffset = file.Position;
            }

            file.Write(PageHeader(page));
            file.Write(page.Body);
        }

        long chunkLength = file.Position - chunkStart;
        var footer = new Compact();
        footer.I32(1, 1);
        footer.ListBegin(2, Compact.Struct, 2);
        footer.StructBegin();
        footer.String(4, "schema");
        footer.I32(5, 1);
        footer.StructEnd();
        footer.StructBegin();
        footer.I32(1, PhysicalType);
        footer.I32(3, Repetition);
        footer.String(4, ColumnName);
        footer.StructEnd();
        footer.I64(3, Rows);
        footer.ListBegin(4, Compact.Struct, 1);
        footer.StructBegin();
        footer.ListBegin(1, Compact.Struct, 1);
        footer.StructBegin();
        footer.I64(2, chunkStart);
        footer.FieldStructBegin(3);
        footer.I32(1, PhysicalType);
        footer.ListBegin(2, Compact.I32Type, 1);
        footer.RawZigZag(0);
        footer.ListBegin(3, Compact.Binary, 1);
        footer.RawString(ColumnName);
        footer.I32(4, Codec);
        footer.I64(5, Rows);
        footer.I64(6, chunkLength);
        footer.I64(7, TotalCompressedSize ?? chunkLength);
        footer.I64(9, dataOffset < 0 ? chunkStart : dataOffset);
        if (dictionaryOffset != 0)
        {
            footer.I64(11, dictionaryOffset);
        }

        footer.StructEnd();
        footer.StructEnd();
        footer.I64(2, chunkLength);
        footer.I64(3, Rows);
        footer.StructEnd();
        footer.String(6, "hand-built test file");
        footer.Stop();
        byte[] footerBytes = footer.ToArray();
        file.Write(footerBytes);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, FooterLength ?? footerBytes.Length);
        file.Write(length);
        file.Write("PAR1"u8);
        return file.ToArray();
    }

    private static byte[] PageHeader(HandBuiltPage page)
    {
        var header = new Compact();
        header.I32(1, page.Type);
        header.I32(2, page.UncompressedSize ?? page.Body.Length);
        header.I32(3, page.CompressedSize ?? page.Body.Length);
        if (page.WithCorrectCrc)
        {
            header.I32(4, unchecked((int)Crc32.Compute(page.Body)));
        }
        else if (page.Crc is int crc)
        {
            header.I32(4, crc);
        }

        switch (page.Type)
        {
            case HandBuiltPage.DataPage:
                header.FieldStructBegin(5);
                header.I32(1, page.ValueCount);
                header.I32(2, page.Encoding);
                header.I32(3, 3);
                header.I32(4, 3);
                header.StructEnd();
                break;
            case HandBuiltPage.DictionaryPage:
                header.FieldStructBegin(7);
                header.I32(1, page.ValueCount);
                header.I32(2, page.Encoding);
                header.StructEnd();
                break;
            default:
                header.FieldStructBegin(8);
                header.I32(1, page.ValueCount);
                header.I32(2, page.NullCount);
                header.I32(3, page.ValueCount);
                header.I32(4, page.Encoding);
                header.I32(5, page.DefinitionLevelsLength);
                header.I32(6, 0);
                if (!page.IsCompressed)
                {
                    header.Bool(7, false);
                }

                header.StructEnd();
                break;
        }

        header.Stop();
        return header.ToArray();
    }

    /// <summary>PLAIN little-endian INT64 values.</summary>
    public static byte[] PlainInt64(params long[] values)
    {
        byte[] bytes = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 8), values[i]);
        }

        return bytes;
    }

    /// <summary>Concatenates byte arrays.</summary>
    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    /// <summary>Minimal Thrift compact protocol encoder (field headers with deltas, zigzag varints, lists, structs).</summary>
    private sealed class Compact
    {
        public const byte Binary = 8;
        public const byte I32Type = 5;
        public const byte Struct = 12;

        private readonly MemoryStream _bytes = new();
        private readonly Stack<short> _lastIds = new();
        private short _lastId;

        public void I32(short id, int value)
        {
            Field(id, 5);
            Varint(ZigZag(value));
        }

        public void I64(short id, long value)
        {
            Field(id, 6);
            Varint(ZigZag(value));
        }

        public void Bool(short id, bool value) => Field(id, value ? (byte)1 : (byte)2);

        public void String(short id, string value)
        {
            Field(id, 8);
            RawString(value);
        }

        public void RawString(string value)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(value);
            Varint((ulong)utf8.Length);
            _bytes.Write(utf8);
        }

        public void RawZigZag(long value) => Varint(ZigZag(value));

        public void ListBegin(short id, byte elementType, int count)
        {
            Field(id, 9);
            _bytes.WriteByte((byte)((count << 4) | elementType));
        }

        public void FieldStructBegin(short id)
        {
            Field(id, 12);
            StructBegin();
        }

        public void StructBegin()
        {
            _lastIds.Push(_lastId);
            _lastId = 0;
        }

        public void StructEnd()
        {
            _bytes.WriteByte(0);
            _lastId = _lastIds.Pop();
        }

        public void Stop() => _bytes.WriteByte(0);

        public byte[] ToArray() => _bytes.ToArray();

        private void Field(short id, byte type)
        {
            int delta = id - _lastId;
            if (delta is > 0 and <= 15)
            {
                _bytes.WriteByte((byte)((delta << 4) | type));
            }
            else
            {
                _bytes.WriteByte(type);
                Varint(ZigZag(id));
            }

            _lastId = id;
        }

        private void Varint(ulong value)
        {
            while (value >= 0x80)
            {
                _bytes.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }

            _bytes.WriteByte((byte)value);
        }

        private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));
    }
}
