namespace LevBacktest.Reporting.Charts;

/// <summary>
/// A coarse record of where data has been drawn inside a plot area (cells of 8 × 8 px), so the legend can
/// go where it hides the least.
/// </summary>
internal sealed class OccupancyGrid
{
    /// <summary>Side of a cell in device pixels.</summary>
    public const double CellSize = 8;

    /// <summary>How many line cells a cell holding a marker counts as in <see cref="CountIn"/>.</summary>
    public const int MarkerWeight = 25;
    private readonly Rect _area;
    private readonly int _columns;
    private readonly int _rows;
    private readonly byte[] _cells;

    public OccupancyGrid(Rect area)
    {
        _area = area;
        _columns = Math.Max(1, (int)Math.Ceiling(area.Width / CellSize));
        _rows = Math.Max(1, (int)Math.Ceiling(area.Height / CellSize));
        _cells = new byte[_columns * _rows];
    }

    public void MarkPoint(double x, double y) => Mark(x, y, 1);

    private void Mark(double x, double y, byte weight)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y))
        {
            return;
        }
        int c = (int)Math.Floor((x - _area.X) / CellSize), r = (int)Math.Floor((y - _area.Y) / CellSize);
        if ((uint)c < (uint)_columns && (uint)r < (uint)_rows)
        {
            ref byte cell = ref _cells[(r * _columns) + c];
            cell = Math.Max(cell, weight);
        }
    }

    /// <summary>Marks every cell the segment passes through (sampled every half cell).</summary>
    public void MarkSegment(double x0, double y0, double x1, double y1)
    {
        if (!double.IsFinite(x0) || !double.IsFinite(y0) || !double.IsFinite(x1) || !double.IsFinite(y1))
        {
            return;
        }
        // Clip loosely: a segment far outside the area is sampled only within the area's span.
        double length = Math.Max(Math.Abs(x1 - x0), Math.Abs(y1 - y0));
        int steps = (int)Math.Min(4 * (_columns + _rows), Math.Ceiling(length / (CellSize / 2)));
        for (int i = 0; i <= steps; i++)
        {
            double t = steps == 0 ? 0 : i / (double)steps;
            MarkPoint(x0 + ((x1 - x0) * t), y0 + ((y1 - y0) * t));
        }
    }

    /// <summary>Marks every cell inside the marker box <paramref name="r"/> (weighted, see <see cref="MarkerWeight"/>).</summary>
    public void MarkRect(Rect r)
    {
        for (double y = r.Y; y < r.Bottom; y += CellSize / 2)
        {
            for (double x = r.X; x < r.Right; x += CellSize / 2)
            {
                Mark(x, y, MarkerWeight);
            }
        }
    }

    /// <summary>How many marked cells overlap <paramref name="r"/>, marker cells counting <see cref="MarkerWeight"/> each.</summary>
    public int CountIn(Rect r)
    {
        int c0 = Math.Max(0, (int)Math.Floor((r.X - _area.X) / CellSize));
        int c1 = Math.Min(_columns - 1, (int)Math.Floor((r.Right - _area.X) / CellSize));
        int r0 = Math.Max(0, (int)Math.Floor((r.Y - _area.Y) / CellSize));
        int r1 = Math.Min(_rows - 1, (int)Math.Floor((r.Bottom - _area.Y) / CellSize));
        int count = 0;
        for (int row = r0; row <= r1; row++)
        {
            for (int column = c0; column <= c1; column++)
            {
                count += _cells[(row * _columns) + column];
            }
        }
        return count;
    }
}
