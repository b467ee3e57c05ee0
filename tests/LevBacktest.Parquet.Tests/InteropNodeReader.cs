using System.Diagnostics;
using System.Text.Json;

namespace LevBacktest.Parquet.Tests;

/// <summary>One table as DuckDB or polars read it (values normalised to text by interop/read-parquet.mjs).</summary>
public sealed record InteropTable(string Engine, string File, int RowCount, IReadOnlyList<InteropColumn> Columns);

/// <summary>One column as an external engine read it: its name, the engine's type name, and one text (or null) per row.</summary>
public sealed record InteropColumn(string Name, string Type, IReadOnlyList<string?> Values);

/// <summary>
/// Runs tests/LevBacktest.Parquet.Tests/interop/read-parquet.mjs (node + @duckdb/node-api + nodejs-polars, installed
/// by <c>npm ci</c> in that folder; .ci/run does it) to read Parquet files with other engines.
/// </summary>
public static class InteropNodeReader
{
    /// <summary>The interop folder holding package.json and read-parquet.mjs.</summary>
    public static string Folder { get; } = FindFolder();

    /// <summary>Why interop tests cannot run here, or null when they can.</summary>
    public static string? UnavailableReason { get; } = FindUnavailableReason();

    /// <summary>Reads <paramref name="files"/> with <paramref name="engine"/> ("duckdb" or "polars").</summary>
    public static IReadOnlyList<InteropTable> Read(string engine, params string[] files)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("read-parquet.mjs");
        start.ArgumentList.Add(engine);
        foreach (string file in files)
        {
            start.ArgumentList.Add(file);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node read-parquet.mjs {engine} did not finish in 2 minutes");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{engine} failed (exit {process.ExitCode}): {stderr.Result}");
        }

        var tables = new List<InteropTable>();
        using JsonDocument document = JsonDocument.Parse(stdout);
        foreach (JsonElement table in document.RootElement.EnumerateArray())
        {
            var columns = new List<InteropColumn>();
            foreach (JsonElement column in table.GetProperty("columns").EnumerateArray())
            {
                var values = column.GetProperty("values").EnumerateArray()
                    .Select(v => v.ValueKind == JsonValueKind.Null ? null : v.GetString())
                    .ToList();
                columns.Add(new InteropColumn(column.GetProperty("name").GetString()!, column.GetProperty("type").GetString()!, values));
            }

            tables.Add(new InteropTable(
                table.GetProperty("engine").GetString()!,
                table.GetProperty("file").GetString()!,
                table.GetProperty("rowCount").GetInt32(),
                columns));
        }

        return tables;
    }

    private static string FindFolder()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LevBacktest.sln")))
            {
                return Path.Combine(directory.FullName, "tests", "LevBacktest.Parquet.Tests", "interop");
            }
        }

        throw new InvalidOperationException($"LevBacktest.sln not found above {AppContext.BaseDirectory}");
    }

    private static string? FindUnavailableReason()
    {
        string[] needed = ["@duckdb/node-api", "nodejs-polars", "nodejs-polars-linux-x64-gnu"];
        string? missing = needed.FirstOrDefault(p => !Directory.Exists(Path.Combine(Folder, "node_modules", p)));
        if (missing is not null)
        {
            return $"interop test skipped: {missing} is not installed; run `npm ci` in {Folder} (.ci/run does).";
        }

        try
        {
            using Process? node = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true, UseShellExecute = false });
            node?.WaitForExit(10_000);
            return node is { ExitCode: 0 } ? null : "interop test skipped: `node --version` failed.";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "interop test skipped: node is not on PATH.";
        }
    }
}

/// <summary>A [Fact] that is skipped, with the reason, when node or the interop node_modules are missing.</summary>
public sealed class InteropFactAttribute : FactAttribute
{
    public InteropFactAttribute()
    {
        if (InteropNodeReader.UnavailableReason is { } reason)
        {
            Skip = reason;
        }
    }
}
