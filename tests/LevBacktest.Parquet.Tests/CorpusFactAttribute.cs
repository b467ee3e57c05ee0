namespace LevBacktest.Parquet.Tests;

/// <summary>A fact that is skipped, with a clear message, when the shared Parquet corpus is absent.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (CorpusFiles.Root is null)
        {
            Skip = CorpusFiles.MissingMessage;
        }
    }
}

/// <summary>A theory that is skipped, with a clear message, when the shared Parquet corpus is absent.</summary>
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute()
    {
        if (CorpusFiles.Root is null)
        {
            Skip = CorpusFiles.MissingMessage;
        }
    }
}
