using System.Globalization;
using System.Security;
using System.Text;

namespace LevBacktest.Reporting.Charts;

/// <summary>
/// cairo's SVG surface writes glyphs as outlines (&lt;symbol&gt; paths), so an SVG chart would hold no
/// searchable or accessible text. After cairo finishes, this adds the figure title and subtitle as the
/// document's &lt;title&gt; and &lt;desc&gt;, and every string drawn as a transparent &lt;text&gt; element at
/// the same position and size (like the invisible text layer of an OCR'd PDF): selectable, searchable,
/// read by screen readers, while what one sees stays cairo's exact rendering.
/// </summary>
internal static class SvgTextLayer
{
    public static void Insert(string svgPath, string? title, string? subtitle, IReadOnlyList<TextLayerEntry> entries)
    {
        string svg = File.ReadAllText(svgPath, Encoding.UTF8);
        int rootStart = svg.IndexOf("<svg", StringComparison.Ordinal);
        int rootEnd = rootStart < 0 ? -1 : svg.IndexOf('>', rootStart);
        int close = svg.LastIndexOf("</svg>", StringComparison.Ordinal);
        if (rootEnd < 0 || close < rootEnd)
        {
            throw new InvalidDataException($"cairo wrote an SVG without a root <svg> element: '{svgPath}'.");
        }
        var head = new StringBuilder();
        if (title is not null)
        {
            head.Append("\n<title>").Append(SecurityElement.Escape(title)).Append("</title>");
        }
        if (subtitle is not null)
        {
            head.Append("\n<desc>").Append(SecurityElement.Escape(subtitle)).Append("</desc>");
        }
        var layer = new StringBuilder();
        layer.Append("<g id=\"text-layer\" fill=\"#000000\" fill-opacity=\"0\" font-family=\"DejaVu Sans, sans-serif\">\n");
        var c = CultureInfo.InvariantCulture;
        foreach (var e in entries)
        {
            layer.Append(c, $"<text x=\"{e.X:0.##}\" y=\"{e.Y:0.##}\" font-size=\"{e.FontSizePixels:0.##}\"");
            if (e.Bold)
            {
                layer.Append(" font-weight=\"bold\"");
            }
            if (e.Vertical)
            {
                layer.Append(c, $" transform=\"rotate(-90 {e.X:0.##} {e.Y:0.##})\"");
            }
            layer.Append('>').Append(SecurityElement.Escape(e.Text)).Append("</text>\n");
        }
        layer.Append("</g>\n");
        var result = new StringBuilder(svg.Length + head.Length + layer.Length);
        result.Append(svg, 0, rootEnd + 1).Append(head).Append(svg, rootEnd + 1, close - rootEnd - 1).Append(layer).Append(svg, close, svg.Length - close);
        File.WriteAllText(svgPath, result.ToString(), new UTF8Encoding(false));
    }
}
