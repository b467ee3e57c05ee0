using System.Buffers;

using LevBacktest.Parquet.Compression;
using LevBacktest.Parquet.Encodings;
using LevBacktest.Parquet.Format;
using LevBacktest.Parquet.Thrift;

namespace LevBacktest.Parquet.Reading;

/// <summary>
/// Reads the pages of one column chunk (a dictionary page, then data pages v1/v2) into a
/// <see cref="ColumnAccumulator"/>, checking every size against the chunk before using it. Errors become
/// <see cref="ParquetFormatException"/>s naming file, row group, column and the page's byte offset.
/// </summary>
internal sealed class ColumnChunkReader
{
    private readonly string _fileName;
    private readonly int _rowGroup;
    private readonly ParquetColumnDescriptor _column;
    private readonly ParquetColumnChunkMetadata _chunk;
    private readonly ParquetReaderOptions _options;

    public ColumnChunkReader(string fileName, int rowGroup, ParquetColumnDescriptor column, ParquetColumnChunkMetadata chunk, ParquetReaderOptions options)
    {
        _fileName = fileName;
        _rowGroup = rowGroup;
        _column = column;
        _chunk = chunk;
        _options = options;
    }

    private string Where => $"{_fileName}: row group {_rowGroup}, column '{_column.Name}'";

    /// <summary>Reads <paramref name="rowCount"/> rows from <paramref name="chunkBytes"/>, which start at file offset <paramref name="chunkOffset"/>.</summary>
    public void Read(ReadOnlySpan<byte> chunkBytes, long chunkOffset, int rowCount, ColumnAccumulator output)
    {
        switch (_column.PhysicalType)
        {
            case ParquetPhysicalType.Boolean: Read<bool>(chunkBytes, chunkOffset, rowCount, output); break;
            case ParquetPhysicalType.Int32: Read<int>(chunkBytes, chunkOffset, rowCount, output); break;
            case ParquetPhysicalType.Int64: Read<long>(chunkBytes, chunkOffset, rowCount, output); break;
            case ParquetPhysicalType.Int96: Read<ParquetInt96>(chunkBytes, chunkOffset, rowCount, output); break;
            case ParquetPhysicalType.Float: Read<float>(chunkBytes, chunkOffset, rowCount, output); break;
            case ParquetPhysicalType.Double: Read<double>(chunkBytes, chunkOffset, rowCount, output); break;
            default: Read<byte[]>(chunkBytes, chunkOffset, rowCount, output); break;
        }
    }

    private void Read<T>(ReadOnlySpan<byte> chunkBytes, long chunkOffset, int rowCount, ColumnAccumulator output)
    {
        T[]? dictionary = null;
        int rowsRead = 0;
        int position = 0;
        int pageIndex = 0;
        while (rowsRead < rowCount)
        {
            long pageOffset = chunkOffset + position;
            string pageWhere = $"{Where}, page {pageIndex} at byte offset {pageOffset}";
            if (position >= chunkBytes.Length)
            {
                throw new ParquetFormatException($"{pageWhere}: the column chunk ends after {rowsRead} of {rowCount} rows");
            }

            var thrift = new ThriftCompactReader(chunkBytes[position..], pageOffset, pageWhere);
            PageHeader header = FileMetadataDecoder.DecodePageHeader(ref thrift);
            ValidateHeader(header, chunkBytes.Length - position - header.HeaderLength, pageWhere);
            var stored = chunkBytes.Slice(position + header.HeaderLength, header.CompressedSize);
            position += header.HeaderLength + header.CompressedSize;
            pageIndex++;

            if (header.Crc is int crc && _options.VerifyPageChecksums)
            {
                uint actual = Crc32.Compute(stored);
                if (actual != unchecked((uint)crc))
                {
                    throw new ParquetFormatException($"{pageWhere}: page CRC-32 mismatch (stored 0x{unchecked((uint)crc):x8}, computed 0x{actual:x8}); the page is corrupt");
                }
            }

            try
            {
                switch ((ParquetPageType)header.Type)
                {
                    case ParquetPageType.DictionaryPage:
                        if (dictionary is not null)
                        {
                            throw new EncodingException("second dictionary page in one column chunk");
                        }

                        if (rowsRead > 0)
                        {
                            throw new EncodingException("dictionary page after data pages");
                        }

                        dictionary = ReadDictionaryPage<T>(header, stored);
                        break;
                    case ParquetPageType.DataPage:
                        rowsRead += ReadDataPageV1(header, stored, rowCount - rowsRead, dictionary, output);
                        break;
                    case ParquetPageType.DataPageV2:
                        rowsRead += ReadDataPageV2(header, stored, rowCount - rowsRead, dictionary, output);
                        break;
                    case ParquetPageType.IndexPage:
                        break;
                    default:
                        throw new EncodingException($"unknown page type {header.Type}");
                }
            }
            catch (EncodingException exception)
            {
                throw new ParquetFormatException($"{pageWhere}: {exception.Message}", exception);
            }
            catch (InvalidDataException exception)
            {
                throw new ParquetFormatException($"{pageWhere}: corrupt {PageDecompressor.Name(_chunk.Codec)} data: {exception.Message}", exception);
            }
        }
    }

    private void ValidateHeader(in PageHeader header, int bytesLeft, string pageWhere)
    {
        if (header.Type < 0 || header.CompressedSize < 0 || header.UncompressedSize < 0)
        {
            throw new ParquetFormatException($"{pageWhere}: page header lacks its type or sizes, or they are negative (type {header.Type}, compressed {header.CompressedSize}, uncompressed {header.UncompressedSize})");
        }

        if (header.CompressedSize > bytesLeft)
        {
            throw new ParquetFormatException($"{pageWhere}: page header claims {header.CompressedSize} bytes but only {bytesLeft} remain in the column chunk (total_compressed_size {_chunk.TotalCompressedSize})");
        }

        if (header.Type is 0 or 2 or 3 && header.SubHeader != header.Type switch { 0 => 1, 2 => 2, _ => 3 })
        {
            throw new ParquetFormatException($"{pageWhere}: page of type {header.Type} lacks its matching page header struct");
        }

        if ((header.Type is 0 or 2 or 3) && header.ValueCount < 0)
        {
            throw new ParquetFormatException($"{pageWhere}: negative or missing num_values {header.ValueCount}");
        }
    }

    private T[] ReadDictionaryPage<T>(in PageHeader header, ReadOnlySpan<byte> stored)
    {
        var encoding = (ParquetEncoding)header.Encoding;
        if (encoding is not (ParquetEncoding.Plain or ParquetEncoding.PlainDictionary))
        {
            throw new EncodingException($"dictionary page encoding {ValueDecoding.EncodingName(encoding)} is not PLAIN");
        }

        byte[]? rented = null;
        try
        {
            var body = Decompress(stored, header.UncompressedSize, ref rented);
            return ValueDecoding.DecodeDictionaryPage<T>(_column, body, header.ValueCount);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private int ReadDataPageV1<T>(in PageHeader header, ReadOnlySpan<byte> stored, int rowsLeft, T[]? dictionary, ColumnAccumulator output)
    {
        int valueCount = header.ValueCount;
        if (valueCount > rowsLeft)
        {
            throw new EncodingException($"page holds {valueCount} values but only {rowsLeft} rows of the row group remain");
        }

        byte[]? rented = null;
        int[]? levels = null;
        try
        {
            var body = Decompress(stored, header.UncompressedSize, ref rented);
            int defined = valueCount;
            if (_column.IsOptional)
            {
                levels = ArrayPool<int>.Shared.Rent(Math.Max(1, valueCount));
                var levelSpan = levels.AsSpan(0, valueCount);
                int consumed;
                var levelEncoding = (ParquetEncoding)header.DefinitionLevelEncoding;
                if (levelEncoding == ParquetEncoding.Rle)
                {
                    var levelBytes = RleBitPackedHybridDecoder.SliceLengthPrefixed(body, out consumed);
                    new RleBitPackedHybridDecoder(levelBytes, 1).Read(levelSpan);
                }
                else if (levelEncoding == ParquetEncoding.BitPacked)
                {
                    consumed = DecodeLegacyBitPackedLevels(body, levelSpan);
                }
                else
                {
                    throw new EncodingException($"definition level encoding {ValueDecoding.EncodingName(levelEncoding)} is not RLE or BIT_PACKED");
                }

                defined = CountDefined(levelSpan);
                body = body[consumed..];
            }

            DecodeValues(header, body, valueCount, defined, levels, dictionary, output);
            return valueCount;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }

            if (levels is not null)
            {
                ArrayPool<int>.Shared.Return(levels);
            }
        }
    }

    private int ReadDataPageV2<T>(in PageHeader header, ReadOnlySpan<byte> stored, int rowsLeft, T[]? dictionary, ColumnAccumulator output)
    {
        int valueCount = header.ValueCount;
        if (valueCount > rowsLeft)
        {
            throw new EncodingException($"page holds {valueCount} values but only {rowsLeft} rows of the row group remain");
        }

        if (header.NullCount < 0 || header.NullCount > valueCount || header.DefinitionLevelsByteLength < 0 || header.RepetitionLevelsByteLength < 0)
        {
            throw new EncodingException($"v2 page header has inconsistent counts (num_values {valueCount}, num_nulls {header.NullCount}, level lengths {header.RepetitionLevelsByteLength}/{header.DefinitionLevelsByteLength})");
        }

        long levelBytes = (long)header.RepetitionLevelsByteLength + header.DefinitionLevelsByteLength;
        if (levelBytes > stored.Length || levelBytes > header.UncompressedSize)
        {
            throw new EncodingException($"v2 page levels take {levelBytes} bytes but the page stores {stored.Length} (uncompressed {header.UncompressedSize})");
        }

        // Repetition levels of a flat column are all zero whatever their length; they are skipped.
        var definitionLevels = stored.Slice(header.RepetitionLevelsByteLength, header.DefinitionLevelsByteLength);
        var storedValues = stored[(int)levelBytes..];
        int valuesSize = header.UncompressedSize - (int)levelBytes;
        byte[]? rented = null;
        int[]? levels = null;
        try
        {
            int defined = valueCount;
            if (_column.IsOptional)
            {
                levels = ArrayPool<int>.Shared.Rent(Math.Max(1, valueCount));
                var levelSpan = levels.AsSpan(0, valueCount);
                new RleBitPackedHybridDecoder(definitionLevels, 1).Read(levelSpan);
                defined = CountDefined(levelSpan);
                if (valueCount - defined != header.NullCount)
                {
                    throw new EncodingException($"definition levels give {valueCount - defined} nulls but the page header says {header.NullCount}");
                }
            }
            else if (header.NullCount != 0)
            {
                throw new EncodingException($"REQUIRED column page declares {header.NullCount} nulls");
            }

            ReadOnlySpan<byte> body;
            if (!header.IsCompressed || _chunk.Codec == ParquetCompressionCodec.Uncompressed)
            {
                if (storedValues.Length != valuesSize)
                {
                    throw new EncodingException($"uncompressed values section stores {storedValues.Length} bytes but the header implies {valuesSize}");
                }

                body = storedValues;
            }
            else if (valuesSize == 0 && storedValues.Length == 0)
            {
                // An empty values section is stored as zero bytes, not as a compressed empty stream.
                body = [];
            }
            else
            {
                body = Decompress(storedValues, valuesSize, ref rented);
            }

            DecodeValues(header, body, valueCount, defined, levels, dictionary, output);
            return valueCount;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }

            if (levels is not null)
            {
                ArrayPool<int>.Shared.Return(levels);
            }
        }
    }

    private void DecodeValues<T>(in PageHeader header, ReadOnlySpan<byte> body, int valueCount, int defined, int[]? levels, T[]? dictionary, ColumnAccumulator output)
    {
        output.EnsureCapacity(valueCount);
        var values = (T[])output.Values;
        int start = output.Count;
        var target = values.AsSpan(start, valueCount);
        ValueDecoding.Decode(_column, (ParquetEncoding)header.Encoding, body, target[..defined], dictionary);
        if (levels is not null)
        {
            byte[] validity = output.Validity!;
            if (defined < valueCount)
            {
                // Spread the densely decoded values to their rows, from the end so nothing is overwritten early.
                int source = defined - 1;
                for (int i = valueCount - 1; i >= 0; i--)
                {
                    if (levels[i] != 0)
                    {
                        target[i] = target[source--];
                    }
                    else
                    {
                        target[i] = default!;
                    }
                }

                output.HasNulls = true;
            }

            for (int i = 0; i < valueCount; i++)
            {
                int row = start + i;
                if (levels[i] != 0)
                {
                    validity[row >> 3] |= (byte)(1 << (row & 7));
                }
            }
        }

        output.Count = start + valueCount;
    }

    private static int CountDefined(ReadOnlySpan<int> levels)
    {
        int defined = 0;
        for (int i = 0; i < levels.Length; i++)
        {
            int level = levels[i];
            if (level == 1)
            {
                defined++;
            }
            else if (level != 0)
            {
                throw new EncodingException($"definition level {level} exceeds the flat column's maximum 1");
            }
        }

        return defined;
    }

    /// <summary>Deprecated BIT_PACKED levels: values packed most-significant bit first, no length prefix.</summary>
    private static int DecodeLegacyBitPackedLevels(ReadOnlySpan<byte> data, Span<int> levels)
    {
        int bytes = (levels.Length + 7) >> 3;
        if (bytes > data.Length)
        {
            throw new EncodingException("BIT_PACKED definition levels run past the end of the page");
        }

        for (int i = 0; i < levels.Length; i++)
        {
            levels[i] = (data[i >> 3] >> (7 - (i & 7))) & 1;
        }

        return bytes;
    }

    /// <summary>Decompresses a page body into a pooled buffer after checking the declared size is achievable.</summary>
    private ReadOnlySpan<byte> Decompress(ReadOnlySpan<byte> stored, int uncompressedSize, scoped ref byte[]? rented)
    {
        var codec = _chunk.Codec;
        if (codec == ParquetCompressionCodec.Uncompressed)
        {
            if (stored.Length != uncompressedSize)
            {
                throw new EncodingException($"uncompressed page stores {stored.Length} bytes but declares {uncompressedSize}");
            }

            return stored;
        }

        if (uncompressedSize > PageDecompressor.MaxExpansion(codec, stored.Length))
        {
            throw new EncodingException($"page declares {uncompressedSize} uncompressed bytes, more than {PageDecompressor.Name(codec)} can produce from {stored.Length} bytes");
        }

        if (uncompressedSize > ((long)stored.Length * PageDecompressor.TrustedRatio) + PageDecompressor.TrustedSlack)
        {
            // A far larger declared size than stored is possible (long runs compress very well) but must be real
            // before it is allocated.
            long actual = PageDecompressor.MeasureOutput(codec, stored, uncompressedSize);
            if (actual != uncompressedSize)
            {
                throw new EncodingException($"page declares {uncompressedSize} uncompressed bytes but its {PageDecompressor.Name(codec)} data expands to {(actual > uncompressedSize ? "more" : actual.ToString(System.Globalization.CultureInfo.InvariantCulture))}");
            }
        }

        rented = ArrayPool<byte>.Shared.Rent(Math.Max(1, uncompressedSize));
        var destination = rented.AsSpan(0, uncompressedSize);
        PageDecompressor.Decompress(codec, stored, destination);
        return destination;
    }
}
