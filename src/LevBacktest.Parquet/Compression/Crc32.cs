using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LevBacktest.Parquet.Compression;

/// <summary>
/// CRC-32 with the IEEE 802.3 / zlib polynomial (reflected 0xEDB88320, initial value and final XOR 0xFFFFFFFF),
/// which parquet.thrift prescribes for <c>PageHeader.crc</c>. Slicing-by-8 (eight 256-entry tables, 8 bytes per
/// step; Kounavis and Berry, "A Systematic Approach to Building High Performance Software-based CRC Generators",
/// 2005), so verifying pages costs little next to decompressing them. On x86 with PCLMULQDQ, blocks of 64 bytes
/// and more are folded with carry-less multiplication instead (Gopal et al., Intel, "Fast CRC Computation for
/// Generic Polynomials Using PCLMULQDQ Instruction", 2009; constants for the reflected polynomial 0xEDB88320).
/// </summary>
internal static class Crc32
{
    /// <summary>Table k, entry n at [k·256 + n]: the CRC register after byte n followed by k zero bytes.</summary>
    private static readonly uint[] Tables = BuildTables();

    /// <summary>The CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFFu;
        if (Pclmulqdq.IsSupported && Sse2.IsSupported && data.Length >= 64)
        {
            int folded = data.Length & ~15;
            crc = FoldWithCarrylessMultiply(data[..folded], crc);
            data = data[folded..];
        }

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

    /// <summary>Folds a multiple of 16 bytes (at least 64) into the CRC register (pre- and post-conditioned by the caller).</summary>
    private static uint FoldWithCarrylessMultiply(ReadOnlySpan<byte> data, uint crc)
    {
        // x^(4·128+32) mod P, x^(4·128−32) mod P (fold by 4 × 128 bits); x^(128+32), x^(128−32) (fold by 128 bits);
        // x^64 mod P; P' and μ' for the Barrett reduction — all bit-reflected, for P = 0x04C11DB7.
        var foldBy4 = Vector128.Create(0x0154442bd4UL, 0x01c6e41596UL);
        var foldBy1 = Vector128.Create(0x01751997d0UL, 0x00ccaa009eUL);
        var fold64 = Vector128.Create(0x0163cd6124UL, 0UL);
        var barrett = Vector128.Create(0x01db710641UL, 0x01f7011641UL);
        var low32Mask = Vector128.Create(uint.MaxValue, 0u, uint.MaxValue, 0u).AsUInt64();

        ref byte start = ref MemoryMarshal.GetReference(data);
        int length = data.Length;
        var x1 = Vector128.LoadUnsafe(ref start).AsUInt64();
        var x2 = Vector128.LoadUnsafe(ref start, 16).AsUInt64();
        var x3 = Vector128.LoadUnsafe(ref start, 32).AsUInt64();
        var x4 = Vector128.LoadUnsafe(ref start, 48).AsUInt64();
        x1 ^= Vector128.CreateScalar(crc).AsUInt64();
        nuint offset = 64;
        length -= 64;
        while (length >= 64)
        {
            var x5 = Pclmulqdq.CarrylessMultiply(x1, foldBy4, 0x00);
            var x6 = Pclmulqdq.CarrylessMultiply(x2, foldBy4, 0x00);
            var x7 = Pclmulqdq.CarrylessMultiply(x3, foldBy4, 0x00);
            var x8 = Pclmulqdq.CarrylessMultiply(x4, foldBy4, 0x00);
            x1 = Pclmulqdq.CarrylessMultiply(x1, foldBy4, 0x11) ^ x5 ^ Vector128.LoadUnsafe(ref start, offset).AsUInt64();
            x2 = Pclmulqdq.CarrylessMultiply(x2, foldBy4, 0x11) ^ x6 ^ Vector128.LoadUnsafe(ref start, offset + 16).AsUInt64();
            x3 = Pclmulqdq.CarrylessMultiply(x3, foldBy4, 0x11) ^ x7 ^ Vector128.LoadUnsafe(ref start, offset + 32).AsUInt64();
            x4 = Pclmulqdq.CarrylessMultiply(x4, foldBy4, 0x11) ^ x8 ^ Vector128.LoadUnsafe(ref start, offset + 48).AsUInt64();
            offset += 64;
            length -= 64;
        }

        x1 = Fold(x1, foldBy1) ^ x2;
        x1 = Fold(x1, foldBy1) ^ x3;
        x1 = Fold(x1, foldBy1) ^ x4;
        while (length >= 16)
        {
            x1 = Fold(x1, foldBy1) ^ Vector128.LoadUnsafe(ref start, offset).AsUInt64();
            offset += 16;
            length -= 16;
        }

        // 128 → 64 bits.
        var t = Pclmulqdq.CarrylessMultiply(x1, foldBy1, 0x10);
        x1 = Sse2.ShiftRightLogical128BitLane(x1, 8) ^ t;
        t = Sse2.ShiftRightLogical128BitLane(x1, 4);
        x1 = Pclmulqdq.CarrylessMultiply(x1 & low32Mask, fold64, 0x00) ^ t;

        // Barrett reduction 64 → 32 bits.
        t = Pclmulqdq.CarrylessMultiply(x1 & low32Mask, barrett, 0x10);
        t = Pclmulqdq.CarrylessMultiply(t & low32Mask, barrett, 0x00);
        x1 ^= t;
        return x1.AsUInt32().GetElement(1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Fold(Vector128<ulong> value, Vector128<ulong> constants)
        => Pclmulqdq.CarrylessMultiply(value, constants, 0x00) ^ Pclmulqdq.CarrylessMultiply(value, constants, 0x11);

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
