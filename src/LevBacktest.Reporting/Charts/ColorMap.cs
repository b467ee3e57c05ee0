namespace LevBacktest.Reporting.Charts;

/// <summary>
/// A continuous colour map from a fraction t ∈ [0, 1] to a colour, by piecewise-linear interpolation in
/// sRGB between evenly spaced anchor colours (dense enough that the interpolation error is invisible).
/// </summary>
public sealed class ColorMap
{
    private readonly Color[] _anchors;

    private ColorMap(string name, bool isDiverging, Color[] anchors)
    {
        Name = name;
        IsDiverging = isDiverging;
        _anchors = anchors;
    }

    /// <summary>
    /// Viridis (van der Walt &amp; Smith, matplotlib 2.0 default, 2015): perceptually uniform, monotone in
    /// lightness, readable in grey scale and by colour-blind viewers. For unsigned metrics.
    /// Anchors are its published 10-step sampling.
    /// </summary>
    public static ColorMap Viridis { get; } = new("viridis", false,
    [
        Color.FromHex("#440154"), Color.FromHex("#482878"), Color.FromHex("#3E4A89"), Color.FromHex("#31688E"),
        Color.FromHex("#26828E"), Color.FromHex("#1F9E89"), Color.FromHex("#35B779"), Color.FromHex("#6DCD59"),
        Color.FromHex("#B4DE2C"), Color.FromHex("#FDE725"),
    ]);

    /// <summary>
    /// A diverging red–white–blue map (ColorBrewer "RdBu", Brewer 2002, 11 classes; colour-blind safe) for
    /// signed metrics: negative values red, zero near-white, positive blue. Heatmaps using a diverging map
    /// centre their colour limits on zero.
    /// </summary>
    public static ColorMap RedBlue { get; } = new("red-blue", true,
    [
        Color.FromHex("#67001F"), Color.FromHex("#B2182B"), Color.FromHex("#D6604D"), Color.FromHex("#F4A582"),
        Color.FromHex("#FDDBC7"), Color.FromHex("#F7F7F7"), Color.FromHex("#D1E5F0"), Color.FromHex("#92C5DE"),
        Color.FromHex("#4393C3"), Color.FromHex("#2166AC"), Color.FromHex("#053061"),
    ]);

    /// <summary>Short name ("viridis", "red-blue").</summary>
    public string Name { get; }

    /// <summary>True for maps with a neutral midpoint meant for signed data (limits are made symmetric about zero).</summary>
    public bool IsDiverging { get; }

    /// <summary>The colour at fraction <paramref name="t"/>; values outside [0, 1] are clamped, NaN gives <see cref="Color.Gray"/>.</summary>
    public Color Map(double t)
    {
        if (double.IsNaN(t))
        {
            return Color.Gray;
        }
        double position = Math.Clamp(t, 0, 1) * (_anchors.Length - 1);
        int lower = Math.Min((int)position, _anchors.Length - 2);
        double f = position - lower;
        Color a = _anchors[lower], b = _anchors[lower + 1];
        return new Color(a.Red + ((b.Red - a.Red) * f), a.Green + ((b.Green - a.Green) * f), a.Blue + ((b.Blue - a.Blue) * f));
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
