using LevBacktest.Core.Data.Sources;

namespace LevBacktest.Core.Data;

/// <summary>
/// How levbt reads one market-data file: what it holds (by its columns, as <c>levbt data validate</c> decides), which
/// column plays each role — the explicit name of a <see cref="ColumnMapping"/> (the spec's <c>data.columns</c>, the
/// CLI's <c>--…-column</c> options), else the first common name present — and, for a file of several symbols, the
/// symbol column and the rows of the requested symbol. For <c>levbt data cat</c> and <c>levbt data inspect</c>.
/// </summary>
public sealed record MarketDataFileColumns
{
    /// <summary>Prices, mark prices or funding.</summary>
    public required DataFileKind Kind { get; init; }

    /// <summary>
    /// (role, column) pairs in role order: <c>time, open, high, low, close[, volume]</c> for bars,
    /// <c>time, fundingRate[, fundingMarkPrice]</c> for funding (roles as in <see cref="ColumnMapping.RoleNames"/>).
    /// </summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Roles { get; init; }

    /// <summary>The column that names each row's symbol, or null when the file has none.</summary>
    public string? SymbolColumn { get; init; }

    /// <summary>
    /// The file rows (0-based, ascending) of the requested symbol, or null for every row (no symbol requested, or
    /// every row is of it).
    /// </summary>
    public IReadOnlyList<int>? Rows { get; init; }

    /// <summary>Rows in the file.</summary>
    public required int FileRowCount { get; init; }

    /// <summary>Resolves the columns of <paramref name="path"/>.</summary>
    /// <param name="path">A Parquet or CSV file.</param>
    /// <param name="columns">Explicit column names (null properties are recognised by their common names).</param>
    /// <param name="symbol">Keep only the rows of this symbol (ignoring case), or null for all (a file of several symbols is then an error).</param>
    /// <exception cref="MarketDataException">A role's column is missing, an explicit name does not exist, or the symbol is not in the file (the message names the file and what it has).</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public static MarketDataFileColumns Resolve(string path, ColumnMapping columns, string? symbol)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(columns);
        var table = SourceFiles.Open(path);
        try
        {
            var kind = Classify(table, columns);
            var roles = new List<KeyValuePair<string, string>>();
            void Add(string role, SourceColumnInfo? column)
            {
                if (column is not null)
                {
                    roles.Add(new(role, column.Name));
                }
            }

            if (kind == DataFileKind.Funding)
            {
                var funding = SeriesReader.ResolveFunding(table, columns);
                Add("time", funding.Time);
                Add("fundingRate", funding.Rate);
                Add("fundingMarkPrice", funding.MarkPrice);
            }
            else
            {
                var bars = SeriesReader.ResolveBars(table, columns, withVolume: kind == DataFileKind.Prices);
                Add("time", bars.Time);
                Add("open", bars.Open);
                Add("high", bars.High);
                Add("low", bars.Low);
                Add("close", bars.Close);
                Add("volume", bars.Volume);
            }

            var (rows, _, _) = SeriesReader.SelectSymbol(table, columns.Symbol, symbol);
            return new MarketDataFileColumns
            {
                Kind = kind,
                Roles = roles,
                SymbolColumn = SeriesReader.SymbolColumnName(table, columns.Symbol),
                Rows = rows.Rows,
                FileRowCount = table.RowCount,
            };
        }
        finally
        {
            (table as IDisposable)?.Dispose();
        }
    }

    /// <summary>The rows of one symbol, without resolving the other roles (a file of any columns, e.g. for printing).</summary>
    /// <param name="path">A Parquet or CSV file.</param>
    /// <param name="symbolColumn">The symbol column, or null for the first of canonical_symbol, venue_symbol, symbol present.</param>
    /// <param name="symbol">The symbol (ignoring case).</param>
    /// <returns>The file rows (ascending), or null when every row is of the symbol.</returns>
    /// <exception cref="MarketDataException">No symbol column, or no row of the symbol (the message lists the symbols held).</exception>
    public static IReadOnlyList<int>? RowsOfSymbol(string path, string? symbolColumn, string symbol)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        var table = SourceFiles.Open(path);
        try
        {
            if (SeriesReader.SymbolColumnName(table, symbolColumn) is null)
            {
                throw new MarketDataException(path, null, null, $"no symbol column to select '{symbol}' by: looked for {string.Join(", ", ColumnNames.Symbol)}; name it with --symbol-column NAME.");
            }

            return SeriesReader.SelectSymbol(table, symbolColumn, symbol).Rows.Rows;
        }
        finally
        {
            (table as IDisposable)?.Dispose();
        }
    }

    /// <summary>
    /// What a file holds, by its columns: funding when it has a funding-rate column or no high/low pair; else prices
    /// when it has volume, mark prices when not. Explicit names in <paramref name="columns"/> count as present.
    /// </summary>
    internal static DataFileKind Classify(SourceTable table, ColumnMapping columns)
    {
        bool hasHighLow = (columns.High is not null || table.Find(ColumnNames.High) is not null) && (columns.Low is not null || table.Find(ColumnNames.Low) is not null);
        bool hasRate = columns.FundingRate is not null || ColumnNames.FundingRate.Any(n => table.Find(n) is not null);
        if (hasRate || !hasHighLow)
        {
            return DataFileKind.Funding;
        }

        bool hasVolume = columns.Volume is not null || table.Find(ColumnNames.Volume) is not null;
        return hasVolume ? DataFileKind.Prices : DataFileKind.MarkPrices;
    }
}
