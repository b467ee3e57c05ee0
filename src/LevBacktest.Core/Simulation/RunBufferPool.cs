namespace LevBacktest.Core.Simulation;

/// <summary>
/// Hands the storage of finished runs to the next runs of a sweep: each run's five equity-curve arrays (one element per
/// bar, see <see cref="EquityCurve"/>) and its trade, liquidation, funding and stop lists. Without it every run
/// allocates its curve afresh (five × 8 bytes × bars: 21 MB for a 525,600-bar run), and the kernel faults in and zeroes
/// those pages again for every run; with it a sweep allocates them only for the runs it holds at once.
/// </summary>
/// <remarks>
/// Give a pool to <see cref="Experiments.ExperimentRunOptions.RunBuffers"/> (and to <see cref="Experiments.ExperimentRunner.Stream"/>):
/// the runner then gives each run's buffers back here as soon as the run's <c>onRun</c> call returns, and a later run
/// overwrites them. So after <c>onRun</c> returns, nothing may read that run's <see cref="RunResult.EquityCurve"/>
/// arrays or its event lists: copy what must be kept (as <c>EquityStorage.Keep</c> and <c>ResultsStreamWriter.Append</c>
/// do). Results never depend on the pool: a reused set is overwritten in full (every curve element at every bar close,
/// the lists emptied), and the values are those of a run with fresh buffers, bit for bit.
/// Thread-safe. Memory: at most <see cref="Capacity"/> idle sets, of the bar count last given back (a set of another
/// length is dropped, not kept).
/// </remarks>
public sealed class RunBufferPool
{
    private readonly object _gate = new();
    private readonly Stack<RunBuffers> _idle = new();
    private long _reused;

    /// <summary>Creates an empty pool that keeps at most <paramref name="capacity"/> idle sets.</summary>
    /// <param name="capacity">Idle sets kept, ≥ 1. A sweep on T threads holds at most
    /// T + <see cref="Experiments.ExperimentRunner.ReorderWindow"/> runs at once (<see cref="ForThreads"/>), so more is never used.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is below 1.</exception>
    public RunBufferPool(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>A pool large enough for a sweep on <paramref name="threads"/> threads: threads + <see cref="Experiments.ExperimentRunner.ReorderWindow"/> sets.</summary>
    /// <param name="threads">Worker threads of the sweep, ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is below 1.</exception>
    public static RunBufferPool ForThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        return new RunBufferPool(threads + Experiments.ExperimentRunner.ReorderWindow);
    }

    /// <summary>Most idle sets the pool keeps.</summary>
    public int Capacity { get; }

    /// <summary>Idle sets held now (given back, not yet handed out again).</summary>
    public int Available
    {
        get
        {
            lock (_gate)
            {
                return _idle.Count;
            }
        }
    }

    /// <summary>Runs so far that got a set given back by an earlier run instead of fresh arrays.</summary>
    public long ReusedCount => Interlocked.Read(ref _reused);

    /// <summary>
    /// Takes back the buffers <paramref name="result"/> was computed in, for a later run to overwrite. After this call
    /// <paramref name="result"/>'s equity-curve arrays and event lists belong to the pool: do not read them again.
    /// </summary>
    /// <param name="result">A run computed with buffers from this pool.</param>
    /// <returns>False when the result holds no buffers of this pool (computed without a pool, by another pool, or given
    /// back already); nothing is taken then.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public bool Return(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var buffers = result.DetachBuffers(this);
        if (buffers is null)
        {
            return false;
        }

        lock (_gate)
        {
            if (_idle.Count > 0 && _idle.Peek().BarCount != buffers.BarCount)
            {
                _idle.Clear(); // the runs now have another length: keep the new one's
            }

            if (_idle.Count < Capacity)
            {
                _idle.Push(buffers);
            }
        }

        return true;
    }

    /// <summary>An idle set of <paramref name="barCount"/> bars with empty event lists, or a fresh one.</summary>
    /// <param name="barCount">Bars of the run, ≥ 1.</param>
    internal RunBuffers Rent(int barCount)
    {
        lock (_gate)
        {
            while (_idle.Count > 0)
            {
                var idle = _idle.Pop();
                if (idle.BarCount == barCount)
                {
                    Interlocked.Increment(ref _reused);
                    idle.ClearEvents();
                    return idle;
                }
            }
        }

        return new RunBuffers(this, barCount);
    }
}
