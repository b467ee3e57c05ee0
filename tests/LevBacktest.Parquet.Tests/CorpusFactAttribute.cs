namespace LevBacktest.Parquet.Tests;

/// <summary>Same as the shared <see cref="ParquetCorpusFactAttribute"/> (kept for the existing tests): a fact that is skipped, with a clear message, when the shared Parquet corpus is absent.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        Skip = SharedFolder.SkipReason(SharedFolder.CorpusPresent, SharedFolder.CorpusMissingMessage);
    }
}

/// <summary>Same as the shared <see cref="ParquetCorpusTheoryAttribute"/>: a theory that is skipped, with a clear message, when the shared Parquet corpus is absent.</summary>
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute()
    {
        Skip = SharedFolder.SkipReason(SharedFolder.CorpusPresent, SharedFolder.CorpusMissingMessage);
    }
}
