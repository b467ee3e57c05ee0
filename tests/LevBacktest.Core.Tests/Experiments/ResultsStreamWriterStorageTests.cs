using LevBacktest.Core.Experiments;
using LevBacktest.Core.Experiments.Results;
using LevBacktest.Core.Margin;
using LevBacktest.Core.Simulation;

namespace LevBacktest.Core.Tests.Experiments;

/// <summary>
/// <see cref="ResultsStreamWriter.Append(RunOutcome, EquityStorage)"/> writes the kept bars straight from each run's full
/// curve: the folder must be the one <c>Append(storage.Keep(run))</c> writes, byte for byte, for every storage choice,
/// also when the runs' buffers are recycled behind the writer.
/// </summary>
public sealed class ResultsStreamWriterStorageTests : IDisposable
{
    private static readonly LeverageBracketSchedule Flat = LeverageBracketSchedule.FlatRate(0.004, 125);
    private readonly string _root = Directory.CreateTempSubdirectory("levbt-keep").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    public static TheoryData<string> Storages => ["full", "downsampled:40", "downsampled:40+full", "downsampled:3", "none"];

    [Theory]
    [MemberData(nameof(Storages))]
    public void Appending_with_the_storage_writes_the_bytes_of_appending_the_kept_run(string storageText)
    {
        var outcome = ResultsFixture.Outcome;
        var storage = storageText.EndsWith("+full", StringComparison.Ordinal)
            ? EquityStorage.Parse(storageText[..^5], outcome.Plan.RunCount, outcome.Data.Count).WithFullRuns([1, 6, 11])
            : EquityStorage.Parse(storageText, outcome.Plan.RunCount, outcome.Data.Count);
        string kept = Stream("kept", storage, (writer, run) => writer.Append(storage.Keep(run)), new ExperimentRunOptions { MaxDegreeOfParallelism = 1 });
        string direct = Stream("direct", storage, (writer, run) => writer.Append(run, storage), new ExperimentRunOptions { MaxDegreeOfParallelism = 2, RunBuffers = RunBufferPool.ForThreads(2) });
        var files = Directory.GetFiles(kept).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(files, Directory.GetFiles(direct).Select(Path.GetFileName).Order().ToArray());
        Assert.Contains("equity.parquet", files);
        foreach (string? file in files)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(kept, file!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(direct, file!))), $"{storageText}: {file} differs");
        }
    }

    private string Stream(string name, EquityStorage storage, Func<ResultsStreamWriter, RunOutcome, RunOutcome> append, ExperimentRunOptions options)
    {
        var outcome = ResultsFixture.Outcome;
        string directory = Path.Combine(_root, name);
        Directory.CreateDirectory(directory);
        var kept = new List<RunOutcome>();
        using (var writer = ResultsStreamWriter.Create(directory))
        {
            ExperimentRunner.Stream(outcome.Plan, outcome.Data, Flat, options, run => kept.Add(append(writer, run)), CancellationToken.None);
            writer.Complete(new ExperimentOutcome(outcome.Plan, outcome.Data, SweepShard.All, kept, storage), ResultsFixture.Provenance);
        }

        return directory;
    }
}
