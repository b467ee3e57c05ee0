namespace LevBacktest.Core.Tests.Data;

/// <summary>A fact that needs DuckDB for node (the Parquet interop tests' packages); skipped, saying how to install it, when absent.</summary>
internal sealed class DuckDbFactAttribute : FactAttribute
{
    public DuckDbFactAttribute()
    {
        string folder = DatasetLoadTests.InteropFolder;
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "@duckdb", "node-api")))
        {
            Skip = $"needs DuckDB for node: run `npm ci` in {folder} (.ci/run does).";
        }
    }
}
