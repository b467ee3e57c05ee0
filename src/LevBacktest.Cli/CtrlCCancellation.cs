namespace LevBacktest.Cli;

/// <summary>
/// Runs a command that writes a results folder so that Ctrl-C cancels it instead of ending the process: the process
/// stays alive, the command sees its token cancelled, stops at the next run or file, and its temporary folder is
/// removed (an existing folder stays as it was).
/// </summary>
internal static class CtrlCCancellation
{
    /// <summary>Calls <paramref name="execute"/> with a token that Ctrl-C cancels, for as long as it runs.</summary>
    /// <param name="execute">The command; returns the exit code.</param>
    /// <returns>What <paramref name="execute"/> returned.</returns>
    public static int Run(Func<CancellationToken, int> execute)
    {
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return execute(cancellation.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
