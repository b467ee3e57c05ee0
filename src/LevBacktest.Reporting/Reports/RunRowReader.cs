using System.Buffers.Binary;

using LevBacktest.Parquet;

namespace LevBacktest.Reporting.Reports;

/// <summary>
/// Reads only the rows of chosen runs from a results table (rows in ascending <c>runIndex</c>, each run's rows
/// contiguous): a row group whose <c>runIndex</c> statistics miss every chosen run is skipped unread, and of the
/// others only the <c>runIndex</c> column is decoded until a chosen run is found in it. Memory: one row group of the
/// asked columns at a time, plus what the caller keeps.
/// </summary>
internal static class RunRowReader
{
    /// <summary>
    /// Calls <paramref name="onRows"/> for every stretch of rows of a run in <paramref name="runs"/>, in file order,
    /// with the row group's decoded <paramref name="columns"/> (null for a column the file does not have).
    /// </summary>
    /// <param name="path">A results table.</param>
    /// <param name="runs">The run indices to read (empty: nothing is read).</param>
    /// <param name="columns">Column names to decode, besides runIndex.</param>
    /// <param name="onRows">(run index, decoded columns, first row in the group, row count).</param>
    /// <exception cref="ResultsFolderException">The file is unreadable, has no INT32 runIndex, or a run's rows are not contiguous.</exception>
    public static void Read(string path, IReadOnlySet<int> runs, IReadOnlyList<string> columns, Action<int, ParquetColumnData?[], int, int> onRows)
    {
        if (runs.Count == 0)
        {
            return;
        }

        int lowest = runs.Min(), highest = runs.Max();
        var finished = new HashSet<int>();
        int current = -1;
        Guard(path, () =>
        {
            using var reader = ParquetFileReader.Open(path);
            var runColumn = reader.Schema.FindColumn("runIndex");
            if (runColumn is null || runColumn.PhysicalType != Parquet.Format.ParquetPhysicalType.Int32)
            {
                throw new ResultsFolderException($"{path}: no INT32 runIndex column; the file was not written by levbt.");
            }

            var wanted = columns.Select(name => reader.Schema.FindColumn(name)).ToArray();
            for (int group = 0; group < reader.Metadata.RowGroups.Count; group++)
            {
                if (!MayHold(reader.Metadata.RowGroups[group].Columns[runColumn.Index].Statistics, runs, lowest, highest))
                {
                    current = -1;
                    continue;
                }

                int[] index = reader.ReadColumn(runColumn, group).Int32s!;
                ParquetColumnData?[]? decoded = null;
                for (int start = 0; start < index.Length;)
                {
                    int run = index[start];
                    int end = start + 1;
                    while (end < index.Length && index[end] == run)
                    {
                        end++;
                    }

                    if (run != current)
                    {
                        // Only chosen runs are checked: another run may span a row group skipped unread.
                        if (runs.Contains(run) && !finished.Add(run))
                        {
                            throw new ResultsFolderException($"{path}: the rows of run {run} are not contiguous (row group {group}, row {start}); the file was not written by levbt.");
                        }

                        current = run;
                    }

                    if (runs.Contains(run))
                    {
                        decoded ??= wanted.Select(c => c is null ? null : reader.ReadColumn(c, group)).ToArray();
                        onRows(run, decoded, start, end - start);
                    }

                    start = end;
                }
            }
        });
    }

    /// <summary>Rows per run index of a results table, from its runIndex column alone.</summary>
    /// <param name="path">A results table.</param>
    /// <exception cref="ResultsFolderException">The file is unreadable.</exception>
    public static Dictionary<int, int> CountByRun(string path)
    {
        var counts = new Dictionary<int, int>();
        Guard(path, () =>
        {
            using var reader = ParquetFileReader.Open(path);
            var runColumn = reader.Schema.FindColumn("runIndex") ?? throw new ResultsFolderException($"{path}: no runIndex column; the file was not written by levbt.");
            for (int group = 0; group < reader.Metadata.RowGroups.Count; group++)
            {
                foreach (int run in reader.ReadColumn(runColumn, group).Int32s!)
                {
                    counts[run] = counts.GetValueOrDefault(run) + 1;
                }
            }
        });
        return counts;
    }

    /// <summary>Values of an OPTIONAL or REQUIRED DOUBLE column with NaN at nulls.</summary>
    /// <exception cref="ResultsFolderException">The column is not DOUBLE.</exception>
    public static double Double(ParquetColumnData? data, int row, string path)
    {
        if (data is null)
        {
            return double.NaN;
        }

        double[] values = data.Doubles ?? throw new ResultsFolderException($"{path}: column '{data.Column.Name}' is not DOUBLE.");
        return data.HasNulls && data.IsNull(row) ? double.NaN : values[row];
    }

    /// <summary>False only when the row group's runIndex min/max statistics leave out every chosen run.</summary>
    private static bool MayHold(ParquetStatistics? statistics, IReadOnlySet<int> runs, int lowest, int highest)
    {
        if (statistics?.Min is not { Length: 4 } min || statistics.Max is not { Length: 4 } max)
        {
            return true;
        }

        int from = BinaryPrimitives.ReadInt32LittleEndian(min);
        int to = BinaryPrimitives.ReadInt32LittleEndian(max);
        if (to < lowest || from > highest)
        {
            return false;
        }

        return runs.Count > to - from + 1 ? true : runs.Any(r => r >= from && r <= to);
    }

    private static void Guard(string path, Action read)
    {
        try
        {
            read();
        }
        catch (ParquetFormatException exception)
        {
            string message = exception.Message.StartsWith(path, StringComparison.Ordinal) ? exception.Message : $"{path}: {exception.Message}";
            throw new ResultsFolderException(message + " (was the folder written by an older levbt? rerun 'levbt run')", exception);
        }
        catch (Exception exception) when (exception is IOException or NotSupportedException or InvalidDataException)
        {
            throw new ResultsFolderException($"{path}: cannot be read ({exception.Message})", exception);
        }
    }
}
