namespace LevBacktest.Reporting.Plotting;

/// <summary>Breaks a title or subtitle into lines that fit a width: at " · " first, then at spaces.</summary>
internal static class TextLines
{
    /// <summary>The lines of <paramref name="text"/> each at most <paramref name="width"/> wide by <paramref name="measure"/> (a single word wider than that stays whole).</summary>
    public static IReadOnlyList<string> Wrap(string text, Func<string, float> measure, float width)
    {
        var lines = new List<string>();
        foreach (string paragraph in text.Split('\n'))
        {
            string current = string.Empty;
            foreach (string piece in Pieces(paragraph, measure, width))
            {
                string joined = current.Length == 0 ? piece : current + piece;
                if (current.Length > 0 && measure(joined.TrimEnd()) > width)
                {
                    lines.Add(current.TrimEnd());
                    current = piece.TrimStart(' ', '·').TrimStart();
                }
                else
                {
                    current = joined;
                }
            }

            lines.Add(current.TrimEnd());
        }

        return lines;
    }

    /// <summary>" · "-separated parts (each keeping its separator in front), split further at spaces when one alone is too wide.</summary>
    private static IEnumerable<string> Pieces(string paragraph, Func<string, float> measure, float width)
    {
        string[] parts = paragraph.Split(" · ");
        for (int i = 0; i < parts.Length; i++)
        {
            string part = i == 0 ? parts[i] : " · " + parts[i];
            if (measure(part) <= width)
            {
                yield return part;
                continue;
            }

            string[] words = part.Split(' ');
            for (int w = 0; w < words.Length; w++)
            {
                yield return w == 0 ? words[w] : " " + words[w];
            }
        }
    }
}
