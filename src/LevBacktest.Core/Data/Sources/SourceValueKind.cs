namespace LevBacktest.Core.Data.Sources;

/// <summary>How the values of a source column are held once read.</summary>
internal enum SourceValueKind
{
    /// <summary>Not known before reading (CSV); the read column decides.</summary>
    Unknown,

    /// <summary>Whole numbers in <see cref="SourceColumn.Integers"/>.</summary>
    Integer,

    /// <summary>Floating-point (or decimal converted to floating-point) numbers in <see cref="SourceColumn.Reals"/>.</summary>
    Real,

    /// <summary>Text in <see cref="SourceColumn.Texts"/>.</summary>
    Text,

    /// <summary>Booleans in <see cref="SourceColumn.Booleans"/>.</summary>
    Boolean,

    /// <summary>A type the loader cannot use (nested, binary without logical type, all-null NULL type).</summary>
    Unsupported,
}
