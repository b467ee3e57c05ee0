namespace LevBacktest.Reporting.Charts;

/// <summary>A string as drawn: position of its baseline start in device pixels, size in px, rotation.</summary>
internal readonly record struct TextLayerEntry(string Text, double X, double Y, double FontSizePixels, bool Bold, bool Vertical);
