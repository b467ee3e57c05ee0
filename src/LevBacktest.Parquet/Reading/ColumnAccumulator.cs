namespace LevBacktest.Parquet.Reading;

/// <summary>
/// The growing output of one column read: a typed value array and (for OPTIONAL columns) a validity bitmap.
/// Capacity starts at what the file's stored sizes make plausible and grows only as pages actually deliver
/// values, so a footer that lies about the row count cannot force a huge allocation.
/// </summary>
internal sealed class ColumnAccumulator
{
    private readonly long _maxRows;

    public ColumnAccumulator(ParquetColumnDescriptor column, long maxRows, long initialCapacity)
    {
        Column = column;
        _maxRows = maxRows;
        int capacity = (int)Math.Min(maxRows, Math.Max(0, initialCapacity));
        Values = CreateArray(column, capacity);
        if (column.IsOptional)
        {
            Validity = new byte[(capacity + 7) >> 3];
        }
    }

    public ParquetColumnDescriptor Column { get; }

    /// <summary>Typed value array (bool[], int[], long[], float[], double[], ParquetInt96[] or byte[][]).</summary>
    public Array Values { get; private set; }

    /// <summary>Validity bitmap for OPTIONAL columns, else null.</summary>
    public byte[]? Validity { get; private set; }

    /// <summary>Rows filled so far.</summary>
    public int Count { get; set; }

    /// <summary>Whether any null was seen.</summary>
    public bool HasNulls { get; set; }

    /// <summary>Makes room for <paramref name="additional"/> more rows (doubling, capped at the row count).</summary>
    public void EnsureCapacity(int additional)
    {
        long needed = (long)Count + additional;
        if (needed <= Values.Length)
        {
            return;
        }

        if (needed > _maxRows)
        {
            throw new InvalidOperationException("more values than rows");
        }

        long grown = Math.Min(_maxRows, Math.Max(needed, (long)Values.Length * 2));
        var values = CreateArray(Column, (int)grown);
        Array.Copy(Values, values, Count);
        Values = values;
        if (Validity is not null)
        {
            var validity = new byte[(grown + 7) >> 3];
            Validity.AsSpan().CopyTo(validity);
            Validity = validity;
        }
    }

    /// <summary>The finished column, trimmed to <see cref="Count"/> rows.</summary>
    public ParquetColumnData ToColumnData()
    {
        var values = Values;
        if (values.Length != Count)
        {
            var trimmed = CreateArray(Column, Count);
            Array.Copy(values, trimmed, Count);
            values = trimmed;
        }

        return new ParquetColumnData(Column, Count, values, Validity, HasNulls);
    }

    private static Array CreateArray(ParquetColumnDescriptor column, int length) => column.PhysicalType switch
    {
        Format.ParquetPhysicalType.Boolean => new bool[length],
        Format.ParquetPhysicalType.Int32 => new int[length],
        Format.ParquetPhysicalType.Int64 => new long[length],
        Format.ParquetPhysicalType.Int96 => new ParquetInt96[length],
        Format.ParquetPhysicalType.Float => new float[length],
        Format.ParquetPhysicalType.Double => new double[length],
        _ => new byte[length][],
    };
}
