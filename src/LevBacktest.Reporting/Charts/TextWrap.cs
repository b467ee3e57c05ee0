namespace LevBacktest.Reporting.Charts;

/// <summary>
/// Breaks a title or subtitle that is wider than its space into lines, preferring the " · " separators the
/// reports use between facts, then ", ", then spaces, so no line runs off the image or into a neighbouring
/// panel's title.
/// </summary>
internal static class TextWrap
{
    private static readonly string[] Separators = [" · ", ", ", " "];

    /// <summary>
    /// The lines of <paramref name="text"/> set in <paramref name="role"/>, each at most
    /// <paramref name="maxWidth"/> device pixels wide where a break allows (a single unbreakable word may be
    /// wider). A text that fits is one line; separators at a break stay at the end of the earlier line
    /// (" ·" is kept so the reader sees the list goes on), spaces are dropped.
    /// </summary>
    public static List<string> Lines(Painter painter, string text, TextRole role, double maxWidth)
    {
        var lines = new List<string>();
        string rest = text;
        while (rest.Length > 0)
        {
            if (painter.MeasureWidth(rest, role) <= maxWidth)
            {
                lines.Add(rest);
                break;
            }
            int cut = -1;
            string separator = string.Empty;
            foreach (string candidate in Separators)
            {
                cut = LastFittingBreak(painter, rest, candidate, role, maxWidth);
                if (cut > 0)
                {
                    separator = candidate;
                    break;
                }
            }
            if (cut <= 0)
            {
                // Nothing fits: break at the first space (or not at all) and let that word overhang.
                int space = rest.IndexOf(' ', StringComparison.Ordinal);
                if (space <= 0)
                {
                    lines.Add(rest);
                    break;
                }
                (cut, separator) = (space, " ");
            }
            lines.Add(rest[..cut] + separator.TrimEnd());
            rest = rest[(cut + separator.Length)..];
        }
        return lines;
    }

    /// <summary>The position of the last <paramref name="separator"/> such that the text before it (and the separator's visible part) fits; −1 when none.</summary>
    private static int LastFittingBreak(Painter painter, string text, string separator, TextRole role, double maxWidth)
    {
        int at = text.LastIndexOf(separator, StringComparison.Ordinal);
        while (at > 0)
        {
            if (painter.MeasureWidth(text[..at] + separator.TrimEnd(), role) <= maxWidth)
            {
                return at;
            }
            at = text.LastIndexOf(separator, at - 1, StringComparison.Ordinal);
        }
        return -1;
    }
}
