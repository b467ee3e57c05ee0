namespace LevBacktest.Core.Data.Sources;

/// <summary>
/// The values of one column, row-aligned: exactly one of the value arrays is set and has
/// <see cref="Length"/> entries; <see cref="Nulls"/>, when set, marks missing values (the value
/// array holds a placeholder there).
/// </summary>
internal sealed class SourceColumn
{
    private string?[]? _texts;

    private SourceColumn(SourceColumnInfo info, int length, bool[]? nulls)
    {
        Info = info;
        Length = length;
        Nulls = nulls;
    }

    public SourceColumnInfo Info { get; }

    public string Name => Info.Name;

    public SourceTimeKind TimeKind => Info.TimeKind;

    public int Length { get; }

    public bool[]? Nulls { get; }

    public long[]? Integers { get; private init; }

    public double[]? Reals { get; private init; }

    /// <summary>The text values; for a <see cref="Constant"/> column filled on first use (the symbol choice never needs it).</summary>
    public string?[]? Texts
    {
        get
        {
            if (_texts is null && ConstantText is { } constant)
            {
                var texts = new string?[Length];
                Array.Fill(texts, constant);
                _texts = texts;
            }

            return _texts;
        }

        private init => _texts = value;
    }

    /// <summary>The one value of every row of a text column known to be constant (e.g. from a Parquet footer), else null.</summary>
    public string? ConstantText { get; private init; }

    public bool[]? Booleans { get; private init; }

    public bool IsNull(int row) => Nulls is not null && Nulls[row];

    public static SourceColumn FromIntegers(SourceColumnInfo info, long[] values, bool[]? nulls = null) =>
        new(info, values.Length, nulls) { Integers = values };

    public static SourceColumn FromReals(SourceColumnInfo info, double[] values, bool[]? nulls = null) =>
        new(info, values.Length, nulls) { Reals = values };

    public static SourceColumn FromTexts(SourceColumnInfo info, string?[] values)
    {
        bool[]? nulls = null;
        for (int i = 0; i < values.Length; i++)
        {
            if (string.IsNullOrEmpty(values[i]))
            {
                nulls ??= new bool[values.Length];
                nulls[i] = true;
            }
        }

        return new(info, values.Length, nulls) { Texts = values };
    }

    /// <summary>
    /// A text column whose <paramref name="length"/> rows all hold <paramref name="value"/>, without a per-row array
    /// (one-minute bars of a year: 525,600 rows of one symbol). An empty value is null on every row, as in <see cref="FromTexts"/>.
    /// </summary>
    public static SourceColumn Constant(SourceColumnInfo info, int length, string value)
    {
        if (value.Length == 0)
        {
            var texts = new string?[length];
            Array.Fill(texts, value);
            return FromTexts(info, texts);
        }

        return new(info, length, null) { ConstantText = value };
    }

    public static SourceColumn FromBooleans(SourceColumnInfo info, bool[] values, bool[]? nulls = null) =>
        new(info, values.Length, nulls) { Booleans = values };

    /// <summary>Text of the value in row <paramref name="row"/> for messages and symbol matching.</summary>
    public string? ValueText(int row)
    {
        if (IsNull(row))
        {
            return null;
        }

        if (ConstantText is not null)
        {
            return ConstantText;
        }

        if (Texts is not null)
        {
            return Texts[row];
        }

        if (Integers is not null)
        {
            return Integers[row].ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (Reals is not null)
        {
            return Reals[row].ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        }

        return Booleans?[row].ToString();
    }
}
