using System.Text;
using System.Text.RegularExpressions;

namespace LevBacktest.Reporting.Plotting;

/// <summary>
/// Skia's SVG writer names clip paths and other resources from a counter shared by the whole process
/// ("cl_3" in one file, "cl_7" when the same chart is drawn again), which would make a redrawn report
/// differ from the first. The ids are renumbered in order of appearance, so equal drawings give equal bytes.
/// </summary>
internal static partial class SvgIds
{
    /// <summary>The SVG with every generated id (<c>id="cl_3"</c> and its <c>#cl_3</c> references) renumbered from 0 per prefix.</summary>
    public static byte[] Renumber(byte[] svg)
    {
        string text = Encoding.UTF8.GetString(svg);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        string result = GeneratedId().Replace(text, match =>
        {
            string old = match.Groups["name"].Value;
            if (!names.TryGetValue(old, out string? renamed))
            {
                string prefix = match.Groups["prefix"].Value;
                int next = counts.GetValueOrDefault(prefix);
                counts[prefix] = next + 1;
                renamed = prefix + "_" + next.ToString(System.Globalization.CultureInfo.InvariantCulture);
                names[old] = renamed;
            }

            return match.Groups["before"].Value + renamed;
        });
        return Encoding.UTF8.GetBytes(result);
    }

    [GeneratedRegex("(?<before>id=\"|#)(?<name>(?<prefix>[a-z]+)_[0-9a-f]+)(?=[\"\\)])", RegexOptions.CultureInvariant)]
    private static partial Regex GeneratedId();
}
