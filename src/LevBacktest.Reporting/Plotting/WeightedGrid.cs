using ScottPlot;

namespace LevBacktest.Reporting.Plotting;

/// <summary>A ScottPlot multiplot layout: a grid of equal columns and of rows sized by weight (equal when none given).</summary>
internal sealed class WeightedGrid(int rows, int columns, IReadOnlyList<float>? rowWeights) : IMultiplotLayout
{
    public PixelRect[] GetSubplotRectangles(SubplotCollection subplots, PixelRect figureRectangle) => Rectangles(figureRectangle);

    /// <summary>The panel rectangles, row by row.</summary>
    public PixelRect[] Rectangles(PixelRect area)
    {
        var weights = rowWeights is { Count: > 0 } given && given.Count == rows ? given : Enumerable.Repeat(1f, rows).ToList();
        float total = weights.Sum();
        var result = new PixelRect[rows * columns];
        float top = area.Top;
        for (int r = 0; r < rows; r++)
        {
            float height = area.Height * weights[r] / total;
            for (int c = 0; c < columns; c++)
            {
                float left = area.Left + (area.Width * c / columns);
                float right = area.Left + (area.Width * (c + 1) / columns);
                result[(r * columns) + c] = new PixelRect(left, right, top + height, top);
            }

            top += height;
        }

        return result;
    }
}
