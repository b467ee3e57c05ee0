using System.Text.Json;

namespace LevBacktest.Core.Experiments.Results;

/// <summary>
/// One results folder offered to <see cref="ResultsMerger"/>, with its <c>summary.json</c> parsed and checked:
/// the format, the fields the merge compares, the shard it says it holds, and that its runs are exactly that
/// shard's run indices in ascending order. Owns the parsed document.
/// </summary>
internal sealed class ShardFolder : IDisposable
{
    private readonly JsonDocument _document;

    private ShardFolder(string folderPath, string summaryPath, JsonDocument document)
    {
        FolderPath = folderPath;
        SummaryPath = summaryPath;
        _document = document;
    }

    /// <summary>The folder, absolute.</summary>
    public string FolderPath { get; }

    /// <summary>Its <c>summary.json</c>.</summary>
    public string SummaryPath { get; }

    /// <summary>The summary's root object.</summary>
    public JsonElement Root => _document.RootElement;

    /// <summary><c>tool</c>: name and version that wrote the folder.</summary>
    public string Tool { get; private set; } = string.Empty;

    /// <summary><c>experiment</c>: the spec's name.</summary>
    public string Experiment { get; private set; } = string.Empty;

    /// <summary><c>sweep.runCount</c>: runs in the whole sweep.</summary>
    public int SweepRunCount { get; private set; }

    /// <summary><c>sweep.shard</c>: index and count.</summary>
    public SweepShard Shard { get; private set; }

    /// <summary><c>sweep.shard.firstRunIndex</c>.</summary>
    public int FirstRunIndex { get; private set; }

    /// <summary><c>sweep.shard.endRunIndex</c> (exclusive).</summary>
    public int EndRunIndex { get; private set; }

    /// <summary>The <c>runs</c> array (one entry per run, ascending run index).</summary>
    public JsonElement Runs { get; private set; }

    /// <summary>"shard 1/3, runs 4..7" (or "no runs") for messages.</summary>
    public string Description => $"shard {Shard}, {ResultsMerger.DescribeRuns(FirstRunIndex, EndRunIndex)}";

    /// <summary>The folder as a <see cref="MergedShard"/>.</summary>
    public MergedShard ToMergedShard() => new(FolderPath, Shard, FirstRunIndex, EndRunIndex);

    /// <summary>Opens and checks a folder.</summary>
    /// <param name="folder">The folder as given.</param>
    /// <exception cref="ResultsMergeException">Not a results folder, a data file missing, or summary.json malformed (the field is named).</exception>
    public static ShardFolder Open(string folder)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        if (!Directory.Exists(full))
        {
            throw new ResultsMergeException(File.Exists(full)
                ? $"{full} is a file, not a results folder."
                : $"{full} does not exist.");
        }

        string summaryPath = Path.Combine(full, SummaryFile);
        if (!File.Exists(summaryPath))
        {
            throw new ResultsMergeException($"{full} is not a results folder: it has no {SummaryFile} (write shards with 'levbt run SPEC --shard i/n --out DIR').");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(summaryPath));
        }
        catch (JsonException exception)
        {
            throw new ResultsMergeException($"{summaryPath} is not valid JSON ({exception.Message}); is {full} a results folder written by levbt run?", exception);
        }

        var shard = new ShardFolder(full, summaryPath, document);
        try
        {
            shard.Check();
            return shard;
        }
        catch
        {
            shard.Dispose();
            throw;
        }
    }

    /// <summary>A property that must be present, of the given kind.</summary>
    /// <exception cref="ResultsMergeException">Missing or of another kind (the JSON path is named).</exception>
    public JsonElement Required(JsonElement parent, string name, string at, JsonValueKind kind)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            throw Malformed($"{at}.{name} is missing");
        }

        if (value.ValueKind != kind)
        {
            throw Malformed($"{at}.{name} is {value.ValueKind}, expected {kind}");
        }

        return value;
    }

    /// <summary>The error for a malformed summary, naming the file.</summary>
    public ResultsMergeException Malformed(string problem)
        => new($"{SummaryPath}: {problem}; is {FolderPath} a complete results folder written by levbt run?");

    /// <inheritdoc/>
    public void Dispose() => _document.Dispose();

    private const string SummaryFile = "summary.json";

    private void Check()
    {
        var root = Root;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Malformed("the top level is not an object");
        }

        string format = root.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString()! : string.Empty;
        if (format != SummaryJsonWriter.FormatName)
        {
            throw new ResultsMergeException(
                $"{FolderPath} is not a results folder this levbt can merge: {SummaryFile} has format '{format}', expected '{SummaryJsonWriter.FormatName}'.");
        }

        Tool = Required(root, "tool", "$", JsonValueKind.String).GetString()!;
        Experiment = Required(root, "experiment", "$", JsonValueKind.String).GetString()!;
        Required(root, "spec", "$", JsonValueKind.Object);
        Required(root, "overrides", "$", JsonValueKind.Object);
        var data = Required(root, "data", "$", JsonValueKind.Object);
        Required(data, "files", "$.data", JsonValueKind.Array);
        Required(root, "metricNames", "$", JsonValueKind.Array);
        var sweep = Required(root, "sweep", "$", JsonValueKind.Object);
        Required(sweep, "axes", "$.sweep", JsonValueKind.Array);
        SweepRunCount = Int(sweep, "runCount", "$.sweep");
        var shard = Required(sweep, "shard", "$.sweep", JsonValueKind.Object);
        int index = Int(shard, "index", "$.sweep.shard");
        int count = Int(shard, "count", "$.sweep.shard");
        if (count < 1 || index >= count)
        {
            throw Malformed($"$.sweep.shard is {index}/{count}; a shard is i/n with 0 ≤ i < n");
        }

        Shard = new SweepShard(index, count);
        FirstRunIndex = Int(shard, "firstRunIndex", "$.sweep.shard");
        EndRunIndex = Int(shard, "endRunIndex", "$.sweep.shard");
        if (FirstRunIndex != Shard.Start(SweepRunCount) || EndRunIndex != Shard.End(SweepRunCount))
        {
            throw Malformed(
                $"$.sweep.shard says shard {Shard} holds runs [{FirstRunIndex}, {EndRunIndex}), but shard {Shard} of {SweepRunCount} runs is [{Shard.Start(SweepRunCount)}, {Shard.End(SweepRunCount)})");
        }

        Runs = Required(root, "runs", "$", JsonValueKind.Array);
        int expected = FirstRunIndex;
        int k = 0;
        foreach (var run in Runs.EnumerateArray())
        {
            if (run.ValueKind != JsonValueKind.Object)
            {
                throw Malformed($"$.runs[{k}] is not an object");
            }

            int runIndex = Int(run, "runIndex", $"$.runs[{k}]");
            if (runIndex != expected || expected >= EndRunIndex)
            {
                throw Malformed($"$.runs[{k}].runIndex is {runIndex}, but shard {Shard} holds {ResultsMerger.DescribeRuns(FirstRunIndex, EndRunIndex)} in ascending order");
            }

            expected++;
            k++;
        }

        if (expected != EndRunIndex)
        {
            throw Malformed($"$.runs has {k} runs, but shard {Shard} holds {ResultsMerger.DescribeRuns(FirstRunIndex, EndRunIndex)}");
        }

        foreach (var table in ExperimentResultsWriter.DataFileNames)
        {
            if (table != SummaryFile && !File.Exists(Path.Combine(FolderPath, table)))
            {
                throw new ResultsMergeException($"{FolderPath} is incomplete: {table} is missing (rerun that shard with levbt run).");
            }
        }
    }

    private int Int(JsonElement parent, string name, string at)
    {
        var value = Required(parent, name, at, JsonValueKind.Number);
        return value.TryGetInt32(out int number) && number >= 0
            ? number
            : throw Malformed($"{at}.{name} is {value.GetRawText()}, expected a whole number ≥ 0");
    }
}
