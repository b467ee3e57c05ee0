using System.Text;

using LevBacktest.Parquet;
using LevBacktest.Parquet.Writer;

namespace LevBacktest.Core.Experiments.Results;

/// <summary>
/// Concatenates one Parquet table of a results folder (<c>runs.parquet</c>, <c>equity.parquet</c>, …) over shard
/// folders given in ascending run index into the merged folder's table, row group by row group through the same
/// <see cref="ResultTableAppender"/> the results writer uses, so that the merged file is the unsharded file byte for
/// byte (the bytes depend only on the rows) and memory holds one row group of one shard at a time.
/// </summary>
/// <remarks>
/// Every table is ordered by run index and each run's rows are contiguous, so the whole sweep's rows are the shards'
/// rows one after the other. The schema is the shards' (the same in every shard since columns are OPTIONAL by
/// definition); folders written before that rule made a DOUBLE column OPTIONAL only when a value was missing, so a
/// column OPTIONAL in any shard is OPTIONAL in the merged table. Nulls are read back as NaN, which the writer turns
/// into nulls again.
/// </remarks>
internal static class ShardTableConcatenation
{
    /// <summary>Reads <paramref name="fileName"/> of every shard and writes the concatenated table to <paramref name="outputPath"/>.</summary>
    /// <param name="fileName">The table, e.g. <c>trades.parquet</c>.</param>
    /// <param name="shards">The shard folders, in ascending run index, covering the sweep once.</param>
    /// <param name="outputPath">The merged table's file (in the merged folder's working path).</param>
    /// <param name="cancellationToken">Checked between row groups.</param>
    /// <exception cref="ResultsMergeException">A file is unreadable, the shards' columns differ, a row's run index lies outside its
    /// shard or out of order, or a column type is not one results folders use.</exception>
    public static void Concatenate(string fileName, IReadOnlyList<ShardFolder> shards, string outputPath, CancellationToken cancellationToken)
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
            CheckRunIndices(fileName, shards, readers);
            var definitions = new ParquetColumnDefinition[columns.Count];
            for (int c = 0; c < columns.Count; c++)
            {
                definitions[c] = Definition(fileName, columns[c], readers.Any(r => r.Schema.Columns[c].IsOptional));
            }

            using var table = ResultTableAppender.Create(outputPath, definitions, ExperimentResultsWriter.WriterOptionsOf(fileName), cancellationToken);
            foreach (var reader in readers)
            {
                for (int group = 0; group < reader.Metadata.RowGroups.Count; group++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var parts = new Array[columns.Count];
                    int rows = 0;
                    for (int c = 0; c < columns.Count; c++)
                    {
                        var data = Guard(reader.FileName, () => reader.ReadColumn(reader.Schema.Columns[c], group));
                        parts[c] = Values(fileName, data, definitions[c]);
                        rows = data.Length;
                    }

                    table.Append(rows, (chunk, at, source, count) =>
                    {
                        for (int c = 0; c < parts.Length; c++)
                        {
                            Array.Copy(parts[c], source, chunk[c], at, count);
                        }
                    });
                }
            }

            table.Complete();
        }
        finally
        {
            foreach (var reader in readers)
            {
                reader.Dispose();
            }
        }
    }

    /// <summary>The writer's definition of a shard column, or an error for a type results tables do not use.</summary>
    private static ParquetColumnDefinition Definition(string fileName, ParquetColumnDescriptor column, bool optional)
    {
        string name = column.Name;
        var definition = column.PhysicalType switch
        {
            Parquet.Format.ParquetPhysicalType.Int32 when column.LogicalType.Kind == ParquetLogicalTypeKind.None => ParquetColumnDefinition.Int32(name),
            Parquet.Format.ParquetPhysicalType.Int64 when column.LogicalType.Kind == ParquetLogicalTypeKind.None => ParquetColumnDefinition.Int64(name),
            Parquet.Format.ParquetPhysicalType.Int64 when column.LogicalType is { Kind: ParquetLogicalTypeKind.Timestamp, IsAdjustedToUtc: true } =>
                ParquetColumnDefinition.Timestamp(name, column.LogicalType.TimeUnit),
            Parquet.Format.ParquetPhysicalType.Double => ParquetColumnDefinition.Double(name, optional),
            Parquet.Format.ParquetPhysicalType.Boolean => ParquetColumnDefinition.Boolean(name),
            Parquet.Format.ParquetPhysicalType.ByteArray when column.LogicalType.Kind == ParquetLogicalTypeKind.String => ParquetColumnDefinition.String(name),
            _ => null,
        };
        if (definition is null || (optional && definition.Type != ParquetWriteType.Double))
        {
            throw new ResultsMergeException(
                $"{fileName}: column '{name}' is {(optional ? "OPTIONAL " : string.Empty)}{column.PhysicalTypeName} {column.LogicalType}, a type levbt results tables do not use; the shard folders were not written by this levbt.");
        }

        return definition;
    }

    /// <summary>A row group's values as the appender's buffer type: doubles with NaN at nulls, strings decoded once per distinct value.</summary>
    private static Array Values(string fileName, ParquetColumnData data, ParquetColumnDefinition definition)
    {
        if (data.HasNulls && definition.Type != ParquetWriteType.Double)
        {
            throw new ResultsMergeException($"{fileName}: column '{definition.Name}' has nulls, which levbt results tables never write there; the shard folder is damaged.");
        }

        return definition.Type switch
        {
            ParquetWriteType.Int32 => data.Int32s!,
            ParquetWriteType.Int64 or ParquetWriteType.Timestamp => data.Int64s!,
            ParquetWriteType.Boolean => data.Booleans!,
            ParquetWriteType.Double => NaNAtNulls(data),
            _ => Strings(data),
        };
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

            var reader = readers[s];
            bool oneRowPerRun = fileName == "runs.parquet";
            if (oneRowPerRun && reader.RowCount != shard.EndRunIndex - shard.FirstRunIndex)
            {
                throw new ResultsMergeException(
                    $"{reader.FileName} has {reader.RowCount} rows, but {shard.FolderPath} ({shard.Description}) holds {shard.EndRunIndex - shard.FirstRunIndex} runs; the folder is damaged.");
            }

            // Row group by row group: a shard's equity table may have hundreds of millions of rows.
            int previous = shard.FirstRunIndex;
            long row = -1;
            for (int group = 0; group < reader.Metadata.RowGroups.Count; group++)
            {
                int[] runs = Guard(reader.FileName, () => reader.ReadColumn(column, group).Int32s!);
                foreach (int run in runs)
                {
                    row++;
                    bool expected = oneRowPerRun ? run == shard.FirstRunIndex + row : run >= previous && run < shard.EndRunIndex;
                    if (!expected)
                    {
                        throw new ResultsMergeException(
                            $"{reader.FileName}, row {row}: runIndex {run} is out of place in {shard.FolderPath} ({shard.Description}, rows in ascending run index); the folder is damaged.");
                    }

                    previous = run;
                }
            }
        }
    }

    /// <summary>Null rows decode as 0; NaN is what the results writer had there (and turns into null again).</summary>
    private static double[] NaNAtNulls(ParquetColumnData data)
    {
        var values = data.Doubles!;
        if (!data.HasNulls)
        {
            return values;
        }

        values = (double[])values.Clone();
        var bitmap = data.ValidityBitmap;
        for (int row = 0; row < data.Length; row++)
        {
            if ((bitmap[row >> 3] & (1 << (row & 7))) == 0)
            {
                values[row] = double.NaN;
            }
        }

        return values;
    }

    private static string?[] Strings(ParquetColumnData data)
    {
        var text = new string?[data.Length];
        var decoded = new Dictionary<byte[], string>(ReferenceEqualityComparer.Instance);
        var binaries = data.Binaries!;
        for (int row = 0; row < data.Length; row++)
        {
            if (binaries[row] is byte[] bytes)
            {
                // Dictionary-encoded pages share one array per distinct value: decode each once.
                if (!decoded.TryGetValue(bytes, out string? value))
                {
                    value = Encoding.UTF8.GetString(bytes);
                    decoded[bytes] = value;
                }

                text[row] = value;
            }
        }

        return text;
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
