using ScottPlot;

using SkiaSharp;

namespace LevBacktest.Reporting.Tests;

/// <summary>Reads pixels back from a PNG through SkiaSharp.</summary>
internal static class PixelProbe
{
    /// <summary>Fraction of pixels inside <paramref name="area"/> (px, y down) that are not (near) white, sampled every 2 px.</summary>
    public static double InkFraction(string pngPath, PixelRect area)
    {
        using var bitmap = SKBitmap.Decode(pngPath) ?? throw new InvalidDataException($"{pngPath} is not a PNG");
        int inked = 0, total = 0;
        for (int y = (int)area.Top + 2; y < (int)area.Bottom - 2; y += 2)
        {
            for (int x = (int)area.Left + 2; x < (int)area.Right - 2; x += 2)
            {
                var pixel = bitmap.GetPixel(x, y);
                total++;
                if (pixel.Red + pixel.Green + pixel.Blue < 3 * 235)
                {
                    inked++;
                }
            }
        }

        return total == 0 ? 0 : inked / (double)total;
    }
}
