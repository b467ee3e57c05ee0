namespace LevBacktest.Cli;

/// <summary>
/// Runs a step that does not check a cancellation token often enough to stop promptly (drawing the charts of a large
/// sweep: one chart can take seconds) on a worker thread, and stops waiting for it as soon as the token is cancelled.
/// The abandoned step goes on until the process exits, writing into a temporary folder that the caller's
/// <see cref="Core.Experiments.Results.AtomicOutputFolder"/> moves aside and deletes, so its late writes land nowhere.
/// </summary>
internal static class AbandonOnCancel
{
    /// <summary>Runs <paramref name="step"/> and returns when it is done, or throws as soon as <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="step">The work; it receives the token too, to stop at its own checks.</param>
    /// <param name="cancellationToken">Ctrl-C or SIGTERM.</param>
    /// <exception cref="OperationCanceledException">Cancelled (the step may still be running).</exception>
    public static void Run(Action<CancellationToken> step, CancellationToken cancellationToken)
    {
        var task = Task.Factory.StartNew(() => step(cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            task.Wait(cancellationToken);
        }
        catch (AggregateException aggregate) when (aggregate.InnerExceptions.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(aggregate.InnerExceptions[0]);
            throw;
        }
    }
}
