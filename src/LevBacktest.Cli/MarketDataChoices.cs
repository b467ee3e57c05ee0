using LevBacktest.Core.Data;

namespace LevBacktest.Cli;

/// <summary>The values of <see cref="MarketDataOptions"/> (null = not given: recognise the column by its common names).</summary>
internal sealed record MarketDataChoices
{
    public string? Symbol { get; init; }

    public string? SymbolColumn { get; init; }

    public string? Time { get; init; }

    public string? Open { get; init; }

    public string? High { get; init; }

    public string? Low { get; init; }

    public string? Close { get; init; }

    public string? Volume { get; init; }

    public string? FundingTime { get; init; }

    public string? Rate { get; init; }

    public string? MarkPrice { get; init; }

    /// <summary>True when any column option was given.</summary>
    public bool AnyColumn => ColumnsByFile().Any();

    /// <summary>True when a column option other than --symbol-column was given.</summary>
    public bool AnyRoleColumn => ColumnsByFile().Any(c => c.Role != "symbol");

    /// <summary>The mapping of a price file (<paramref name="withVolume"/>) or a mark-price file.</summary>
    public ColumnMapping Bars(bool withVolume) => new()
    {
        Time = Time,
        Open = Open,
        High = High,
        Low = Low,
        Close = Close,
        Volume = withVolume ? Volume : null,
        Symbol = SymbolColumn,
    };

    /// <summary>The mapping of a funding file.</summary>
    public ColumnMapping Funding() => new() { Time = FundingTime, FundingRate = Rate, FundingMarkPrice = MarkPrice, Symbol = SymbolColumn };

    /// <summary>The mapping of one file of either kind: every role; its time column is --time-column, else --funding-time-column.</summary>
    public ColumnMapping AnyFile() => Bars(withVolume: true) with { Time = Time ?? FundingTime, FundingRate = Rate, FundingMarkPrice = MarkPrice };

    /// <summary>
    /// The given columns as the spec's <c>data.columns</c> would hold them: (file, role, column) with file
    /// <c>prices</c>, <c>mark</c> or <c>funding</c> and the spec's role names.
    /// </summary>
    public IEnumerable<(string File, string Role, string Column)> ColumnsByFile()
    {
        foreach (var (role, column) in new[] { ("time", Time), ("open", Open), ("high", High), ("low", Low), ("close", Close), ("symbol", SymbolColumn) })
        {
            if (column is not null)
            {
                yield return ("prices", role, column);
                yield return ("mark", role, column);
            }
        }

        if (Volume is not null)
        {
            yield return ("prices", "volume", Volume);
        }

        foreach (var (role, column) in new[] { ("time", FundingTime), ("fundingRate", Rate), ("fundingMarkPrice", MarkPrice), ("symbol", SymbolColumn) })
        {
            if (column is not null)
            {
                yield return ("funding", role, column);
            }
        }
    }
}
