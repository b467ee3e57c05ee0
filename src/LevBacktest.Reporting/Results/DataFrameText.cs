using System.Globalization;
using System.Net;
using System.Text;

using Microsoft.Data.Analysis;

namespace LevBacktest.Reporting.Results;

/// <summary>
/// Readable text and HTML renderings of a <see cref="DataFrame"/>: DataFrame's own <c>ToString()</c> runs wide
/// numbers together and prints dates in the current (often US) culture. Here columns are padded to their widest
/// cell, numbers are right-aligned with thousands separators, times are ISO 8601 UTC (<c>2024-03-01 08:00</c>),
/// nulls are empty, and everything is culture-invariant. In a Polyglot notebook, register the HTML form with
/// <c>Formatter.Register&lt;DataFrame&gt;((frame, writer) =&gt; writer.Write(frame.ToHtml()), "text/html")</c>.
/// </summary>
public static class DataFrameText
{
    /// <summary>The frame as an aligned text table with a header row.</summary>
    /// <param name="frame">The frame.</param>
    /// <param name="maxRows">Rows shown (the first ones); a last line says how many were left out.</param>
    /// <returns>Lines separated by <c>\n</c>, ending with one.</returns>
    public static string ToText(this DataFrame frame, int maxRows = 20)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var (headers, rows, rightAligned, total) = Cells(frame, maxRows);
        var widths = headers.Select(h => h.Length).ToArray();
        foreach (var row in rows)
        {
            for (int c = 0; c < row.Length; c++)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        var text = new StringBuilder();
        void Line(string[] cells)
        {
            for (int c = 0; c < cells.Length; c++)
            {
                text.Append(c == 0 ? string.Empty : "  ")
                    .Append(rightAligned[c] ? cells[c].PadLeft(widths[c]) : cells[c].PadRight(widths[c]));
            }

            text.Append('\n');
        }

        Line(headers);
        foreach (var row in rows)
        {
            Line(row);
        }

        if (total > rows.Count)
        {
            text.Append(CultureInfo.InvariantCulture, $"… {total - rows.Count:N0} more rows ({total:N0} in all)\n");
        }

        return text.ToString();
    }

    /// <summary>The frame as an HTML <c>&lt;table&gt;</c> (numbers right-aligned, text escaped).</summary>
    /// <param name="frame">The frame.</param>
    /// <param name="maxRows">Rows shown (the first ones); a caption says how many were left out.</param>
    public static string ToHtml(this DataFrame frame, int maxRows = 20)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var (headers, rows, rightAligned, total) = Cells(frame, maxRows);
        var html = new StringBuilder("<table class=\"levbt-frame\" style=\"font-variant-numeric: tabular-nums; border-collapse: collapse\">\n<thead><tr>");
        for (int c = 0; c < headers.Length; c++)
        {
            html.Append("<th style=\"text-align:").Append(rightAligned[c] ? "right" : "left").Append(";padding:2px 8px\">")
                .Append(WebUtility.HtmlEncode(headers[c])).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            for (int c = 0; c < row.Length; c++)
            {
                html.Append("<td style=\"text-align:").Append(rightAligned[c] ? "right" : "left").Append(";padding:2px 8px\">")
                    .Append(WebUtility.HtmlEncode(row[c])).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n");
        if (total > rows.Count)
        {
            html.Append(CultureInfo.InvariantCulture, $"<caption style=\"caption-side:bottom;text-align:left\">… {total - rows.Count:N0} more rows ({total:N0} in all)</caption>\n");
        }

        return html.Append("</table>").ToString();
    }

    /// <summary>A frame of some of <paramref name="frame"/>'s columns (copies), in the order given.</summary>
    /// <param name="frame">The frame.</param>
    /// <param name="names">Column names.</param>
    /// <exception cref="ArgumentException">A name is not a column of the frame.</exception>
    public static DataFrame SelectColumns(this DataFrame frame, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(names);
        var columns = new List<DataFrameColumn>(names.Length);
        foreach (string name in names)
        {
            int index = frame.Columns.IndexOf(name);
            if (index < 0)
            {
                throw new ArgumentException($"No column '{name}'; the frame has {string.Join(", ", frame.Columns.Select(c => c.Name))}.", nameof(names));
            }

            columns.Add(frame.Columns[index].Clone());
        }

        return new DataFrame(columns);
    }

    /// <summary>One cell as text: the form <see cref="ToText"/> and <see cref="ToHtml"/> use.</summary>
    /// <param name="value">A cell value (null, DateTime, a number, bool or string).</param>
    public static string FormatCell(object? value) => value switch
    {
        null => string.Empty,
        DateTime time => time.ToString(time.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : time.Second == 0 && time.Millisecond == 0 ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd HH:mm:ss.FFF", CultureInfo.InvariantCulture),
        double number => FormatNumber(number),
        float number => FormatNumber(number),
        int or long or short or byte => string.Format(CultureInfo.InvariantCulture, "{0:N0}", value),
        bool flag => flag ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static string FormatNumber(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "∞" : "−∞";
        }

        double magnitude = Math.Abs(value);
        if (magnitude != 0 && (magnitude >= 1e15 || magnitude < 1e-4))
        {
            return value.ToString("0.####E+0", CultureInfo.InvariantCulture);
        }

        // Six significant digits, at least two decimals below 1,000 (prices, money), whole numbers above a million.
        int decimals = magnitude >= 1e6 ? 0 : magnitude >= 1_000 ? 2 : Math.Clamp(5 - (int)Math.Floor(Math.Log10(Math.Max(magnitude, 1e-4))), 2, 8);
        string text = value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        if (text.Contains('.', StringComparison.Ordinal) && decimals > 2)
        {
            text = text.TrimEnd('0');
            int dot = text.IndexOf('.', StringComparison.Ordinal);
            text = text.Length - dot - 1 < 2 ? text.PadRight(dot + 3, '0') : text;
        }

        return text == "-0.00" ? "0.00" : text;
    }

    private static (string[] Headers, List<string[]> Rows, bool[] RightAligned, long Total) Cells(DataFrame frame, int maxRows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRows);
        var columns = frame.Columns;
        var headers = columns.Select(c => c.Name).ToArray();
        var rightAligned = columns.Select(c => c.DataType != typeof(string) && c.DataType != typeof(bool) && c.DataType != typeof(DateTime)).ToArray();
        long total = frame.Rows.Count;
        var rows = new List<string[]>();
        for (long r = 0; r < Math.Min(total, maxRows); r++)
        {
            var cells = new string[columns.Count];
            for (int c = 0; c < cells.Length; c++)
            {
                cells[c] = FormatCell(columns[c][r]);
            }

            rows.Add(cells);
        }

        return (headers, rows, rightAligned, total);
    }
}
