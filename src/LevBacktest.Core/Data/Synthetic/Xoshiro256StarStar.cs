namespace LevBacktest.Core.Data.Synthetic;

/// <summary>
/// The xoshiro256** pseudo-random generator (Blackman and Vigna, "Scrambled linear pseudorandom
/// number generators", ACM TOMS 2021; reference at prng.di.unimi.it), seeded through SplitMix64 as
/// its authors recommend. Written here, rather than using <see cref="Random"/>, because its output
/// for a given seed is fixed by the algorithm, whereas <see cref="Random"/>'s seeded sequence is an
/// implementation detail of .NET that has changed between versions.
/// </summary>
internal sealed class Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Seeds the four state words with consecutive SplitMix64 outputs of <paramref name="seed"/>.</summary>
    public Xoshiro256StarStar(ulong seed) => Reseed(seed);

    /// <summary>Restarts the stream as if newly constructed with <paramref name="seed"/> (no allocation).</summary>
    internal void Reseed(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1): the top 53 bits of <see cref="NextUInt64"/> times 2⁻⁵³.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>
    /// An approximately standard normal variate: the sum of twelve uniforms minus six (Irwin–Hall;
    /// mean 0, variance 1, tails cut at ±6). Chosen over Box–Muller because it needs no logarithm or
    /// cosine, whose last bit may differ between platforms' math libraries; additions are exact IEEE
    /// operations, so the sequence is the same everywhere.
    /// </summary>
    public double NextNormal()
    {
        double sum = 0;
        for (int i = 0; i < 12; i++)
        {
            sum += NextDouble();
        }

        return sum - 6;
    }

    /// <summary>SplitMix64 step (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014).</summary>
    internal static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        return Mix(z);
    }

    /// <summary>SplitMix64's output function (a 64-bit finaliser): spreads nearby inputs across the whole range.</summary>
    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
