using System.Diagnostics;
using System.Text;

namespace LevBacktest.Cli.Tests;

/// <summary>
/// What the tests of the packed folder (LEVBT_PACKAGES) share: the packages' version, a private NuGet configuration,
/// and running dotnet or the installed levbt as a user would, failing the test with the program's output on a non-zero exit.
/// </summary>
internal static class PackedToolSupport
{
    /// <summary>The version of package <paramref name="id"/> in the packed folder (from its file name).</summary>
    public static string PackageVersion(string packages, string id)
    {
        var match = Directory.GetFiles(packages, id + ".*.nupkg").Select(Path.GetFileName).SingleOrDefault(f => !f!.EndsWith(".symbols.nupkg", StringComparison.Ordinal));
        Assert.True(match is not null, $"{packages} holds no {id} package (run dotnet pack LevBacktest.sln -c Release -o {packages})");
        return match![(id.Length + 1)..^".nupkg".Length];
    }

    /// <summary>
    /// Writes <c>root/nuget.config</c>: a private global packages folder under <paramref name="root"/>, so LevBacktest.*
    /// can only come from the packed folder (never a stale copy of the same version in ~/.nuget/packages); other packages
    /// are reused from the user's folder through links that leave LevBacktest.* out (a fallback folder wins over every source).
    /// </summary>
    public static void WritePrivateNuGetConfig(string root)
    {
        string? fallback = PackedFolderNuGet.FallbackWithoutLevBacktest(root);
        File.WriteAllText(Path.Combine(root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{Path.Combine(root, "nuget-packages")}" /></config>
              <fallbackPackageFolders><clear />{(fallback is not null ? $"<add key=\"user\" value=\"{fallback}\" />" : string.Empty)}</fallbackPackageFolders>
            </configuration>
            """);
    }

    /// <summary>Runs <c>dotnet ARGS</c> in <paramref name="workingDirectory"/>; returns its standard output.</summary>
    public static string Dotnet(string workingDirectory, params string[] args) => Run("dotnet", workingDirectory, args);

    /// <summary>Runs <paramref name="program"/> (15 minutes at most); returns its standard output, fails the test on a non-zero exit.</summary>
    public static string Run(string program, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(15)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in 15 minutes");
        }

        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} exited {process.ExitCode}:\n{output.Result}\n{error.Result}");
        return output.Result;
    }
}
