namespace LevBacktest.Reporting.Charts;

/// <summary>The kinds of text in a figure, each with its own size and weight (see <see cref="Painter"/>).</summary>
internal enum TextRole
{
    Title,
    Subtitle,
    PanelTitle,
    AxisTitle,
    TickLabel,
    Legend,
    Annotation,
}
