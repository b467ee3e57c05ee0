namespace LevBacktest.Core.Experiments;

/// <summary>The JSON type of a <see cref="SpecValue"/>.</summary>
public enum SpecValueKind
{
    /// <summary>A JSON number, held as a double.</summary>
    Number,

    /// <summary>A JSON string.</summary>
    Text,

    /// <summary>A JSON true or false.</summary>
    Boolean,
}
