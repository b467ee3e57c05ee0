using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

using LevBacktest.Parquet.Encodings;
using LevBacktest.Parquet.Format;

namespace LevBacktest.Parquet.Reading;

/// <summary>
/// Decodes the values section of a page into a typed span, for every encoding Encodings.md defines on flat
/// columns. Generic over the element type; the JIT specialises each value-type instantiation, so the PLAIN
/// path of double/long/int is one block copy.
/// </summary>
internal static class ValueDecoding
{
    /// <summary>Decodes <paramref name="output"/>.Length non-null values.</summary>
    /// <typeparam name="T">bool, int, long, float, double, ParquetInt96 or byte[] (matching the physical type).</typeparam>
    public static void Decode<T>(ParquetColumnDescriptor column, ParquetEncoding encoding, ReadOnlySpan<byte> data, Span<T> output, T[]? dictionary)
    {
        switch (encoding)
        {
            case ParquetEncoding.Plain:
                DecodePlain(column, data, output);
                return;
            case ParquetEncoding.PlainDictionary:
            case ParquetEncoding.RleDictionary:
                DecodeDictionary(data, output, dictionary);
                return;
            case ParquetEncoding.Rle when typeof(T) == typeof(bool):
                {
                    var bytes = RleBitPackedHybridDecoder.SliceLengthPrefixed(data, out _);
                    DecodeRleBooleans(bytes, As<T, bool>(output));
                    return;
                }

            case ParquetEncoding.DeltaBinaryPacked when typeof(T) == typeof(long):
                DeltaBinaryPackedDecoder.Decode(data, As<T, long>(output));
                return;
            case ParquetEncoding.DeltaBinaryPacked when typeof(T) == typeof(int):
                DecodeDeltaInt32(data, As<T, int>(output));
                return;
            case ParquetEncoding.DeltaLengthByteArray when typeof(T) == typeof(byte[]) && column.PhysicalType == ParquetPhysicalType.ByteArray:
                DeltaByteArrayDecoder.DecodeLengths(data, As<T, byte[]>(output));
                return;
            case ParquetEncoding.DeltaByteArray when typeof(T) == typeof(byte[]):
                DeltaByteArrayDecoder.DecodeIncremental(data, As<T, byte[]>(output));
                if (column.PhysicalType == ParquetPhysicalType.FixedLenByteArray)
                {
                    CheckFixedLengths(As<T, byte[]>(output), column.TypeLength);
                }

                return;
            case ParquetEncoding.ByteStreamSplit:
                DecodeByteStreamSplit(column, data, output);
                return;
            default:
                throw new EncodingException($"encoding {EncodingName(encoding)} is not valid for {column.PhysicalTypeName} values");
        }
    }

    /// <summary>Decodes a dictionary page (PLAIN values) into a new array of <paramref name="count"/> entries.</summary>
    public static T[] DecodeDictionaryPage<T>(ParquetColumnDescriptor column, ReadOnlySpan<byte> data, int count)
    {
        // Each entry takes at least one byte (booleans one bit) of the page, which bounds the allocation.
        long minBytes = column.PhysicalType switch
        {
            ParquetPhysicalType.Boolean => (count + 7L) / 8,
            ParquetPhysicalType.Int32 or ParquetPhysicalType.Float => 4L * count,
            ParquetPhysicalType.Int64 or ParquetPhysicalType.Double => 8L * count,
            ParquetPhysicalType.Int96 => 12L * count,
            ParquetPhysicalType.ByteArray => 4L * count,
            _ => (long)Math.Max(1, column.TypeLength) * count,
        };
        if (minBytes > data.Length)
        {
            throw new EncodingException($"dictionary page claims {count} values but holds only {data.Length} bytes");
        }

        var values = new T[count];
        DecodePlain(column, data, values.AsSpan());
        return values;
    }

    /// <summary>Reads dictionary indices (bit-width byte, then RLE/bit-packed hybrid) and gathers the entries.</summary>
    private static void DecodeDictionary<T>(ReadOnlySpan<byte> data, Span<T> output, T[]? dictionary)
    {
        if (dictionary is null)
        {
            throw new EncodingException("dictionary-encoded page without a dictionary page");
        }

        if (output.Length == 0)
        {
            return;
        }

        if (data.IsEmpty)
        {
            throw new EncodingException("dictionary-encoded page has no index data");
        }

        int bitWidth = data[0];
        int[] indices = ArrayPool<int>.Shared.Rent(output.Length);
        try
        {
            var span = indices.AsSpan(0, output.Length);
            var decoder = new RleBitPackedHybridDecoder(data[1..], bitWidth);
            decoder.Read(span);
            int size = dictionary.Length;
            for (int i = 0; i < span.Length; i++)
            {
                int index = span[i];
                if ((uint)index >= (uint)size)
                {
                    throw new EncodingException($"dictionary index {index} at value {i} is out of range (dictionary holds {size} entries)");
                }

                output[i] = dictionary[index];
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(indices);
        }
    }

    private static void DecodePlain<T>(ParquetColumnDescriptor column, ReadOnlySpan<byte> data, Span<T> output)
    {
        if (typeof(T) == typeof(double))
        {
            PlainDecoder.DecodeFixed(data, As<T, double>(output));
        }
        else if (typeof(T) == typeof(long))
        {
            PlainDecoder.DecodeFixed(data, As<T, long>(output));
        }
        else if (typeof(T) == typeof(int))
        {
            PlainDecoder.DecodeFixed(data, As<T, int>(output));
        }
        else if (typeof(T) == typeof(float))
        {
            PlainDecoder.DecodeFixed(data, As<T, float>(output));
        }
        else if (typeof(T) == typeof(bool))
        {
            PlainDecoder.DecodeBooleans(data, As<T, bool>(output));
        }
        else if (typeof(T) == typeof(ParquetInt96))
        {
            PlainDecoder.DecodeInt96(data, As<T, ParquetInt96>(output));
        }
        else if (column.PhysicalType == ParquetPhysicalType.FixedLenByteArray)
        {
            PlainDecoder.DecodeFixedLenByteArrays(data, column.TypeLength, As<T, byte[]>(output));
        }
        else
        {
            PlainDecoder.DecodeByteArrays(data, As<T, byte[]>(output));
        }
    }

    private static void DecodeByteStreamSplit<T>(ParquetColumnDescriptor column, ReadOnlySpan<byte> data, Span<T> output)
    {
        if (typeof(T) == typeof(double))
        {
            ByteStreamSplitDecoder.DecodeFixed(data, As<T, double>(output));
        }
        else if (typeof(T) == typeof(float))
        {
            ByteStreamSplitDecoder.DecodeFixed(data, As<T, float>(output));
        }
        else if (typeof(T) == typeof(int))
        {
            ByteStreamSplitDecoder.DecodeFixed(data, As<T, int>(output));
        }
        else if (typeof(T) == typeof(long))
        {
            ByteStreamSplitDecoder.DecodeFixed(data, As<T, long>(output));
        }
        else if (typeof(T) == typeof(byte[]) && column.PhysicalType == ParquetPhysicalType.FixedLenByteArray)
        {
            ByteStreamSplitDecoder.DecodeFixedLenByteArrays(data, column.TypeLength, As<T, byte[]>(output));
        }
        else
        {
            throw new EncodingException($"BYTE_STREAM_SPLIT is not defined for {column.PhysicalTypeName}");
        }
    }

    private static void DecodeRleBooleans(ReadOnlySpan<byte> data, Span<bool> output)
    {
        int[] buffer = ArrayPool<int>.Shared.Rent(Math.Max(1, output.Length));
        try
        {
            var values = buffer.AsSpan(0, output.Length);
            new RleBitPackedHybridDecoder(data, 1).Read(values);
            for (int i = 0; i < values.Length; i++)
            {
                output[i] = values[i] != 0;
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(buffer);
        }
    }

    private static void DecodeDeltaInt32(ReadOnlySpan<byte> data, Span<int> output)
    {
        long[] buffer = ArrayPool<long>.Shared.Rent(Math.Max(1, output.Length));
        try
        {
            var values = buffer.AsSpan(0, output.Length);
            DeltaBinaryPackedDecoder.Decode(data, values);
            for (int i = 0; i < values.Length; i++)
            {
                // INT32 deltas wrap in 32 bits (Encodings.md), which truncating the 64-bit sum reproduces.
                output[i] = unchecked((int)values[i]);
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(buffer);
        }
    }

    private static void CheckFixedLengths(Span<byte[]> values, int width)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i].Length != width)
            {
                throw new EncodingException($"value {i} has {values[i].Length} bytes, not the column's fixed length {width}");
            }
        }
    }

    /// <summary>Name of an encoding as parquet.thrift spells it.</summary>
    public static string EncodingName(ParquetEncoding encoding) => ParquetNames.Of(encoding);

    /// <summary>Reinterprets a span of T as a span of TTo when the caller has checked typeof(T) == typeof(TTo).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Span<TTo> As<T, TTo>(Span<T> span)
        => MemoryMarshal.CreateSpan(ref Unsafe.As<T, TTo>(ref MemoryMarshal.GetReference(span)), span.Length);
}
