namespace LevBacktest.Core.Data.Sources;

/// <summary>
/// Where validation errors go: thrown at once (loading), or collected up to a limit (the
/// <c>levbt data validate</c> report).
/// </summary>
internal sealed class ValidationSink
{
    private readonly int _limit;
    private readonly List<MarketDataException> _errors = [];

    private ValidationSink(int limit) => _limit = limit;

    /// <summary>A sink that throws the first error.</summary>
    public static ValidationSink Throwing() => new(0);

    /// <summary>A sink that keeps up to <paramref name="limit"/> errors.</summary>
    public static ValidationSink Collecting(int limit) => new(Math.Max(1, limit));

    public IReadOnlyList<MarketDataException> Errors => _errors;

    /// <summary>Total errors seen, including those beyond the limit.</summary>
    public int ErrorCount { get; private set; }

    /// <summary>Records an error; returns false when validation of this series should stop.</summary>
    public bool Report(MarketDataException error)
    {
        if (_limit == 0)
        {
            throw error;
        }

        ErrorCount++;
        if (_errors.Count < _limit)
        {
            _errors.Add(error);
        }

        return _errors.Count < _limit;
    }
}
