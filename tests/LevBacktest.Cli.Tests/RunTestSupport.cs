using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;

namespace LevBacktest.Cli.Tests;

/// <summary>The result of starting the built <c>levbt</c>.</summary>
internal sealed record LevbtResult(int ExitCode, string Output, string Error)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// Starts the already-built command (<c>dotnet levbt.dll</c>, copied next to this test assembly by the project
/// reference), creates spec and CSV files in a temporary folder, and finds the repository and shared data.
/// </summary>
internal static partial class RunTestSupport
{
    public static string LevbtDll { get; } = Path.Combine(AppContext.BaseDirectory, "levbt.dll");

    public static string RepositoryRoot { get; } = FindRoot();

    public static string SharedData { get; } = SharedFolder.Data("binance-um");

    public static string SampleData { get; } = Path.Combine(RepositoryRoot, "data", "sample");

    public static string Example(string name) => Path.Combine(RepositoryRoot, "strategies", "examples", name + ".json");

    public static LevbtResult Levbt(string workingDirectory, params string[] args)
    {
        using var process = Start(workingDirectory, args);
        return Finish(process);
    }

    public static Process Start(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(LevbtDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
    }

    public static LevbtResult Finish(Process process, TimeSpan? timeout = null)
    {
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("levbt did not finish in time");
        }

        return new LevbtResult(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Sends a POSIX signal (2 SIGINT, 9 SIGKILL, 15 SIGTERM) to a process.</summary>
    public static void Signal(Process process, int signal)
    {
        if (Kill(process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    /// <summary>A spec over the CSV data of <see cref="WriteCsvMarket"/> (next to the spec), flat 0.4 % maintenance rate, 8 runs.</summary>
    public static JsonObject CsvSpec() => new()
    {
        ["name"] = "csv-test",
        ["data"] = new JsonObject { ["prices"] = "prices.csv", ["mark"] = "mark.csv", ["funding"] = "funding.csv", ["symbol"] = "BTCUSDT" },
        ["instrument"] = new JsonObject { ["maintenanceMarginRate"] = 0.004, ["maxLeverage"] = 125, ["slippage"] = new JsonObject { ["basisPoints"] = 1 } },
        ["initialCapital"] = 10_000,
        ["strategy"] = new JsonObject
        {
            ["signal"] = new JsonObject { ["name"] = "ma-cross", ["parameters"] = new JsonObject { ["fast"] = 10, ["slow"] = 40 } },
            ["sizing"] = "fixed-leverage",
            ["stop"] = "fixed-percent",
        },
        ["sweep"] = new JsonObject
        {
            ["leverage"] = new JsonArray(1, 3, 10, 50),
            ["stop.distance"] = new JsonArray(0.02, 0.1),
        },
    };

    public static string WriteSpec(string folder, JsonObject spec, string name = "spec.json")
    {
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, spec.ToJsonString());
        return path;
    }

    /// <summary>Writes prices.csv, mark.csv and funding.csv: a deterministic hourly random walk (2,000 bars, 8-hourly funding).</summary>
    public static void WriteCsvMarket(string folder, int bars = 2000)
    {
        var random = new Random(11);
        var prices = new StringBuilder("symbol,open_time,open,high,low,close,volume\n");
        var mark = new StringBuilder("symbol,open_time,open,high,low,close\n");
        var funding = new StringBuilder("symbol,funding_time,funding_rate\n");
        var start = new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        double price = 30_000;
        for (int i = 0; i < bars; i++)
        {
            double next = price * Math.Exp(0.01 * (random.NextDouble() - 0.5) * 2.5);
            double high = Math.Max(price, next) * (1 + (0.003 * random.NextDouble()));
            double low = Math.Min(price, next) * (1 - (0.003 * random.NextDouble()));
            string time = start.AddHours(i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            prices.Append(CultureInfo.InvariantCulture, $"BTCUSDT,{time},{price:R},{high:R},{low:R},{next:R},{10 + random.Next(100)}\n");
            double markHigh = Math.Max(high * 0.9998, Math.Max(price, next));
            double markLow = Math.Min(low * 1.0002, Math.Min(price, next));
            mark.Append(CultureInfo.InvariantCulture, $"BTCUSDT,{time},{price:R},{markHigh:R},{markLow:R},{next:R}\n");
            if (i % 8 == 0 && i > 0)
            {
                funding.Append(CultureInfo.InvariantCulture, $"BTCUSDT,{time},{0.0001 + (0.0002 * (random.NextDouble() - 0.4)):R}\n");
            }

            price = next;
        }

        File.WriteAllText(Path.Combine(folder, "prices.csv"), prices.ToString());
        File.WriteAllText(Path.Combine(folder, "mark.csv"), mark.ToString());
        File.WriteAllText(Path.Combine(folder, "funding.csv"), funding.ToString());
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LevBacktest.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("LevBacktest.sln not found above " + AppContext.BaseDirectory);
    }
}
