using LevBacktest.Parquet.Format;
using LevBacktest.Parquet.Thrift;

namespace LevBacktest.Parquet.Writer;

/// <summary>
/// Writes one column chunk (the rows of one column in one row group): an optional PLAIN dictionary page, then
/// data pages v1 each holding [definition levels: 4-byte length + RLE hybrid, bit width 1, for OPTIONAL
/// columns][values: PLAIN, or bit width byte + RLE hybrid dictionary indices], compressed as a whole
/// (parquet-format README "Data Pages" and Encodings.md). Buffers are reused across chunks.
/// </summary>
internal sealed class ColumnChunkWriter
{
    private readonly ParquetWriterOptions _options;
    private readonly PageCompressor _compressor;
    private readonly CountingOutput _output;
    private readonly ChunkValues _values = new();
    private readonly DictionaryEncoder _dictionary = new();
    private readonly ByteBuffer _dictionaryPage = new();
    private readonly ByteBuffer _page = new(1 << 16);
    private readonly ThriftCompactWriter _header = new();
    private int[] _levels = new int[1024];

    /// <summary>Creates a chunk writer appending to <paramref name="output"/>.</summary>
    public ColumnChunkWriter(ParquetWriterOptions options, PageCompressor compressor, CountingOutput output)
    {
        _options = options;
        _compressor = compressor;
        _output = output;
    }

    /// <summary>Writes rows [<paramref name="firstRow"/>, +<paramref name="rowCount"/>) of <paramref name="column"/> as one column chunk.</summary>
    public ColumnChunkMetadata Write(ParquetWriteColumn column, int firstRow, int rowCount)
    {
        _values.Load(column, firstRow, rowCount);
        long nullCount = rowCount - _values.Count;
        ChunkStatistics statistics = ChunkStatistics.Compute(_values, nullCount);

        long start = _output.Position;
        long uncompressedTotal = 0, compressedTotal = 0;
        long? dictionaryOffset = null;
        bool useDictionary = _options.UseDictionary
            && column.PhysicalType != ParquetPhysicalType.Boolean
            && _dictionary.TryEncode(_values, _options.DictionaryPageSizeLimit, _dictionaryPage);
        if (useDictionary)
        {
            dictionaryOffset = _output.Position;
            (long u, long c) = WritePage(ParquetPageType.DictionaryPage, _dictionaryPage.WrittenSpan, _dictionary.EntryCount, ParquetEncoding.Plain);
            uncompressedTotal += u;
            compressedTotal += c;
        }

        long dataPageOffset = _output.Position;
        bool optional = column.Repetition == ParquetRepetition.Optional;
        int bitWidth = useDictionary ? _dictionary.IndexBitWidth : 0;
        long pageBitBudget = (long)_options.DataPageSize * 8;
        int row = firstRow, end = firstRow + rowCount, valueIndex = 0;
        while (row < end)
        {
            int pageFirstRow = row, pageFirstValue = valueIndex;
            long bits = 0;
            while (row < end && bits < pageBitBudget)
            {
                if (column.HasValue(row))
                {
                    bits += useDictionary ? bitWidth : ValueBits(valueIndex);
                    valueIndex++;
                }

                row++;
            }

            _page.Clear();
            if (optional)
            {
                WriteDefinitionLevels(column, pageFirstRow, row - pageFirstRow);
            }

            if (useDictionary)
            {
                _page.WriteByte((byte)bitWidth);
                RleBitPackedHybridEncoder.Encode(_dictionary.Indices[pageFirstValue..valueIndex], bitWidth, _page);
            }
            else
            {
                WritePlainValues(pageFirstValue, valueIndex);
            }

            (long u, long c) = WritePage(
                ParquetPageType.DataPage,
                _page.WrittenSpan,
                row - pageFirstRow,
                useDictionary ? ParquetEncoding.RleDictionary : ParquetEncoding.Plain);
            uncompressedTotal += u;
            compressedTotal += c;
        }

        ParquetEncoding[] encodings = useDictionary
            ? [ParquetEncoding.Plain, ParquetEncoding.Rle, ParquetEncoding.RleDictionary]
            : [ParquetEncoding.Plain, ParquetEncoding.Rle];
        return new ColumnChunkMetadata(
            column, start, dataPageOffset, dictionaryOffset, rowCount, uncompressedTotal, compressedTotal, encodings, statistics, _options.Codec);
    }

    private long ValueBits(int valueIndex) => _values.PhysicalType switch
    {
        ParquetPhysicalType.Boolean => 1,
        ParquetPhysicalType.ByteArray => (4L + _values.Offsets[valueIndex + 1] - _values.Offsets[valueIndex]) * 8,
        _ => _values.FixedWidth * 8L,
    };

    private void WriteDefinitionLevels(ParquetWriteColumn column, int firstRow, int rowCount)
    {
        if (_levels.Length < rowCount)
        {
            _levels = new int[rowCount];
        }

        bool[] validity = column.Validity!;
        for (int i = 0; i < rowCount; i++)
        {
            _levels[i] = validity[firstRow + i] ? 1 : 0;
        }

        int lengthPosition = _page.Length;
        _page.WriteInt32LittleEndian(0);
        RleBitPackedHybridEncoder.Encode(_levels.AsSpan(0, rowCount), 1, _page);
        _page.PatchInt32LittleEndian(lengthPosition, _page.Length - lengthPosition - 4);
    }

    private void WritePlainValues(int firstValue, int endValue)
    {
        switch (_values.PhysicalType)
        {
            case ParquetPhysicalType.Boolean:
                {
                    // PLAIN booleans are bit-packed, least significant bit first, without a run header.
                    ReadOnlySpan<bool> booleans = _values.Booleans[firstValue..endValue];
                    Span<byte> bytes = _page.Reserve((booleans.Length + 7) / 8);
                    bytes.Clear();
                    for (int i = 0; i < booleans.Length; i++)
                    {
                        if (booleans[i])
                        {
                            bytes[i >> 3] |= (byte)(1 << (i & 7));
                        }
                    }

                    break;
                }

            case ParquetPhysicalType.ByteArray:
                for (int i = firstValue; i < endValue; i++)
                {
                    ReadOnlySpan<byte> bytes = _values.ValueBytes(i);
                    _page.WriteInt32LittleEndian(bytes.Length);
                    _page.Write(bytes);
                }

                break;

            default:
                int width = _values.FixedWidth;
                _page.Write(_values.Data[(firstValue * width)..(endValue * width)]);
                break;
        }
    }

    /// <summary>Compresses and writes one page with its header; returns (uncompressed, compressed) sizes including the header.</summary>
    private (long Uncompressed, long Compressed) WritePage(ParquetPageType type, ReadOnlySpan<byte> body, int valueCount, ParquetEncoding encoding)
    {
        ReadOnlySpan<byte> compressed = _compressor.Compress(body);
        _header.Reset();
        _header.WriteI32Field(1, (int)type);
        _header.WriteI32Field(2, body.Length);
        _header.WriteI32Field(3, compressed.Length);
        if (type == ParquetPageType.DataPage)
        {
            _header.BeginStructField(5);
            _header.WriteI32Field(1, valueCount);
            _header.WriteI32Field(2, (int)encoding);
            _header.WriteI32Field(3, (int)ParquetEncoding.Rle);
            _header.WriteI32Field(4, (int)ParquetEncoding.Rle);
            _header.EndStruct();
        }
        else
        {
            _header.BeginStructField(7);
            _header.WriteI32Field(1, valueCount);
            _header.WriteI32Field(2, (int)encoding);
            _header.EndStruct();
        }

        _header.EndTopLevelStruct();
        _output.Write(_header.WrittenSpan);
        _output.Write(compressed);
        return (_header.Length + body.Length, _header.Length + compressed.Length);
    }
}
