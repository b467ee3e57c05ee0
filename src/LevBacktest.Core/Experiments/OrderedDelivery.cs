using LevBacktest.Core.Simulation;

namespace LevBacktest.Core.Experiments;

/// <summary>
/// The reorder buffer of <see cref="ExperimentRunner.Stream"/>: runs finish in any order and are handed to the
/// consumer in ascending position, one call at a time, by whichever worker holds the next position. Workers
/// wait before starting a position more than <c>window</c> past the next one to hand over, which bounds the
/// buffer.
/// </summary>
internal sealed class OrderedDelivery
{
    private readonly object _gate = new();
    private readonly Dictionary<int, RunOutcome> _buffer = [];
    private readonly int _window;
    private readonly Action<RunOutcome> _consumer;
    private readonly CancellationToken _cancellationToken;
    private readonly RunBufferPool? _buffers;
    private int _nextToDeliver;
    private bool _delivering;
    private bool _failed;

    /// <summary>Creates the buffer.</summary>
    /// <param name="window">Positions that may be started ahead of the next one to deliver (≥ the thread count).</param>
    /// <param name="consumer">Called in ascending position.</param>
    /// <param name="cancellationToken">Wakes waiting workers.</param>
    /// <param name="buffers">Where each delivered run's buffers go back once the consumer has returned; null for none.</param>
    public OrderedDelivery(int window, Action<RunOutcome> consumer, CancellationToken cancellationToken, RunBufferPool? buffers = null)
    {
        _buffers = buffers;
        _window = window;
        _consumer = consumer;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Blocks until <paramref name="position"/> is within the window; false when the sweep failed or was cancelled.</summary>
    public bool WaitForRoom(int position)
    {
        lock (_gate)
        {
            while (position >= _nextToDeliver + _window && !_failed)
            {
                // The timeout only lets a cancelled sweep notice without a wake-up from another thread.
                Monitor.Wait(_gate, 100);
                if (_cancellationToken.IsCancellationRequested)
                {
                    return false;
                }
            }

            return !_failed;
        }
    }

    /// <summary>Stops the sweep: waiting workers return and nothing more is delivered.</summary>
    public void Fail()
    {
        lock (_gate)
        {
            _failed = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Buffers a finished run and, unless another worker is delivering, delivers every run that is now in order.</summary>
    public void Finish(int position, RunOutcome run)
    {
        lock (_gate)
        {
            _buffer.Add(position, run);
            if (_delivering)
            {
                return;
            }

            _delivering = true;
        }

        while (true)
        {
            RunOutcome? next;
            lock (_gate)
            {
                if (_failed || !_buffer.Remove(_nextToDeliver, out next))
                {
                    _delivering = false;
                    return;
                }
            }

            try
            {
                _consumer(next);

                // The consumer has copied what it keeps: a later run may overwrite this one's curve and lists.
                _buffers?.Return(next.Result);
            }
            catch
            {
                lock (_gate)
                {
                    _delivering = false;
                }

                Fail();
                throw;
            }

            lock (_gate)
            {
                _nextToDeliver++;
                Monitor.PulseAll(_gate);
            }
        }
    }
}
