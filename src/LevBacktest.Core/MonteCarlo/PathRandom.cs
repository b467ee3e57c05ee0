using LevBacktest.Core.Data.Synthetic;

namespace LevBacktest.Core.MonteCarlo;

/// <summary>
/// The random stream of one Monte Carlo path: xoshiro256** (Blackman and Vigna, "Scrambled linear pseudorandom
/// number generators", ACM TOMS 2021) whose state is four SplitMix64 outputs (Steele, Lea and Flood, OOPSLA 2014)
/// of a start value mixed from the run's seed and the path index. The stream of path k therefore depends on
/// (seed, k) alone — not on the thread, the shard or the paths generated before it on the same worker.
/// </summary>
/// <remarks>
/// One instance per worker, re-seeded with <see cref="Reset"/> for every path; not thread-safe.
/// Normal variates use Marsaglia's polar method (exact, two per accepted pair; the second is kept for the
/// next call and discarded by <see cref="Reset"/>).
/// </remarks>
public sealed class PathRandom
{
    // The generator itself is the one the synthetic data uses; this class adds per-path seeding and normals.
    private readonly Xoshiro256StarStar _bits = new(0);
    private double _spareNormal;
    private bool _hasSpareNormal;

    /// <summary>Creates a stream positioned at the start of path <paramref name="pathIndex"/> of <paramref name="seed"/>.</summary>
    /// <param name="seed">The Monte Carlo run's seed.</param>
    /// <param name="pathIndex">Zero-based path index.</param>
    public PathRandom(ulong seed, long pathIndex) => Reset(seed, pathIndex);

    /// <summary>Re-seeds for path <paramref name="pathIndex"/> of <paramref name="seed"/>.</summary>
    /// <param name="seed">The Monte Carlo run's seed.</param>
    /// <param name="pathIndex">Zero-based path index.</param>
    public void Reset(ulong seed, long pathIndex)
    {
        // Mixing the path index through the SplitMix64 finaliser before combining makes neighbouring
        // indices start far apart in the state space.
        _bits.Reseed(Xoshiro256StarStar.Mix(seed) ^ Xoshiro256StarStar.Mix(unchecked((ulong)pathIndex + 0x632BE59BD9B4E019UL)));
        _hasSpareNormal = false;
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64() => _bits.NextUInt64();

    /// <summary>A uniform double in [0, 1): the top 53 bits times 2⁻⁵³.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in (0, 1] (never 0, so its logarithm is finite).</summary>
    public double NextDoubleNonZero() => ((NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="count"/>) (Lemire's multiply-shift, bias below 2⁻³²·count).</summary>
    /// <param name="count">Positive upper bound.</param>
    public int NextInt(int count) => (int)(((NextUInt64() >> 32) * (ulong)(uint)count) >> 32);

    /// <summary>A standard normal variate (Marsaglia's polar method).</summary>
    public double NextNormal()
    {
        if (_hasSpareNormal)
        {
            _hasSpareNormal = false;
            return _spareNormal;
        }

        double u, v, s;
        do
        {
            u = (2 * NextDouble()) - 1;
            v = (2 * NextDouble()) - 1;
            s = (u * u) + (v * v);
        }
        while (s >= 1 || s == 0);

        double factor = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareNormal = v * factor;
        _hasSpareNormal = true;
        return u * factor;
    }
}
