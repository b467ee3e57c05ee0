using LevBacktest.Parquet;
using LevBacktest.Reporting.Reports;

using Microsoft.Data.Analysis;

namespace LevBacktest.Reporting.Results;

/// <summary>
/// Reads one table of a results folder (<c>runs.parquet</c>, <c>trades.parquet</c>, …) into a DataFrame, column by
/// column from the reader's typed arrays, with the types of <see cref="ResultsFrameColumns"/>.
/// </summary>
internal static class ResultsTableReader
{
    /// <summary>Reads the whole table.</summary>
    /// <param name="path">The Parquet file of a results folder.</param>
    /// <exception cref="ResultsFolderException">The file is missing or not a table levbt wrote.</exception>
    public static DataFrame Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ResultsFolderException($"{Path.GetDirectoryName(path)} is incomplete: {Path.GetFileName(path)} is missing (rerun 'levbt run').");
        }

        try
        {
            using var reader = ParquetFileReader.Open(path);
            var columns = new List<DataFrameColumn>(reader.Schema.Columns.Count);
            foreach (var descriptor in reader.Schema.Columns)
            {
                columns.Add(ResultsFrameColumns.FromFile(reader.ReadColumn(descriptor.Name), path));
            }

            return new DataFrame(columns);
        }
        catch (ParquetFormatException exception)
        {
            throw new ResultsFolderException($"{path}: {exception.Message}", exception);
        }
        catch (Exception exception) when (exception is IOException or NotSupportedException or InvalidDataException)
        {
            throw new ResultsFolderException($"{path}: {exception.Message}", exception);
        }
    }
}
