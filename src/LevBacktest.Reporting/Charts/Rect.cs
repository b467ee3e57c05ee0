namespace LevBacktest.Reporting.Charts;

/// <summary>An axis-aligned rectangle in device pixels (y down).</summary>
internal readonly record struct Rect(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;

    public double Bottom => Y + Height;

    public bool Intersects(Rect other) =>
        X < other.Right && other.X < Right && Y < other.Bottom && other.Y < Bottom;
}
