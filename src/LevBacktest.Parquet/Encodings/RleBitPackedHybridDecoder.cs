using System.Buffers.Binary;

namespace LevBacktest.Parquet.Encodings;

/// <summary>
/// Decoder of the RLE / bit-packing hybrid of Parquet's Encodings.md (definition levels, dictionary indices,
/// RLE booleans): a sequence of runs, each a varint header whose low bit selects a bit-packed run of
/// (header &gt;&gt; 1) groups of 8 values or an RLE run of (header &gt;&gt; 1) repeats of one value stored in
/// ceil(bitWidth / 8) bytes.
/// </summary>
internal ref struct RleBitPackedHybridDecoder
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _bitWidth;
    private int _position;

    /// <summary>Creates a decoder over <paramref name="data"/> (without any length prefix) for values of <paramref name="bitWidth"/> bits (0–32).</summary>
    public RleBitPackedHybridDecoder(ReadOnlySpan<byte> data, int bitWidth)
    {
        if (bitWidth is < 0 or > 32)
        {
            throw new EncodingException($"RLE bit width {bitWidth} is outside 0–32");
        }

        _data = data;
        _bitWidth = bitWidth;
        _position = 0;
    }

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Position => _position;

    /// <summary>Fills <paramref name="output"/> completely; throws <see cref="EncodingException"/> if the data ends first.</summary>
    public void Read(Span<int> output)
    {
        int filled = 0;
        int byteWidth = (_bitWidth + 7) >> 3;
        while (filled < output.Length)
        {
            if (_position >= _data.Length)
            {
                throw new EncodingException($"RLE/bit-packed data ends after {filled} of {output.Length} values");
            }

            ulong header = BitReader.ReadVarint(_data, ref _position);
            if ((header & 1) == 0)
            {
                ulong runLength = header >> 1;
                if (runLength == 0)
                {
                    throw new EncodingException("RLE run of length 0");
                }

                if (_data.Length - _position < byteWidth)
                {
                    throw new EncodingException("RLE run value runs past the end of the data");
                }

                int value = 0;
                for (int b = 0; b < byteWidth; b++)
                {
                    value |= _data[_position + b] << (8 * b);
                }

                _position += byteWidth;
                if (_bitWidth < 32 && (uint)value >= (1u << _bitWidth))
                {
                    throw new EncodingException($"RLE run value {value} does not fit in {_bitWidth} bits");
                }

                int take = (int)Math.Min(runLength, (ulong)(output.Length - filled));
                output.Slice(filled, take).Fill(value);
                filled += take;
            }
            else
            {
                ulong groups = header >> 1;
                if (groups == 0)
                {
                    throw new EncodingException("bit-packed run of 0 groups");
                }

                ulong runValues = groups * 8;
                ulong runBytes = groups * (ulong)_bitWidth;
                int available = _data.Length - _position;
                int take = (int)Math.Min(runValues, (ulong)(output.Length - filled));
                long neededBytes = (((long)take * _bitWidth) + 7) >> 3;
                if (neededBytes > available)
                {
                    throw new EncodingException($"bit-packed run needs {neededBytes} bytes but only {available} are left");
                }

                BitReader.Unpack32(_data.Slice(_position, available), _bitWidth, output.Slice(filled, take));
                filled += take;
                _position += (int)Math.Min(runBytes, (ulong)available);
            }
        }
    }

    /// <summary>Reads a 4-byte little-endian length prefix (v1 levels) and returns the prefixed slice.</summary>
    public static ReadOnlySpan<byte> SliceLengthPrefixed(ReadOnlySpan<byte> data, out int consumed)
    {
        if (data.Length < 4)
        {
            throw new EncodingException("level data is shorter than its 4-byte length prefix");
        }

        int length = BinaryPrimitives.ReadInt32LittleEndian(data);
        if (length < 0 || length > data.Length - 4)
        {
            throw new EncodingException($"level data length {length} exceeds the {data.Length - 4} bytes of the page");
        }

        consumed = 4 + length;
        return data.Slice(4, length);
    }
}
