namespace LevBacktest.Core.Data.Sources;

/// <summary>Opens an input file by its extension: <c>.csv</c>/<c>.zip</c> as CSV, anything else as Parquet.</summary>
internal static class SourceFiles
{
    /// <exception cref="MarketDataException">The file does not exist or cannot be read.</exception>
    public static SourceTable Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new MarketDataException(path, null, null, Directory.Exists(path) ? "this is a folder, not a file." : "the file does not exist.");
        }

        return CsvSourceTable.Handles(path) ? CsvSourceTable.Open(path) : ParquetSourceTable.Open(path);
    }
}
