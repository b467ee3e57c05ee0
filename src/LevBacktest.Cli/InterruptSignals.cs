using System.Runtime.InteropServices;

namespace LevBacktest.Cli;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM — what Kubernetes, Slurm and CI runners send to stop a job — for the commands that write
/// a results folder. The first signal cancels <see cref="Token"/> and keeps the process alive, so the command stops at
/// its next check (between runs, files and Parquet column chunks), deletes its unfinished temporary folder and exits 2
/// with one message; a second signal ends the process at once (the default action).
/// </summary>
internal sealed class InterruptSignals : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _received;

    private InterruptSignals()
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            try
            {
                _registrations.Add(PosixSignalRegistration.Create(signal, Handle));
            }
            catch (PlatformNotSupportedException)
            {
                // A platform without this signal cannot send it either.
            }
        }
    }

    /// <summary>Cancelled by the first SIGINT or SIGTERM.</summary>
    public CancellationToken Token => _cancellation.Token;

    /// <summary>The signal that cancelled <see cref="Token"/> ("SIGINT" or "SIGTERM"), or null.</summary>
    public string? Received => _received switch
    {
        0 => null,
        _ when _received == (int)PosixSignal.SIGTERM => "SIGTERM",
        _ => "SIGINT",
    };

    /// <summary>Starts handling the signals until disposed.</summary>
    public static InterruptSignals Listen() => new();

    /// <summary>
    /// The one error line of a command stopped by a signal: <paramref name="stopped"/>'s message ("interrupted; …")
    /// with the signal named ("interrupted by SIGTERM; …").
    /// </summary>
    /// <param name="stopped">The command's cancellation, whose message says what was (not) written.</param>
    public OperationCanceledException Explain(OperationCanceledException stopped)
    {
        const string Prefix = "interrupted";
        string message = stopped.Message;
        return Received is { } signal && message.StartsWith(Prefix, StringComparison.Ordinal)
            ? new OperationCanceledException($"{Prefix} by {signal}{message[Prefix.Length..]}", stopped)
            : stopped;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _cancellation.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        if (Interlocked.CompareExchange(ref _received, (int)context.Signal, 0) != 0)
        {
            return; // a second signal: let it end the process
        }

        context.Cancel = true;
        _cancellation.Cancel();
    }
}
