using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LevBacktest.Parquet.Compression;

/// <summary>
/// CRC-32 with the IEEE 802.3 / zlib polynomial (reflected 0xEDB88320, initial value and final XOR 0xFFFFFFFF),
/// which parquet.thrift prescribes for <c>PageHeader.crc</c>. Slicing-by-8 (eight 256-entry tables, 8 bytes per
/// step; Kounavis and Berry, "A Systematic Approach to Building High Performance Software-based CRC Generators",
/// 2005), so verifying pages costs little next to decompressing them.
/// </summary>
internal static class Crc32
{
    /// <summary>Table k, entry n at [k·256 + n]: the CRC register after byte n followed by k zero bytes.</summary>
    private static readonly uint[] Tables = BuildTables();

    /// <summary>The CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFFu;
        ref uint table = ref MemoryMarshal.GetArrayDataReference(Tables);
        int i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            uint low = crc ^ BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i, 4));
            uint high = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i + 4, 4));
            crc = Entry(ref table, 7, low & 0xFF) ^ Entry(ref table, 6, (low >> 8) & 0xFF)
                ^ Entry(ref table, 5, (low >> 16) & 0xFF) ^ Entry(ref table, 4, low >> 24)
                ^ Entry(ref table, 3, high & 0xFF) ^ Entry(ref table, 2, (high >> 8) & 0xFF)
                ^ Entry(ref table, 1, (high >> 16) & 0xFF) ^ Entry(ref table, 0, high >> 24);
        }

        for (; i < data.Length; i++)
        {
            crc = Entry(ref table, 0, (crc ^ data[i]) & 0xFF) ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Entry(ref uint table, int slice, uint index) => Unsafe.Add(ref table, (slice * 256) + (int)index);

    private static uint[] BuildTables()
    {
        var tables = new uint[8 * 256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            tables[n] = c;
        }

        for (int slice = 1; slice < 8; slice++)
        {
            for (int n = 0; n < 256; n++)
            {
                uint previous = tables[((slice - 1) * 256) + n];
                tables[(slice * 256) + n] = (previous >> 8) ^ tables[previous & 0xFF];
            }
        }

        return tables;
    }
}
