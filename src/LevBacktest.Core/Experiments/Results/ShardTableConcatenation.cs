using System.Text;

using LevBacktest.Parquet;
using LevBacktest.Parquet.Writer;

namespace LevBacktest.Core.Experiments.Results;

/// <summary>
/// Concatenates one Parquet table of a results folder (<c>runs.parquet</c>, <c>equity.parquet</c>, …) over
/// shard folders given in ascending run index, rebuilding the columns exactly as the results writer builds
/// them for the whole sweep, so that writing them with the same options gives the unsharded file byte for byte.
/// </summary>
/// <remarks>
/// Every table is ordered by run index and each run's rows are contiguous, so the whole sweep's rows are the
/// shards' rows one after the other. The one thing that depends on the rows is a column's nullability: the
/// writer makes a metric column OPTIONAL exactly when one of its values does not apply (is null), so the
/// merged column is OPTIONAL exactly when it is OPTIONAL in at least one shard; columns that are REQUIRED in
/// every shard (NaN stored as NaN, as <c>liquidationPrice</c> in equity.parquet) stay REQUIRED.
/// </remarks>
internal static class ShardTableConcatenation
{
    /// <summary>Reads <paramref name="fileName"/> of every shard and returns the concatenated columns, in file order.</summary>
    /// <param name="fileName">The table, e.g. <c>trades.parquet</c>.</param>
    /// <param name="shards">The shard folders, in ascending run index, covering the sweep once.</param>
    /// <exception cref="ResultsMergeException">A file is unreadable, the shards' columns differ, a row's run index lies outside its
    /// shard or out of order, a column type is not one results folders use, or the table would exceed one file's row limit.</exception>
    public static IReadOnlyList<ParquetWriteColumn> Concatenate(string fileName, IReadOnlyList<ShardFolder> shards)
    {
        var readers = new List<ParquetFileReader>(shards.Count);
        try
        {
            foreach (var shard in shards)
            {
                string path = Path.Combine(shard.FolderPath, fileName);
                readers.Add(Guard(path, () => ParquetFileReader.Open(path)));
            }

            var columns = CheckSchemas(fileName, shards, readers);
            long total = 0;
            foreach (var reader in readers)
            {
                total += reader.RowCount;
            }

            if (total > Array.MaxLength)
            {
                throw new ResultsMergeException($"The merged {fileName} would have {total:N0} rows, more than one file can hold; keep the sweep in shards.");
            }

            CheckRunIndices(fileName, shards, readers);
            var merged = new ParquetWriteColumn[columns.Count];
            for (int c = 0; c < columns.Count; c++)
            {
                merged[c] = Concatenate(fileName, columns[c], shards, readers, (int)total);
            }

            return merged;
        }
        finally
        {
            foreach (var reader in readers)
            {
                reader.Dispose();
            }
        }
    }

    private static IReadOnlyList<ParquetColumnDescriptor> CheckSchemas(string fileName, IReadOnlyList<ShardFolder> shards, List<ParquetFileReader> readers)
    {
        var reference = readers[0].Schema;
        if (reference.NestedColumnPaths.Count > 0 || reference.Columns.Count == 0)
        {
            throw new ResultsMergeException($"{readers[0].FileName} is not a levbt results table (it has nested or no columns).");
        }

        for (int s = 1; s < readers.Count; s++)
        {
            var columns = readers[s].Schema.Columns;
            bool same = columns.Count == reference.Columns.Count && readers[s].Schema.NestedColumnPaths.Count == 0;
            for (int c = 0; same && c < columns.Count; c++)
            {
                var a = reference.Columns[c];
                var b = columns[c];
                same = a.Name == b.Name && a.PhysicalType == b.PhysicalType && a.LogicalType == b.LogicalType && a.TypeLength == b.TypeLength;
            }

            if (!same)
            {
                throw new ResultsMergeException(
                    $"{fileName} has different columns in {shards[0].FolderPath} ({Describe(reference.Columns)}) and {shards[s].FolderPath} ({Describe(columns)}); were the shards written by different levbt versions?");
            }
        }

        return reference.Columns;
    }

    private static void CheckRunIndices(string fileName, IReadOnlyList<ShardFolder> shards, List<ParquetFileReader> readers)
    {
        for (int s = 0; s < shards.Count; s++)
        {
            var shard = shards[s];
            var column = readers[s].Schema.FindColumn("runIndex");
            if (column is null || column.PhysicalType != Parquet.Format.ParquetPhysicalType.Int32 || column.IsOptional)
            {
                throw new ResultsMergeException($"{readers[s].FileName}: no INT32 runIndex column; is {shard.FolderPath} a results folder written by levbt run?");
            }

            int[] runs = Guard(readers[s].FileName, () => readers[s].ReadInt32Column(column.Name));
            bool oneRowPerRun = fileName == "runs.parquet";
            if (oneRowPerRun && runs.Length != shard.EndRunIndex - shard.FirstRunIndex)
            {
                throw new ResultsMergeException(
                    $"{readers[s].FileName} has {runs.Length} rows, but {shard.FolderPath} ({shard.Description}) holds {shard.EndRunIndex - shard.FirstRunIndex} runs; the folder is damaged.");
            }

            int previous = shard.FirstRunIndex;
            for (int row = 0; row < runs.Length; row++)
            {
                int run = runs[row];
                bool expected = oneRowPerRun ? run == shard.FirstRunIndex + row : run >= previous && run < shard.EndRunIndex;
                if (!expected)
                {
                    throw new ResultsMergeException(
                        $"{readers[s].FileName}, row {row}: runIndex {run} is out of place in {shard.FolderPath} ({shard.Description}, rows in ascending run index); the folder is damaged.");
                }

                previous = run;
            }
        }
    }

    private static ParquetWriteColumn Concatenate(string fileName, ParquetColumnDescriptor column, IReadOnlyList<ShardFolder> shards, List<ParquetFileReader> readers, int total)
    {
        var parts = new ParquetColumnData[readers.Count];
        bool optional = false;
        for (int s = 0; s < readers.Count; s++)
        {
            var reader = readers[s];
            var descriptor = reader.Schema.Columns[column.Index];
            parts[s] = Guard(reader.FileName, () => reader.ReadColumn(descriptor.Name));
            optional |= descriptor.IsOptional;
        }

        bool[]? validity = optional ? Validity(parts, total) : null;
        string name = column.Name;
        switch (column.PhysicalType)
        {
            case Parquet.Format.ParquetPhysicalType.Int32 when column.LogicalType.Kind == ParquetLogicalTypeKind.None:
                return ParquetWriteColumn.Int32(name, Join(parts, p => p.Int32s, total), validity);
            case Parquet.Format.ParquetPhysicalType.Int64 when column.LogicalType.Kind == ParquetLogicalTypeKind.None:
                return ParquetWriteColumn.Int64(name, Join(parts, p => p.Int64s, total), validity);
            case Parquet.Format.ParquetPhysicalType.Int64 when column.LogicalType is { Kind: ParquetLogicalTypeKind.Timestamp, IsAdjustedToUtc: true }:
                return ParquetWriteColumn.Timestamp(name, Join(parts, p => p.Int64s, total), column.LogicalType.TimeUnit, validity);
            case Parquet.Format.ParquetPhysicalType.Double:
                return ParquetWriteColumn.Double(name, NaNAtNulls(Join(parts, p => p.Doubles, total), validity), validity);
            case Parquet.Format.ParquetPhysicalType.Float when column.LogicalType.Kind == ParquetLogicalTypeKind.None:
                return ParquetWriteColumn.Float(name, Join(parts, p => p.Floats, total), validity);
            case Parquet.Format.ParquetPhysicalType.Boolean:
                return ParquetWriteColumn.Boolean(name, Join(parts, p => p.Booleans, total), validity);
            case Parquet.Format.ParquetPhysicalType.ByteArray when column.LogicalType.Kind == ParquetLogicalTypeKind.String:
                return ParquetWriteColumn.String(name, Strings(parts, total), optional);
            default:
                throw new ResultsMergeException(
                    $"{fileName}: column '{name}' is {column.PhysicalTypeName} {column.LogicalType}, a type levbt results tables do not use; the shard folders were not written by this levbt.");
        }
    }

    private static T[] Join<T>(ParquetColumnData[] parts, Func<ParquetColumnData, T[]?> values, int total)
    {
        var merged = new T[total];
        int offset = 0;
        foreach (var part in parts)
        {
            var source = values(part) ?? throw new InvalidOperationException($"column '{part.Column.Name}' decoded to an unexpected type");
            source.AsSpan(0, part.Length).CopyTo(merged.AsSpan(offset));
            offset += part.Length;
        }

        return merged;
    }

    private static bool[] Validity(ParquetColumnData[] parts, int total)
    {
        var validity = new bool[total];
        int offset = 0;
        foreach (var part in parts)
        {
            var bitmap = part.ValidityBitmap;
            for (int row = 0; row < part.Length; row++)
            {
                validity[offset + row] = !part.HasNulls || (bitmap[row >> 3] & (1 << (row & 7))) != 0;
            }

            offset += part.Length;
        }

        return validity;
    }

    /// <summary>Null rows decode as 0; the writer ignores them, and NaN is what the results writer had there.</summary>
    private static double[] NaNAtNulls(double[] values, bool[]? validity)
    {
        if (validity is not null)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (!validity[i])
                {
                    values[i] = double.NaN;
                }
            }
        }

        return values;
    }

    private static string?[] Strings(ParquetColumnData[] parts, int total)
    {
        var merged = new string?[total];
        var decoded = new Dictionary<byte[], string>(ReferenceEqualityComparer.Instance);
        int offset = 0;
        foreach (var part in parts)
        {
            var binaries = part.Binaries!;
            for (int row = 0; row < part.Length; row++)
            {
                if (binaries[row] is byte[] bytes)
                {
                    // Dictionary-encoded pages share one array per distinct value: decode each once.
                    if (!decoded.TryGetValue(bytes, out string? text))
                    {
                        text = Encoding.UTF8.GetString(bytes);
                        decoded[bytes] = text;
                    }

                    merged[offset + row] = text;
                }
            }

            offset += part.Length;
        }

        return merged;
    }

    private static string Describe(IReadOnlyList<ParquetColumnDescriptor> columns)
        => string.Join(", ", columns.Select(c => $"{c.Name} {c.PhysicalTypeName}"));

    private static T Guard<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception exception) when (exception is ParquetFormatException or IOException or NotSupportedException or InvalidDataException)
        {
            string message = exception.Message.StartsWith(path, StringComparison.Ordinal) ? exception.Message : $"{path}: {exception.Message}";
            throw new ResultsMergeException($"{message} (the shard folder is damaged; rerun that shard)", exception);
        }
    }
}
