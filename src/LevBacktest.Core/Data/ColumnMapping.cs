namespace LevBacktest.Core.Data;

/// <summary>
/// Explicit column names for one input file. Every property is optional: a null name means "find
/// the column by its common names" (see <see cref="MarketDataLoader"/> for the lists and the order
/// of preference). A name given here must exist in the file (exact match first, then ignoring case).
/// </summary>
public sealed record ColumnMapping
{
    /// <summary>Recognise every column by its common names.</summary>
    public static ColumnMapping Auto { get; } = new();

    /// <summary>Bar open time (price and mark files) or settlement time (funding files).</summary>
    public string? Time { get; init; }

    /// <summary>Open price column (USDT).</summary>
    public string? Open { get; init; }

    /// <summary>High price column (USDT).</summary>
    public string? High { get; init; }

    /// <summary>Low price column (USDT).</summary>
    public string? Low { get; init; }

    /// <summary>Close price column (USDT).</summary>
    public string? Close { get; init; }

    /// <summary>Volume column (base units); price files only.</summary>
    public string? Volume { get; init; }

    /// <summary>Funding rate column (fraction per interval); funding files only.</summary>
    public string? FundingRate { get; init; }

    /// <summary>Mark price at settlement (USDT); funding files only, optional.</summary>
    public string? FundingMarkPrice { get; init; }

    /// <summary>Column holding the symbol of each row, for files that hold many symbols.</summary>
    public string? Symbol { get; init; }

    /// <summary>The role names accepted by <see cref="FromRoles"/>, in the order of the properties.</summary>
    public static IReadOnlyList<string> RoleNames { get; } = ["time", "open", "high", "low", "close", "volume", "fundingRate", "fundingMarkPrice", "symbol"];

    /// <summary>
    /// Builds a mapping from role → column name pairs as written in experiment specs and on the command
    /// line: roles are the property names in camelCase (<see cref="RoleNames"/>, exact spelling).
    /// </summary>
    /// <param name="columnsByRole">Column name per role; roles left out are recognised automatically.</param>
    /// <exception cref="ArgumentException">A role is unknown or a column name is blank.</exception>
    public static ColumnMapping FromRoles(IReadOnlyDictionary<string, string> columnsByRole)
    {
        ArgumentNullException.ThrowIfNull(columnsByRole);
        var mapping = Auto;
        foreach (var (role, column) in columnsByRole)
        {
            if (string.IsNullOrWhiteSpace(column))
            {
                throw new ArgumentException($"The column name for role '{role}' is blank.", nameof(columnsByRole));
            }

            mapping = role switch
            {
                "time" => mapping with { Time = column },
                "open" => mapping with { Open = column },
                "high" => mapping with { High = column },
                "low" => mapping with { Low = column },
                "close" => mapping with { Close = column },
                "volume" => mapping with { Volume = column },
                "fundingRate" => mapping with { FundingRate = column },
                "fundingMarkPrice" => mapping with { FundingMarkPrice = column },
                "symbol" => mapping with { Symbol = column },
                _ => throw new ArgumentException($"Unknown column role '{role}'; valid roles: {string.Join(", ", RoleNames)}.", nameof(columnsByRole)),
            };
        }

        return mapping;
    }
}
