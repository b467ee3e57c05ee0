using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace LevBacktest.Core.Data.Sources;

/// <summary>
/// A comma-separated file (plain, or the single <c>.csv</c> inside a <c>.zip</c> as Binance
/// publishes them) read as a flat table.
/// </summary>
/// <remarks>
/// A hand-written parser rather than CsvHelper: the inputs are machine-written numeric tables
/// (Binance public data, freqtrade/pandas exports) where the only CSV feature needed beyond
/// splitting on commas is an optional double-quoted field; parsing spans straight into typed
/// arrays avoids a string per field, and keeping line numbers lets every error name its line.
/// A first line whose first field is neither a number nor a date is the header. Without a header the columns are
/// named by the known layouts: 12 columns = Binance kline / mark-price kline (open_time, open, high,
/// low, close, volume, close_time, quote_volume, count, taker_buy_volume, taker_buy_quote_volume,
/// ignore); 3 = Binance funding (calc_time, funding_interval_hours, last_funding_rate);
/// 6 = freqtrade OHLCV (date, open, high, low, close, volume).
/// </remarks>
internal sealed class CsvSourceTable : SourceTable
{
    private static readonly string[] BinanceKlineColumns =
        ["open_time", "open", "high", "low", "close", "volume", "close_time", "quote_volume", "count", "taker_buy_volume", "taker_buy_quote_volume", "ignore"];

    private static readonly string[] BinanceFundingColumns = ["calc_time", "funding_interval_hours", "last_funding_rate"];

    private static readonly string[] FreqtradeColumns = ["date", "open", "high", "low", "close", "volume"];

    private readonly string _text;
    private readonly int[] _lineStart;
    private readonly int[] _lineEnd;
    private readonly int[] _lineNumber;

    private CsvSourceTable(string path, string text, IReadOnlyList<SourceColumnInfo> columns, int[] lineStart, int[] lineEnd, int[] lineNumber)
        : base(path, columns, lineStart.Length)
    {
        _text = text;
        _lineStart = lineStart;
        _lineEnd = lineEnd;
        _lineNumber = lineNumber;
    }

    /// <summary>True for paths the CSV reader handles: <c>.csv</c> and <c>.zip</c>.</summary>
    public static bool Handles(string path) =>
        path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads a CSV file or the CSV inside a zip archive.</summary>
    /// <exception cref="MarketDataException">The file is missing, unreadable, empty or of an unknown layout.</exception>
    public static CsvSourceTable Open(string path)
    {
        string name = path;
        string text;
        try
        {
            if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                using var archive = ZipFile.OpenRead(path);
                var entries = archive.Entries.Where(e => e.FullName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)).ToArray();
                if (entries.Length != 1)
                {
                    throw new MarketDataException(path, null, null, $"a zip archive must hold exactly one .csv file, this one holds {entries.Length}.");
                }

                name = $"{path}!{entries[0].FullName}";
                using var reader = new StreamReader(entries[0].Open(), Encoding.UTF8);
                text = reader.ReadToEnd();
            }
            else
            {
                text = File.ReadAllText(path, Encoding.UTF8);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new MarketDataException($"{path}: cannot read the file: {exception.Message}", exception);
        }

        return Parse(name, text);
    }

    /// <summary>Parses CSV text already in memory; <paramref name="name"/> is used in messages.</summary>
    public static CsvSourceTable Parse(string name, string text)
    {
        var starts = new List<int>();
        var ends = new List<int>();
        var numbers = new List<int>();
        int position = 0, lineNumber = 0;
        while (position < text.Length)
        {
            lineNumber++;
            int newline = text.IndexOf('\n', position);
            int end = newline < 0 ? text.Length : newline;
            int contentEnd = end > position && text[end - 1] == '\r' ? end - 1 : end;
            if (contentEnd > position && !text.AsSpan(position, contentEnd - position).IsWhiteSpace())
            {
                starts.Add(position);
                ends.Add(contentEnd);
                numbers.Add(lineNumber);
            }

            position = end + 1;
        }

        if (starts.Count == 0)
        {
            throw new MarketDataException(name, null, null, "the file is empty.");
        }

        // Skip a byte-order mark on the first line.
        if (text[starts[0]] == '\uFEFF')
        {
            starts[0]++;
        }

        var firstFields = SplitLine(text.AsSpan(starts[0], ends[0] - starts[0]));
        string firstField = firstFields[0].Trim();
        bool hasHeader = !double.TryParse(firstField, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            && !ColumnConversion.TryParseIsoTime(firstField, out _);
        string[] names;
        if (hasHeader)
        {
            names = firstFields.Select(f => f.Trim()).ToArray();
            starts.RemoveAt(0);
            ends.RemoveAt(0);
            numbers.RemoveAt(0);
        }
        else
        {
            names = firstFields.Count switch
            {
                12 => BinanceKlineColumns,
                3 => BinanceFundingColumns,
                6 => FreqtradeColumns,
                _ => throw new MarketDataException(name, $"line {numbers[0]}", null,
                    $"no header row, and {firstFields.Count} columns match no known layout (12 = Binance kline, 3 = Binance funding, 6 = freqtrade OHLCV); add a header row."),
            };
        }

        if (starts.Count == 0)
        {
            throw new MarketDataException(name, null, null, $"the file has a header row ({string.Join(", ", names)}) but no data rows.");
        }

        // Every row has exactly the header's (or layout's) number of fields: a long row is as wrong as a short one.
        for (int row = 0; row < starts.Count; row++)
        {
            var line = text.AsSpan(starts[row], ends[row] - starts[row]);
            int count = line.Contains('"') ? SplitLine(line).Count : line.Count(',') + 1;
            if (count != names.Length)
            {
                throw new MarketDataException(name, $"line {numbers[row]}", null,
                    $"the line has {count} field(s), {(count > names.Length ? "more" : "fewer")} than the {names.Length} columns of the {(hasHeader ? "header" : "layout")}.");
            }
        }

        var columns = names.Select(n => new SourceColumnInfo(n, SourceValueKind.Unknown, SourceTimeKind.None, "CSV")).ToArray();
        return new CsvSourceTable(name, text, columns, starts.ToArray(), ends.ToArray(), numbers.ToArray());
    }

    public override string DescribeRow(int row) => $"line {_lineNumber[row]}";

    /// <summary>Parses a column as integers when every value is one, else as doubles, else as text; empty fields are nulls.</summary>
    public override SourceColumn Read(SourceColumnInfo column)
    {
        int index = -1;
        for (int c = 0; c < Columns.Count; c++)
        {
            if (ReferenceEquals(Columns[c], column) || Columns[c].Name == column.Name)
            {
                index = c;
                break;
            }
        }

        int n = RowCount;
        bool[]? nulls = null;
        var integers = new long[n];
        int row = 0;
        for (; row < n; row++)
        {
            var field = Field(row, index, column.Name);
            if (field.IsEmpty)
            {
                (nulls ??= new bool[n])[row] = true;
                continue;
            }

            if (!long.TryParse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out integers[row]))
            {
                break;
            }
        }

        if (row == n)
        {
            return SourceColumn.FromIntegers(column with { Kind = SourceValueKind.Integer }, integers, nulls);
        }

        nulls = null;
        var reals = new double[n];
        for (row = 0; row < n; row++)
        {
            var field = Field(row, index, column.Name);
            if (field.IsEmpty)
            {
                (nulls ??= new bool[n])[row] = true;
                continue;
            }

            if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out reals[row]))
            {
                break;
            }
        }

        if (row == n)
        {
            return SourceColumn.FromReals(column with { Kind = SourceValueKind.Real }, reals, nulls);
        }

        var texts = new string?[n];
        for (row = 0; row < n; row++)
        {
            texts[row] = Field(row, index, column.Name).ToString();
        }

        return SourceColumn.FromTexts(column with { Kind = SourceValueKind.Text }, texts);
    }

    private ReadOnlySpan<char> Field(int row, int index, string columnName)
    {
        var line = _text.AsSpan(_lineStart[row], _lineEnd[row] - _lineStart[row]);
        if (line.IndexOf('"') < 0)
        {
            for (int c = 0; c < index; c++)
            {
                int comma = line.IndexOf(',');
                if (comma < 0)
                {
                    throw TooFewFields(row, columnName, c + 1);
                }

                line = line[(comma + 1)..];
            }

            int next = line.IndexOf(',');
            return (next < 0 ? line : line[..next]).Trim();
        }

        var fields = SplitLine(line);
        return index < fields.Count ? fields[index].AsSpan().Trim() : throw TooFewFields(row, columnName, fields.Count);
    }

    private MarketDataException TooFewFields(int row, string columnName, int found) =>
        new(Path, DescribeRow(row), columnName, $"the line has {found} field(s), fewer than the {Columns.Count} columns of the header/layout.");

    /// <summary>Splits one line on commas; a field in double quotes may hold commas and doubled quotes.</summary>
    private static List<string> SplitLine(ReadOnlySpan<char> line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(ch);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }
}
