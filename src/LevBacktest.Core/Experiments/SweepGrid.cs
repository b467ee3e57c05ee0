namespace LevBacktest.Core.Experiments;

/// <summary>
/// The cartesian product of a spec's sweep axes. Run indices are row-major: the first axis varies
/// slowest and the last fastest, so run r has coordinate (r / stride_k) mod count_k on axis k, where
/// stride_k is the product of the counts of the axes after k. A sweep without axes has one run.
/// </summary>
public sealed class SweepGrid
{
    /// <summary>Largest number of runs a sweep may have.</summary>
    public const int MaxRuns = 10_000_000;

    private readonly int[] _strides;

    /// <summary>Builds the grid of the axes.</summary>
    /// <param name="axes">Sweep axes, each with at least one value.</param>
    /// <exception cref="ExperimentSpecException">The product exceeds <see cref="MaxRuns"/>.</exception>
    public SweepGrid(IReadOnlyList<SweepAxis> axes)
    {
        ArgumentNullException.ThrowIfNull(axes);
        Axes = axes;
        _strides = new int[axes.Count];
        long count = 1;
        for (int k = axes.Count - 1; k >= 0; k--)
        {
            _strides[k] = (int)count;
            count *= axes[k].Count;
            if (count > MaxRuns)
            {
                throw new ExperimentSpecException("$.sweep", $"the sweep has more than {MaxRuns:N0} runs; split it into several specs.");
            }
        }

        RunCount = (int)count;
    }

    /// <summary>The axes, first varying slowest.</summary>
    public IReadOnlyList<SweepAxis> Axes { get; }

    /// <summary>Number of runs (product of the axis lengths; 1 without axes).</summary>
    public int RunCount { get; }

    /// <summary>The value index on axis <paramref name="axis"/> of run <paramref name="runIndex"/>.</summary>
    /// <param name="runIndex">0 ≤ runIndex &lt; <see cref="RunCount"/>.</param>
    /// <param name="axis">0 ≤ axis &lt; Axes.Count.</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    public int Coordinate(int runIndex, int axis)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(runIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(runIndex, RunCount);
        return runIndex / _strides[axis] % Axes[axis].Count;
    }

    /// <summary>The value of axis <paramref name="axis"/> in run <paramref name="runIndex"/>.</summary>
    /// <param name="runIndex">0 ≤ runIndex &lt; <see cref="RunCount"/>.</param>
    /// <param name="axis">0 ≤ axis &lt; Axes.Count.</param>
    public SpecValue Value(int runIndex, int axis) => Axes[axis].Values[Coordinate(runIndex, axis)];

    /// <summary>The run index of a point given by one value index per axis (the inverse of <see cref="Coordinate"/>).</summary>
    /// <param name="coordinates">One value index per axis.</param>
    /// <exception cref="ArgumentException">Wrong number of coordinates or one out of range.</exception>
    public int RunIndexOf(ReadOnlySpan<int> coordinates)
    {
        if (coordinates.Length != Axes.Count)
        {
            throw new ArgumentException($"Expected {Axes.Count} coordinates, got {coordinates.Length}.", nameof(coordinates));
        }

        int index = 0;
        for (int k = 0; k < coordinates.Length; k++)
        {
            if ((uint)coordinates[k] >= (uint)Axes[k].Count)
            {
                throw new ArgumentException($"Coordinate {coordinates[k]} of axis '{Axes[k].Name}' is outside 0..{Axes[k].Count - 1}.", nameof(coordinates));
            }

            index += coordinates[k] * _strides[k];
        }

        return index;
    }
}
