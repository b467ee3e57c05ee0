namespace LevBacktest.Reporting.Charts;

/// <summary>Horizontal anchoring of a text annotation relative to its point.</summary>
public enum TextAlignment
{
    /// <summary>Text starts at the point.</summary>
    Left,

    /// <summary>Text is centred on the point.</summary>
    Center,

    /// <summary>Text ends at the point.</summary>
    Right,
}
