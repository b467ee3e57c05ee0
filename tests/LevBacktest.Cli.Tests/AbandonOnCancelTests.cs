namespace LevBacktest.Cli.Tests;

/// <summary>
/// The chart step of run/merge/montecarlo is waited for through AbandonOnCancel: Ctrl-C or SIGTERM ends the wait at
/// once even while the step is busy (a chart of a large sweep does not check the token for seconds).
/// </summary>
public sealed class AbandonOnCancelTests
{
    [Fact]
    public void A_cancellation_ends_the_wait_while_the_step_is_still_busy()
    {
        using var stepStarted = new ManualResetEventSlim();
        using var releaseStep = new ManualResetEventSlim();
        using var cancellation = new CancellationTokenSource();
        bool stepFinished = false;
        var waiting = Task.Run(() => AbandonOnCancel.Run(_ =>
        {
            stepStarted.Set();
            releaseStep.Wait(); // busy until the test lets it go: never, before the wait has ended
            stepFinished = true;
        }, cancellation.Token));
        stepStarted.Wait();
        cancellation.Cancel();
        Assert.Throws<OperationCanceledException>(() => waiting.GetAwaiter().GetResult());
        Assert.False(stepFinished);
        releaseStep.Set();
    }

    [Fact]
    public void A_step_that_finishes_returns_and_its_error_is_rethrown_as_is()
    {
        int ran = 0;
        AbandonOnCancel.Run(_ => ran++, CancellationToken.None);
        Assert.Equal(1, ran);
        var error = Assert.Throws<IOException>(() => AbandonOnCancel.Run(_ => throw new IOException("disk full"), CancellationToken.None));
        Assert.Equal("disk full", error.Message);
    }
}
