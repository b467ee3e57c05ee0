namespace LevBacktest.Core.Data.Sources;

/// <summary>
/// Finds the columns of a bar or funding file (explicit names first, else the common names of
/// <see cref="ColumnNames"/>), keeps the rows of the requested symbol, and converts the values to
/// the engine's units. Content checks are left to <see cref="SeriesValidator"/>.
/// </summary>
internal static class SeriesReader
{
    /// <summary>
    /// Reads OHLC bars, with volume when <paramref name="withVolume"/> (a price file) and the file has it; tells
    /// <paramref name="symbolSelected"/> (when given) the file's symbol (<see cref="BarColumns.SymbolInData"/>) once its rows
    /// are chosen, before the values are read: the loader starts reading the mark file then.
    /// </summary>
    public static BarColumns ReadBars(SourceTable table, ColumnMapping mapping, string? symbol, EpochTimeUnit? unit, bool withVolume, Action<string?>? symbolSelected = null)
        => ReadBars(table, mapping, () => symbol, unit, withVolume, symbolSelected);

    /// <summary>
    /// As <see cref="ReadBars(SourceTable, ColumnMapping, string?, EpochTimeUnit?, bool, Action{string?}?)"/>, asking for the
    /// symbol only once the columns are found, just before the rows are chosen: a mark file is opened while the price
    /// file's symbol is still being settled on another thread.
    /// </summary>
    public static BarColumns ReadBars(SourceTable table, ColumnMapping mapping, Func<string?> symbolWhenNeeded, EpochTimeUnit? unit, bool withVolume, Action<string?>? symbolSelected = null)
    {
        var (time, open, high, low, close, volume) = ResolveBars(table, mapping, withVolume);
        string? symbol = symbolWhenNeeded();
        var (rows, count, symbolInData) = SelectSymbol(table, mapping.Symbol, symbol);
        symbolSelected?.Invoke(symbolInData);
        return new BarColumns
        {
            Rows = rows,
            OpenTimeMs = ColumnConversion.ToEpochMilliseconds(table.Read(time), rows, count, unit),
            Open = ColumnConversion.ToDoubles(table.Read(open), rows, count),
            High = ColumnConversion.ToDoubles(table.Read(high), rows, count),
            Low = ColumnConversion.ToDoubles(table.Read(low), rows, count),
            Close = ColumnConversion.ToDoubles(table.Read(close), rows, count),
            Volume = volume is null ? null : ColumnConversion.ToDoubles(table.Read(volume), rows, count),
            TimeColumn = time.Name,
            OpenColumn = open.Name,
            HighColumn = high.Name,
            LowColumn = low.Name,
            CloseColumn = close.Name,
            VolumeColumn = volume?.Name,
            SymbolInData = symbolInData,
        };
    }

    /// <summary>Reads funding settlements: time, rate and, when present, the mark price at settlement.</summary>
    public static FundingColumns ReadFunding(SourceTable table, ColumnMapping mapping, string? symbol, EpochTimeUnit? unit)
    {
        var (time, rate, markPrice) = ResolveFunding(table, mapping);
        var (rows, count, symbolInData) = SelectSymbol(table, mapping.Symbol, symbol);
        return new FundingColumns
        {
            Rows = rows,
            TimeMs = ColumnConversion.ToEpochMilliseconds(table.Read(time), rows, count, unit),
            Rate = ColumnConversion.ToDoubles(table.Read(rate), rows, count),
            MarkPrice = markPrice is null ? null : ColumnConversion.ToDoublesAllowingNulls(table.Read(markPrice), rows, count),
            TimeColumn = time.Name,
            RateColumn = rate.Name,
            MarkPriceColumn = markPrice?.Name,
            SymbolInData = symbolInData,
        };
    }

    /// <summary>The columns of a bar file's roles (volume null when not wanted or absent); throws when a required one is missing.</summary>
    internal static (SourceColumnInfo Time, SourceColumnInfo Open, SourceColumnInfo High, SourceColumnInfo Low, SourceColumnInfo Close, SourceColumnInfo? Volume) ResolveBars(
        SourceTable table, ColumnMapping mapping, bool withVolume)
    {
        var time = Resolve(table, mapping.Time, "time", ColumnNames.BarTime, "bar open time", "--time-column")!;
        var open = Resolve(table, mapping.Open, "open", [ColumnNames.Open], "open price", "--open-column")!;
        var high = Resolve(table, mapping.High, "high", [ColumnNames.High], "high price", "--high-column")!;
        var low = Resolve(table, mapping.Low, "low", [ColumnNames.Low], "low price", "--low-column")!;
        var close = Resolve(table, mapping.Close, "close", [ColumnNames.Close], "close price", "--close-column")!;
        var volume = withVolume
            ? Resolve(table, mapping.Volume, "volume", [ColumnNames.Volume], "volume", "--volume-column", required: false)
            : null;
        return (time, open, high, low, close, volume);
    }

    /// <summary>The columns of a funding file's roles (mark price null when absent); throws when a required one is missing.</summary>
    internal static (SourceColumnInfo Time, SourceColumnInfo Rate, SourceColumnInfo? MarkPrice) ResolveFunding(SourceTable table, ColumnMapping mapping)
    {
        var time = Resolve(table, mapping.Time, "time", ColumnNames.FundingTime, "funding time", "--funding-time-column")!;
        var rate = Resolve(table, mapping.FundingRate, "fundingRate", ColumnNames.FundingRate, "funding rate", "--rate-column", required: false)
            ?? table.Find(ColumnNames.FreqtradeFundingRate)
            ?? throw Missing(table, ColumnNames.FundingRate, "funding rate", "fundingRate", "--rate-column");
        var markPrice = Resolve(table, mapping.FundingMarkPrice, "fundingMarkPrice", ColumnNames.FundingMarkPrice, "mark price", "--mark-price-column", required: false);
        if (markPrice is not null && markPrice.Kind == SourceValueKind.Unsupported)
        {
            // e.g. Bybit files: an all-null column with logical type NULL means "no mark price".
            markPrice = null;
        }

        return (time, rate, markPrice);
    }

    /// <summary>The symbol column <see cref="SelectSymbol"/> reads first: the explicit one, else the first common name present; null when none.</summary>
    internal static string? SymbolColumnName(SourceTable table, string? explicitColumn)
    {
        if (explicitColumn is not null)
        {
            return Resolve(table, explicitColumn, "symbol", [], "symbol", "--symbol-column")!.Name;
        }

        foreach (string name in ColumnNames.Symbol)
        {
            if (table.Find(name) is { } found && found.Kind is SourceValueKind.Text or SourceValueKind.Unknown)
            {
                return found.Name;
            }
        }

        return null;
    }

    /// <summary>
    /// The rows of <paramref name="symbol"/>. Symbol columns are the explicit one or those of
    /// <see cref="ColumnNames.Symbol"/> present, tried in order; the first in which the symbol occurs
    /// (ignoring case) selects the rows. Without a symbol, a file holding several is an error.
    /// </summary>
    internal static (RowNamer Rows, int Count, string? SymbolInData) SelectSymbol(SourceTable table, string? explicitColumn, string? symbol)
    {
        var candidates = new List<SourceColumnInfo>();
        if (explicitColumn is not null)
        {
            candidates.Add(Resolve(table, explicitColumn, "symbol", [], "symbol", "--symbol-column")!);
        }
        else
        {
            foreach (string name in ColumnNames.Symbol)
            {
                if (table.Find(name) is { } found && found.Kind is SourceValueKind.Text or SourceValueKind.Unknown)
                {
                    candidates.Add(found);
                }
            }
        }

        if (candidates.Count == 0)
        {
            return (new RowNamer(table, null), table.RowCount, null);
        }

        var columns = candidates.Select(table.Read).ToArray();
        if (symbol is null)
        {
            var distinct = Distinct(columns[0], 11);
            if (distinct.Count > 1)
            {
                string listed = string.Join(", ", distinct.Take(10)) + (distinct.Count > 10 ? ", …" : string.Empty);
                throw new MarketDataException(table.Path, null, columns[0].Name, $"the file holds several symbols ({listed}); choose one (--symbol, spec data.symbol, or MarketDataRequest.Symbol).");
            }

            return (new RowNamer(table, null), table.RowCount, PreferredSymbolText(columns, 0));
        }

        foreach (var column in columns)
        {
            // A column of one symbol (the common case) selects every row: the rows are counted first and listed only when
            // some do not match.
            int matched = MatchingRows(column, symbol, null);
            if (matched == column.Length)
            {
                return (new RowNamer(table, null), table.RowCount, PreferredSymbolText(columns, 0));
            }

            if (matched > 0)
            {
                int[] rows = new int[matched];
                MatchingRows(column, symbol, rows);
                return (new RowNamer(table, rows), rows.Length, PreferredSymbolText(columns, rows[0]));
            }
        }

        var held = Distinct(columns[0], 11);
        string heldList = string.Join(", ", held.Take(10)) + (held.Count > 10 ? ", …" : string.Empty);
        throw new MarketDataException(
            table.Path,
            null,
            string.Join("/", columns.Select(c => c.Name)),
            $"no row has symbol '{symbol}'; the file holds {heldList}.");
    }

    /// <summary>Finds a column by its explicit name, else by the common names; throws when a required one is missing.</summary>
    /// <param name="table">The file.</param>
    /// <param name="explicitName">The mapping's name for the role, or null.</param>
    /// <param name="roleName">The role as the spec's <c>data.columns</c> names it (<see cref="ColumnMapping.RoleNames"/>).</param>
    /// <param name="commonNames">Names tried in order when no explicit name is given.</param>
    /// <param name="role">The role in words, for messages.</param>
    /// <param name="option">The levbt option that names the column (every one exists on run and data cat/inspect/validate).</param>
    /// <param name="required">Throw when missing, else return null.</param>
    internal static SourceColumnInfo? Resolve(SourceTable table, string? explicitName, string roleName, IReadOnlyList<string> commonNames, string role, string option, bool required = true)
    {
        if (explicitName is not null)
        {
            return table.Find(explicitName)
                ?? throw new MarketDataException(table.Path, null, explicitName, $"the {role} column given as '{explicitName}' does not exist; the file has {ListColumns(table)}.");
        }

        foreach (string name in commonNames)
        {
            if (table.Find(name) is { } found)
            {
                return found;
            }
        }

        return required ? throw Missing(table, commonNames, role, roleName, option) : null;
    }

    private static MarketDataException Missing(SourceTable table, IReadOnlyList<string> commonNames, string role, string roleName, string option)
    {
        string files = roleName == "symbol" ? "prices/mark/funding"
            : roleName is "fundingRate" or "fundingMarkPrice" || option == "--funding-time-column" ? "funding"
            : "prices/mark";
        return new(table.Path, null, null,
            $"no {role} column: looked for {string.Join(", ", commonNames)}; the file has {ListColumns(table)}. Name it with {option} NAME on the command line, or \"{roleName}\" under the spec's data.columns.{files}.");
    }

    private static string ListColumns(SourceTable table) =>
        table.Columns.Count == 0 ? "no columns" : string.Join(", ", table.Columns.Select(c => c.Name));

    /// <summary>
    /// Counts the rows whose text equals <paramref name="symbol"/> (ignoring case), writing their indices to
    /// <paramref name="rows"/> when given (its length the count). Rows repeat one string instance per run of equal
    /// values (the readers share it), so each run is compared once.
    /// </summary>
    private static int MatchingRows(SourceColumn column, string symbol, int[]? rows)
    {
        if (column.ConstantText is { } constant)
        {
            if (!string.Equals(constant, symbol, StringComparison.OrdinalIgnoreCase))
            {
                return 0;
            }

            if (rows is not null)
            {
                for (int row = 0; row < column.Length; row++)
                {
                    rows[row] = row;
                }
            }

            return column.Length;
        }

        int matched = 0;
        string? previous = null;
        bool previousMatches = false;
        for (int row = 0; row < column.Length; row++)
        {
            string? text = column.ValueText(row);
            if (text is null || !ReferenceEquals(text, previous))
            {
                previous = text;
                previousMatches = string.Equals(text, symbol, StringComparison.OrdinalIgnoreCase);
            }

            if (previousMatches)
            {
                if (rows is not null)
                {
                    rows[matched] = row;
                }

                matched++;
            }
        }

        return matched;
    }

    private static List<string> Distinct(SourceColumn column, int limit)
    {
        var ordered = new List<string>();
        if (column.ConstantText is { } constant)
        {
            if (column.Length > 0 && limit > 0)
            {
                ordered.Add(constant);
            }

            return ordered;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? previous = null;
        for (int row = 0; row < column.Length && ordered.Count < limit; row++)
        {
            string value = column.ValueText(row) ?? "(null)";
            if (!ReferenceEquals(value, previous) && seen.Add(previous = value))
            {
                ordered.Add(value);
            }
        }

        return ordered;
    }

    /// <summary>The exchange-style symbol of a row: venue_symbol or symbol before canonical_symbol.</summary>
    private static string? PreferredSymbolText(SourceColumn[] columns, int row)
    {
        if (columns.Length == 0 || columns[0].Length == 0)
        {
            return null;
        }

        foreach (var column in columns)
        {
            if (!string.Equals(column.Name, "canonical_symbol", StringComparison.OrdinalIgnoreCase) && column.ValueText(row) is { Length: > 0 } text)
            {
                return text;
            }
        }

        return columns[0].ValueText(row);
    }
}
