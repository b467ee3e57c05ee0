namespace LevBacktest.Core.Data.Sources;

/// <summary>Keeps the funding settlements that settle at one of a series of bars.</summary>
internal static class FundingWindow
{
    /// <summary>
    /// The settlements with first open − tolerance ≤ time ≤ last open + tolerance: earlier ones
    /// happened before the data starts, later ones would settle after the last bar.
    /// </summary>
    public static FundingEvents Within(FundingEvents funding, ReadOnlySpan<long> openTimeMs)
    {
        if (openTimeMs.IsEmpty)
        {
            return funding.Slice(0, 0);
        }

        long tolerance = FundingEvents.SettlementToleranceMs;
        return funding.Slice(openTimeMs[0] - tolerance, openTimeMs[^1] + tolerance + 1);
    }
}
