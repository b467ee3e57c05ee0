using System.Globalization;

namespace LevBacktest.Core.Experiments;

/// <summary>
/// A scalar from an experiment spec: a strategy parameter value or one value of a sweep axis
/// (number, text or boolean).
/// </summary>
public readonly record struct SpecValue
{
    private SpecValue(SpecValueKind kind, double number, string? text, bool boolean)
    {
        Kind = kind;
        Number = number;
        Text = text;
        Boolean = boolean;
    }

    /// <summary>Which of <see cref="Number"/>, <see cref="Text"/> or <see cref="Boolean"/> holds the value.</summary>
    public SpecValueKind Kind { get; }

    /// <summary>The number when <see cref="Kind"/> is <see cref="SpecValueKind.Number"/>, else NaN.</summary>
    public double Number { get; }

    /// <summary>The text when <see cref="Kind"/> is <see cref="SpecValueKind.Text"/>, else null.</summary>
    public string? Text { get; }

    /// <summary>The boolean when <see cref="Kind"/> is <see cref="SpecValueKind.Boolean"/>, else false.</summary>
    public bool Boolean { get; }

    /// <summary>A number value.</summary>
    /// <param name="value">Any finite double.</param>
    public static SpecValue FromNumber(double value) => new(SpecValueKind.Number, value, null, false);

    /// <summary>A text value.</summary>
    /// <param name="value">Non-null text.</param>
    public static SpecValue FromText(string value) => new(SpecValueKind.Text, double.NaN, value ?? throw new ArgumentNullException(nameof(value)), false);

    /// <summary>A boolean value.</summary>
    /// <param name="value">The boolean.</param>
    public static SpecValue FromBoolean(bool value) => new(SpecValueKind.Boolean, double.NaN, null, value);

    /// <summary>The value as written in JSON (numbers in the shortest round-trip invariant form, text unquoted).</summary>
    public override string ToString() => Kind switch
    {
        SpecValueKind.Number => Number.ToString("R", CultureInfo.InvariantCulture),
        SpecValueKind.Text => Text!,
        _ => Boolean ? "true" : "false",
    };
}
