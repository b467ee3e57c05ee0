using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LevBacktest.Parquet.Writer;

/// <summary>
/// Builds a column chunk's dictionary (distinct values in order of first appearance, compared bit for bit so
/// NaN payloads and −0 survive) and the index of every value into it. Gives up when the PLAIN-encoded
/// dictionary would pass the size limit or would not make the chunk smaller than PLAIN encoding.
/// </summary>
internal sealed class DictionaryEncoder
{
    // Maps are kept from chunk to chunk: Clear keeps their capacity, so a file pays for growing them once.
    private readonly Dictionary<int, int> _map32 = [];
    private readonly Dictionary<long, int> _map64 = [];
    private Dictionary<int, int>? _mapBytes;
    private ChunkValues? _mapBytesValues;
    private int[] _indices = new int[256];
    private int[] _entries = new int[256];

    /// <summary>Dictionary index of each non-null value of the last successful <see cref="TryEncode"/>.</summary>
    public ReadOnlySpan<int> Indices => _indices;

    /// <summary>Number of dictionary entries of the last successful <see cref="TryEncode"/>.</summary>
    public int EntryCount { get; private set; }

    /// <summary>Bit width of the RLE_DICTIONARY indices (at least 1).</summary>
    public int IndexBitWidth => Math.Max(1, RleBitPackedHybridEncoder.BitWidth(EntryCount - 1));

    /// <summary>
    /// Tries to dictionary-encode <paramref name="values"/>. On success writes the PLAIN dictionary into
    /// <paramref name="dictionaryPage"/> (cleared first) and returns true.
    /// </summary>
    public bool TryEncode(ChunkValues values, int sizeLimit, ByteBuffer dictionaryPage)
    {
        int count = values.Count;
        if (count == 0)
        {
            return false;
        }

        if (_indices.Length < count)
        {
            _indices = new int[count];
        }

        if (_entries.Length < count)
        {
            _entries = new int[count];
        }

        long plainSize = values.FixedWidth > 0 ? (long)count * values.FixedWidth : values.DataLength + (4L * count);
        bool built = values.FixedWidth switch
        {
            4 => BuildFixed(_map32, values, sizeLimit),
            8 => BuildFixed(_map64, values, sizeLimit),
            _ => BuildBytes(values, sizeLimit),
        };
        if (!built)
        {
            return false;
        }

        dictionaryPage.Clear();
        for (int e = 0; e < EntryCount; e++)
        {
            ReadOnlySpan<byte> bytes = values.ValueBytes(_entries[e]);
            if (values.FixedWidth == 0)
            {
                dictionaryPage.WriteInt32LittleEndian(bytes.Length);
            }

            dictionaryPage.Write(bytes);
        }

        long indexBytes = ((long)count * IndexBitWidth / 8) + 1;
        return dictionaryPage.Length + indexBytes < plainSize;
    }

    /// <summary>
    /// Builds the dictionary of 4- or 8-byte values keyed by their bits (<typeparamref name="TBits"/> is int or long
    /// of the value's width), so FLOAT and DOUBLE values compare bit for bit, not as numbers.
    /// </summary>
    private bool BuildFixed<TBits>(Dictionary<TBits, int> map, ChunkValues values, int sizeLimit)
        where TBits : unmanaged
    {
        int width = Unsafe.SizeOf<TBits>();
        map.Clear();
        map.EnsureCapacity(Math.Min(values.Count, (sizeLimit / width) + 1));
        ReadOnlySpan<TBits> keys = MemoryMarshal.Cast<byte, TBits>(values.Data);
        int entries = 0;
        for (int i = 0; i < keys.Length; i++)
        {
            if (!map.TryGetValue(keys[i], out int index))
            {
                if ((long)(entries + 1) * width > sizeLimit)
                {
                    return false;
                }

                index = entries;
                map.Add(keys[i], index);
                _entries[entries++] = i;
            }

            _indices[i] = index;
        }

        EntryCount = entries;
        return true;
    }

    private bool BuildBytes(ChunkValues values, int sizeLimit)
    {
        if (_mapBytes is null || !ReferenceEquals(_mapBytesValues, values))
        {
            _mapBytes = new Dictionary<int, int>(new ValueBytesComparer(values));
            _mapBytesValues = values;
        }

        Dictionary<int, int> map = _mapBytes;
        map.Clear();
        long dictionarySize = 0;
        int entries = 0;
        int lengthPrefix = values.FixedWidth == 0 ? 4 : 0;
        for (int i = 0; i < values.Count; i++)
        {
            if (!map.TryGetValue(i, out int index))
            {
                dictionarySize += lengthPrefix + values.ValueBytes(i).Length;
                if (dictionarySize > sizeLimit)
                {
                    return false;
                }

                index = entries;
                map.Add(i, index);
                _entries[entries++] = i;
            }

            _indices[i] = index;
        }

        EntryCount = entries;
        return true;
    }

    /// <summary>Compares value positions of a <see cref="ChunkValues"/> by their bytes.</summary>
    private sealed class ValueBytesComparer(ChunkValues values) : IEqualityComparer<int>
    {
        public bool Equals(int x, int y) => values.ValueBytes(x).SequenceEqual(values.ValueBytes(y));

        public int GetHashCode(int obj)
        {
            var hash = default(HashCode);
            hash.AddBytes(values.ValueBytes(obj));
            return hash.ToHashCode();
        }
    }
}
