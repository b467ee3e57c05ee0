namespace LevBacktest.Core.Experiments.Results;

/// <summary>
/// The rows an <see cref="EventTable{TEvent}.RowsFill"/> writes: for each column of the table, the span of its chunk
/// buffer (<see cref="ResultTableChunk"/>) from the first row to fill, exactly as long as the events being written.
/// Columns are found by the name they were declared with, so a table's fill cannot put a value under another
/// column of the same type; asking for a column as the wrong type throws <see cref="InvalidCastException"/>.
/// </summary>
internal readonly ref struct EventColumns
{
    private readonly string[] _names;
    private readonly ResultTableChunk _chunk;
    private readonly int _at;
    private readonly int _count;

    /// <summary>Rows [<paramref name="at"/>, <paramref name="at"/> + <paramref name="count"/>) of <paramref name="chunk"/>'s columns, named <paramref name="names"/> in order.</summary>
    internal EventColumns(string[] names, ResultTableChunk chunk, int at, int count)
    {
        _names = names;
        _chunk = chunk;
        _at = at;
        _count = count;
    }

    /// <summary>The rows of INT32 column <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The table has no such column.</exception>
    public Span<int> Int32s(string name) => ((int[])Buffer(name)).AsSpan(_at, _count);

    /// <summary>The rows of INT64 or TIMESTAMP column <paramref name="name"/> (UTC milliseconds for a time).</summary>
    /// <exception cref="ArgumentException">The table has no such column.</exception>
    public Span<long> Int64s(string name) => ((long[])Buffer(name)).AsSpan(_at, _count);

    /// <summary>The rows of DOUBLE column <paramref name="name"/> (in an OPTIONAL column a value that is not finite is written as null).</summary>
    /// <exception cref="ArgumentException">The table has no such column.</exception>
    public Span<double> Doubles(string name) => ((double[])Buffer(name)).AsSpan(_at, _count);

    /// <summary>The rows of BOOLEAN column <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The table has no such column.</exception>
    public Span<bool> Booleans(string name) => ((bool[])Buffer(name)).AsSpan(_at, _count);

    /// <summary>The rows of STRING column <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The table has no such column.</exception>
    public Span<string?> Strings(string name) => ((string?[])Buffer(name)).AsSpan(_at, _count);

    private Array Buffer(string name)
    {
        // A handful of columns, looked up once per run and table: the declaring literal and the filling one are the
        // same interned string, so a reference check finds it; comparing the text is the fallback.
        for (int c = 0; c < _names.Length; c++)
        {
            if (ReferenceEquals(_names[c], name))
            {
                return _chunk[c];
            }
        }

        for (int c = 0; c < _names.Length; c++)
        {
            if (string.Equals(_names[c], name, StringComparison.Ordinal))
            {
                return _chunk[c];
            }
        }

        throw new ArgumentException($"The table has no column '{name}'.", nameof(name));
    }
}
