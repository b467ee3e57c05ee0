namespace LevBacktest.Reporting.Charts;

/// <summary>
/// One axis of a <see cref="Plot"/>: scale, title, tick label format and limits. Limits left null are
/// computed from the data when the figure is drawn (y axes get 5 % headroom, x axes fit the data exactly).
/// </summary>
public sealed class Axis
{
    internal Axis(bool isVertical)
    {
        IsVertical = isVertical;
    }

    internal bool IsVertical { get; }

    /// <summary>Linear, logarithmic or time (UTC epoch milliseconds). Default linear.</summary>
    public AxisScale Scale { get; set; } = AxisScale.Linear;

    /// <summary>Axis title, e.g. "Equity". Time axes without a label are titled "Time".</summary>
    public string? Label { get; set; }

    /// <summary>Unit shown in brackets after the label, e.g. "USDT" → "Equity (USDT)". Time axes default to "UTC".</summary>
    public string? Unit { get; set; }

    /// <summary>Tick label format (ignored on time axes). Default <see cref="AxisFormat.Number"/>.</summary>
    public AxisFormat Format { get; set; } = AxisFormat.Number;

    /// <summary>Prefix for <see cref="AxisFormat.Currency"/> labels, e.g. "$"; null for none.</summary>
    public string? CurrencySymbol { get; set; }

    /// <summary>Explicit lower limit in data units (epoch ms on time axes), or null to fit the data.</summary>
    public double? Minimum { get; set; }

    /// <summary>Explicit upper limit in data units, or null to fit the data.</summary>
    public double? Maximum { get; set; }

    /// <summary>When the limits are automatic, extend them to include zero (for bar-like quantities such as drawdown).</summary>
    public bool IncludeZero { get; set; }

    /// <summary>Ticks only at whole numbers (for counts such as liquidations); linear axes only.</summary>
    public bool WholeNumberTicks { get; set; }

    /// <summary>Sets both limits.</summary>
    /// <exception cref="ArgumentException">A limit is not finite, <paramref name="minimum"/> ≥ <paramref name="maximum"/>, or a limit is ≤ 0 on a log axis.</exception>
    public void SetLimits(double minimum, double maximum)
    {
        if (!double.IsFinite(minimum) || !double.IsFinite(maximum) || minimum >= maximum)
        {
            throw new ArgumentException($"Axis limits must be finite with minimum < maximum; got {minimum} and {maximum}.");
        }
        if (Scale == AxisScale.Log && minimum <= 0)
        {
            throw new ArgumentException($"A log axis needs positive limits; got minimum {minimum}.");
        }
        Minimum = minimum;
        Maximum = maximum;
    }

    /// <summary>The title as drawn: "Label (Unit)", or whichever part is set; null when neither is.</summary>
    public string? DisplayTitle
    {
        get
        {
            string? label = Label ?? (Scale == AxisScale.Time ? "Time" : null);
            string? unit = Unit ?? (Scale == AxisScale.Time ? "UTC" : null);
            if (label is null)
            {
                return unit is null ? null : $"({unit})";
            }
            return unit is null ? label : $"{label} ({unit})";
        }
    }
}
