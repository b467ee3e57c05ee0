using LevBacktest.Parquet.Writer;
using LevBacktest.Reporting.Reports;

namespace LevBacktest.Reporting.Tests.Reports;

public sealed class RunRowReaderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("levbt-runrows").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>A table of <paramref name="runs"/> (one runIndex per row) and value = row number, in row groups of 3 rows.</summary>
    private string Table(string name, params int[] runs)
    {
        string path = Path.Combine(_root, name);
        ParquetFileWriter.Write(
            path,
            [ParquetWriteColumn.Int32("runIndex", runs), ParquetWriteColumn.Double("value", Enumerable.Range(0, runs.Length).Select(i => (double)i).ToArray())],
            ParquetWriterOptions.Default with { RowGroupSize = 3 });
        return path;
    }

    private static Dictionary<int, List<double>> Read(string path, params int[] runs)
    {
        var rows = new Dictionary<int, List<double>>();
        RunRowReader.Read(path, runs.ToHashSet(), ["value", "absent"], (run, data, start, count) =>
        {
            Assert.Null(data[1]); // a column the file lacks comes back as null
            if (!rows.TryGetValue(run, out var list))
            {
                list = [];
                rows[run] = list;
            }

            for (int i = start; i < start + count; i++)
            {
                list.Add(RunRowReader.Double(data[0], i, path));
            }
        });
        return rows;
    }

    [Fact]
    public void Reads_exactly_the_rows_of_the_chosen_runs_across_row_groups()
    {
        // Row groups [0 0 1] [1 1 2] [2 5 5] [7]: run 1 spans two groups, run 2 the next two, run 5 sits in one.
        string path = Table("t.parquet", 0, 0, 1, 1, 1, 2, 2, 5, 5, 7);
        var rows = Read(path, 1, 5, 9);
        Assert.Equal([1, 5], rows.Keys.Order());
        Assert.Equal([2.0, 3, 4], rows[1]);
        Assert.Equal([7.0, 8], rows[5]);
        Assert.Empty(Read(path));
        Assert.Equal(new Dictionary<int, int> { [0] = 2, [1] = 3, [2] = 2, [5] = 2, [7] = 1 }, RunRowReader.CountByRun(path));
    }

    [Fact]
    public void A_chosen_run_whose_rows_are_not_contiguous_is_an_error_naming_the_file()
    {
        string path = Table("broken.parquet", 0, 1, 0, 2);
        var error = Assert.Throws<ResultsFolderException>(() => Read(path, 0));
        Assert.Contains("broken.parquet", error.Message);
        Assert.Contains("run 0", error.Message);
        Assert.Equal([3.0], Read(path, 2)[2]); // other runs still read
    }
}
