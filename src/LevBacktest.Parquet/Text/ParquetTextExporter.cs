using System.Text;

namespace LevBacktest.Parquet.Text;

/// <summary>
/// Prints the rows of a Parquet file as canonical JSON Lines or CSV, one row group at a time, so memory stays at
/// one row group of the selected columns. The JSONL form is byte-exact with the conformance corpus's expected
/// files (parquet-testing README, "Canonical JSONL"): one object per line, keys as stored, lines ending in "\n".
/// </summary>
public static class ParquetTextExporter
{
    /// <summary>Writes rows of <paramref name="reader"/> to <paramref name="output"/>.</summary>
    /// <param name="reader">An open reader.</param>
    /// <param name="output">Destination; lines end with '\n' whatever the platform.</param>
    /// <param name="format">JSON Lines or CSV.</param>
    /// <param name="columns">Column names in output order, or null for every column in schema order.</param>
    /// <param name="limit">Maximum number of rows, or null for all.</param>
    /// <param name="rows">Only these rows (0-based file row numbers, ascending), or null for every row; e.g. the rows of one symbol.</param>
    /// <returns>The number of rows written.</returns>
    /// <exception cref="ParquetFormatException">Missing column or corrupt data (also a STRING value that is not UTF-8, or
    /// row groups that hold another number of rows than the footer's num_rows), found before anything is written.</exception>
    /// <exception cref="NotSupportedException">A selected column is nested, or the file uses an unsupported feature.</exception>
    public static long Write(ParquetFileReader reader, TextWriter output, ParquetTextFormat format, IReadOnlyList<string>? columns = null, long? limit = null, IReadOnlyList<int>? rows = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(output);
        if (limit is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "the row limit must not be negative");
        }

        var selected = reader.SelectColumns(columns);
        reader.EnsureRowCountsAgree(); // the loop below skips empty row groups and would print nothing
        var line = new StringBuilder(256);
        var cell = new StringBuilder(64);
        var jsonKeys = new string[selected.Count];
        for (int c = 0; c < selected.Count; c++)
        {
            line.Clear();
            JsonStringEscaper.Append(line, selected[c].Name);
            jsonKeys[c] = line.ToString();
        }

        if (format == ParquetTextFormat.Csv)
        {
            line.Clear();
            for (int c = 0; c < selected.Count; c++)
            {
                if (c > 0)
                {
                    line.Append(',');
                }

                AppendCsvField(line, selected[c].Name);
            }

            line.Append('\n');
            output.Write(line);
        }

        long written = 0;
        long maxRows = limit ?? long.MaxValue;
        var data = new ParquetColumnData[selected.Count];
        long groupStart = 0;
        int next = 0; // index into rows of the next wanted row
        for (int group = 0; group < reader.Metadata.RowGroups.Count && written < maxRows; group++)
        {
            long groupRows = reader.Metadata.RowGroups[group].RowCount;
            long groupEnd = groupStart + groupRows;
            if (groupRows == 0 || (rows is not null && (next >= rows.Count || rows[next] >= groupEnd)))
            {
                groupStart = groupEnd;
                continue;
            }

            for (int c = 0; c < selected.Count; c++)
            {
                data[c] = reader.ReadColumn(selected[c], group);
            }

            for (long fileRow = groupStart; fileRow < groupEnd && written < maxRows; fileRow++)
            {
                if (rows is not null)
                {
                    if (next >= rows.Count || rows[next] != fileRow)
                    {
                        continue;
                    }

                    next++;
                }

                int row = (int)(fileRow - groupStart);
                line.Clear();
                if (format == ParquetTextFormat.JsonLines)
                {
                    AppendJsonRow(reader, line, cell, jsonKeys, data, row);
                }
                else
                {
                    AppendCsvRow(reader, line, cell, data, row);
                }

                line.Append('\n');
                output.Write(line);
                written++;
            }

            groupStart = groupEnd;
        }

        return written;
    }

    private static void AppendJsonRow(ParquetFileReader reader, StringBuilder line, StringBuilder cell, string[] keys, ParquetColumnData[] data, int row)
    {
        line.Append('{');
        for (int c = 0; c < data.Length; c++)
        {
            if (c > 0)
            {
                line.Append(',');
            }

            line.Append(keys[c]).Append(':');
            cell.Clear();
            switch (FormatCell(reader, cell, data[c], row))
            {
                case null:
                    line.Append("null");
                    break;
                case CellFormatter.CellKind.Literal:
                    line.Append(cell);
                    break;
                case CellFormatter.CellKind.Text:
                    JsonStringEscaper.Append(line, cell.ToString());
                    break;
                case CellFormatter.CellKind.Base64:
                    line.Append("{\"$base64\":\"").Append(cell).Append("\"}");
                    break;
            }
        }

        line.Append('}');
    }

    private static void AppendCsvRow(ParquetFileReader reader, StringBuilder line, StringBuilder cell, ParquetColumnData[] data, int row)
    {
        for (int c = 0; c < data.Length; c++)
        {
            if (c > 0)
            {
                line.Append(',');
            }

            cell.Clear();
            if (FormatCell(reader, cell, data[c], row) is not null)
            {
                AppendCsvField(line, cell.ToString());
            }
        }
    }

    private static CellFormatter.CellKind? FormatCell(ParquetFileReader reader, StringBuilder cell, ParquetColumnData data, int row)
    {
        try
        {
            return CellFormatter.Append(cell, data, row);
        }
        catch (FormatException exception)
        {
            throw new ParquetFormatException($"{reader.FileName}: row {row} of its row group: {exception.Message}", exception);
        }
    }

    /// <summary>RFC 4180: quote a field holding a comma, quote, CR or LF (or leading/trailing space), doubling quotes.</summary>
    private static void AppendCsvField(StringBuilder line, string value)
    {
        bool quote = value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (value.Length > 0 && (value[0] == ' ' || value[^1] == ' '));
        if (!quote)
        {
            line.Append(value);
            return;
        }

        line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
