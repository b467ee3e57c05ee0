using System.Globalization;
using System.Text.Json;

namespace LevBacktest.Core.Margin;

/// <summary>
/// The leverage bracket tables of one symbol over time, each in force from its effective date until the
/// next one. A run prices bar i with the table in force at bar i's open time.
/// </summary>
/// <remarks>
/// File format (JSON, as under <c>data/tiers/</c>):
/// <code>
/// { "symbol": "BTCUSDT", "source": "...", "readOn": "2026-11-21",
///   "tables": [ { "effectiveFrom": "2019-09-01T00:00:00Z",
///                 "brackets": [ { "floorNotional": 0, "capNotional": 50000, "maxLeverage": 125,
///                                 "maintenanceMarginRate": 0.004, "maintenanceAmount": 0 }, ... ] } ] }
/// </code>
/// A null or absent <c>capNotional</c> on the last bracket means no cap. The loader checks every
/// maintenance amount against Binance's rule amount_n = floor_n · (mmr_n − mmr_{n−1}) + amount_{n−1}.
/// </remarks>
public sealed class LeverageBracketSchedule
{
    private readonly LeverageBracketTable[] _tables;

    /// <summary>Creates a schedule.</summary>
    /// <param name="symbol">Exchange symbol, e.g. "BTCUSDT".</param>
    /// <param name="source">Where the figures come from (document, repository, commit) and when they were read.</param>
    /// <param name="tables">Tables in strictly increasing effective-date order; at least one.</param>
    /// <exception cref="ArgumentException">No table, or effective dates not strictly increasing.</exception>
    public LeverageBracketSchedule(string symbol, string source, IReadOnlyList<LeverageBracketTable> tables)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(tables);
        if (tables.Count == 0)
        {
            throw new ArgumentException("A leverage bracket schedule needs at least one table.", nameof(tables));
        }

        _tables = new LeverageBracketTable[tables.Count];
        for (int t = 0; t < tables.Count; t++)
        {
            _tables[t] = tables[t] ?? throw new ArgumentException($"Table {t} is null.", nameof(tables));
            if (t > 0 && _tables[t].EffectiveFromMs <= _tables[t - 1].EffectiveFromMs)
            {
                throw new ArgumentException($"Table {t}'s effective date is not after table {t - 1}'s.", nameof(tables));
            }
        }

        Symbol = symbol;
        Source = source;
    }

    /// <summary>Exchange symbol, e.g. "BTCUSDT".</summary>
    public string Symbol { get; }

    /// <summary>Provenance of the figures (document or repository path and commit, and the date read).</summary>
    public string Source { get; }

    /// <summary>The tables in increasing effective-date order.</summary>
    public IReadOnlyList<LeverageBracketTable> Tables => _tables;

    /// <summary>Effective date of the first table, UTC epoch milliseconds; earlier times have no table.</summary>
    public long FirstEffectiveMs => _tables[0].EffectiveFromMs;

    /// <summary>Index into <see cref="Tables"/> of the table in force at <paramref name="timeMs"/>.</summary>
    /// <param name="timeMs">UTC epoch milliseconds, ≥ <see cref="FirstEffectiveMs"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The time precedes the first table.</exception>
    public int IndexAt(long timeMs)
    {
        if (timeMs < _tables[0].EffectiveFromMs)
        {
            throw new ArgumentOutOfRangeException(nameof(timeMs), timeMs,
                $"No leverage bracket table for {Symbol} is in force at {FormatTime(timeMs)}; the first starts {FormatTime(_tables[0].EffectiveFromMs)}.");
        }

        int index = 0;
        while (index + 1 < _tables.Length && _tables[index + 1].EffectiveFromMs <= timeMs)
        {
            index++;
        }

        return index;
    }

    /// <summary>The table in force at <paramref name="timeMs"/> (UTC epoch milliseconds).</summary>
    /// <param name="timeMs">UTC epoch milliseconds, ≥ <see cref="FirstEffectiveMs"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The time precedes the first table.</exception>
    public LeverageBracketTable TableAt(long timeMs) => _tables[IndexAt(timeMs)];

    /// <summary>
    /// A single open-ended bracket with a flat maintenance margin rate and no maintenance amount, in force
    /// at all times: the "flat rate given in the settings" alternative to a tier table.
    /// </summary>
    /// <param name="maintenanceMarginRate">Maintenance margin rate as a fraction, in [0, 1).</param>
    /// <param name="maxLeverage">Highest leverage allowed, ≥ 1.</param>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public static LeverageBracketSchedule FlatRate(double maintenanceMarginRate, double maxLeverage)
    {
        var table = new LeverageBracketTable(long.MinValue, [new LeverageBracket(0, double.PositiveInfinity, maxLeverage, maintenanceMarginRate, 0)]);
        return new LeverageBracketSchedule(
            "FLAT",
            FormattableString.Invariant($"flat maintenance margin rate {maintenanceMarginRate}, max leverage {maxLeverage}"),
            [table]);
    }

    /// <summary>Reads a schedule from a JSON file in the format described on this type.</summary>
    /// <param name="path">Path of the JSON file.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The JSON is malformed or a value is missing, of the wrong type or
    /// breaks a bracket invariant; the message names the file and the JSON path (e.g. <c>$.tables[0].brackets[2].maintenanceAmount</c>).</exception>
    public static LeverageBracketSchedule LoadJson(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Leverage bracket file '{path}' does not exist.", path);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine}): {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Bad(path, "$", "must be an object");
            }

            string symbol = RequireString(path, root, "$", "symbol");
            string source = RequireString(path, root, "$", "source");
            string readOn = RequireString(path, root, "$", "readOn");
            if (!root.TryGetProperty("tables", out var tablesElement) || tablesElement.ValueKind != JsonValueKind.Array || tablesElement.GetArrayLength() == 0)
            {
                throw Bad(path, "$.tables", "must be a non-empty array");
            }

            var tables = new List<LeverageBracketTable>();
            int t = 0;
            foreach (var tableElement in tablesElement.EnumerateArray())
            {
                string tablePath = $"$.tables[{t}]";
                string effective = RequireString(path, tableElement, tablePath, "effectiveFrom");
                if (!DateTimeOffset.TryParse(effective, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var effectiveFrom))
                {
                    throw Bad(path, tablePath + ".effectiveFrom", $"'{effective}' is not an ISO-8601 date-time");
                }

                if (!tableElement.TryGetProperty("brackets", out var bracketsElement) || bracketsElement.ValueKind != JsonValueKind.Array || bracketsElement.GetArrayLength() == 0)
                {
                    throw Bad(path, tablePath + ".brackets", "must be a non-empty array");
                }

                var brackets = new List<LeverageBracket>();
                int count = bracketsElement.GetArrayLength();
                int n = 0;
                foreach (var b in bracketsElement.EnumerateArray())
                {
                    string bracketPath = $"{tablePath}.brackets[{n}]";
                    double floor = RequireNumber(path, b, bracketPath, "floorNotional");
                    double cap = n == count - 1 && (!b.TryGetProperty("capNotional", out var capElement) || capElement.ValueKind == JsonValueKind.Null)
                        ? double.PositiveInfinity
                        : RequireNumber(path, b, bracketPath, "capNotional");
                    double maxLeverage = RequireNumber(path, b, bracketPath, "maxLeverage");
                    double rate = RequireNumber(path, b, bracketPath, "maintenanceMarginRate");
                    double amount = RequireNumber(path, b, bracketPath, "maintenanceAmount");
                    if (n > 0)
                    {
                        var previous = brackets[n - 1];
                        double expected = (floor * (rate - previous.MaintenanceMarginRate)) + previous.MaintenanceAmount;
                        if (Math.Abs(amount - expected) > 1e-6 * Math.Max(1, Math.Abs(expected)))
                        {
                            throw Bad(path, bracketPath + ".maintenanceAmount",
                                FormattableString.Invariant($"is {amount} but floor · (mmr − previous mmr) + previous amount = {expected}"));
                        }
                    }
                    else if (amount != 0)
                    {
                        throw Bad(path, bracketPath + ".maintenanceAmount", FormattableString.Invariant($"of the first bracket must be 0, got {amount}"));
                    }

                    brackets.Add(new LeverageBracket(floor, cap, maxLeverage, rate, amount));
                    n++;
                }

                try
                {
                    tables.Add(new LeverageBracketTable(effectiveFrom.ToUnixTimeMilliseconds(), brackets));
                }
                catch (ArgumentException e)
                {
                    throw Bad(path, tablePath + ".brackets", e.Message.Split(" (Parameter", 2)[0]);
                }

                t++;
            }

            try
            {
                return new LeverageBracketSchedule(symbol, $"{source} (read {readOn})", tables);
            }
            catch (ArgumentException e)
            {
                throw Bad(path, "$.tables", e.Message.Split(" (Parameter", 2)[0]);
            }
        }
    }

    private static InvalidDataException Bad(string file, string jsonPath, string problem) => new($"{file}: {jsonPath} {problem}.");

    private static string RequireString(string file, JsonElement parent, string parentPath, string name)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw Bad(file, $"{parentPath}.{name}", "is missing or not a non-empty string");
        }

        return value.GetString()!;
    }

    private static double RequireNumber(string file, JsonElement parent, string parentPath, string name)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number) || !double.IsFinite(number))
        {
            throw Bad(file, $"{parentPath}.{name}", "is missing or not a finite number");
        }

        return number;
    }

    private static string FormatTime(long timeMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(timeMs, -62135596800000L, 253402300799999L)).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
