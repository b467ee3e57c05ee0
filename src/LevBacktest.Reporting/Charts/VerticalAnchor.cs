namespace LevBacktest.Reporting.Charts;

/// <summary>Which horizontal line of a text box a y coordinate refers to.</summary>
internal enum VerticalAnchor
{
    Top,
    Middle,
    Baseline,
    Bottom,
}
