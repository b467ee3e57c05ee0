// Compiled into every test project (see Directory.Build.props): tests that use the packed NuGet packages, as a user
// would, run where LEVBT_PACKAGES names the folder `dotnet pack` wrote (.ci/run sets it) and skip elsewhere.
using Xunit;

namespace LevBacktest.TestSupport;

/// <summary>
/// A fact that needs the packed folder (<c>dotnet pack LevBacktest.sln -c Release -o DIR</c>) named by the environment
/// variable <c>LEVBT_PACKAGES</c>; skipped, saying so, where it is not set. .ci/run sets it, so it cannot skip there.
/// </summary>
internal sealed class PackedFolderFactAttribute : FactAttribute
{
    public PackedFolderFactAttribute()
    {
        if (Folder is null)
        {
            Skip = "needs the packed folder: set LEVBT_PACKAGES to the output of 'dotnet pack LevBacktest.sln -c Release -o DIR' (.ci/run does; the test restores and builds for a few minutes)";
        }
    }

    /// <summary>The packed folder (absolute), or null when LEVBT_PACKAGES is not set.</summary>
    public static string? Folder => Environment.GetEnvironmentVariable("LEVBT_PACKAGES") is { Length: > 0 } folder ? Path.GetFullPath(folder) : null;
}

/// <summary>NuGet folders for tests that restore LevBacktest.* from the packed folder, as a user would.</summary>
internal static class PackedFolderNuGet
{
    /// <summary>
    /// A folder to give NuGet as a fallback packages folder: one symbolic link per package of the user's global packages
    /// folder (~/.nuget/packages), except LevBacktest.* — NuGet prefers a fallback folder to any source, so a copy of
    /// LevBacktest 0.1.0 restored there earlier (the version stays 0.1.0 from build to build) would otherwise be used
    /// instead of the packed one. Null when the user has no global packages folder.
    /// </summary>
    /// <param name="root">A temporary folder of the test; the links go into <c>root/nuget-fallback</c>.</param>
    public static string? FallbackWithoutLevBacktest(string root)
    {
        string user = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set
            ? set
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        if (!Directory.Exists(user))
        {
            return null;
        }

        string fallback = Directory.CreateDirectory(Path.Combine(root, "nuget-fallback")).FullName;
        foreach (string package in Directory.EnumerateDirectories(user))
        {
            string name = Path.GetFileName(package);
            if (!name.StartsWith("levbacktest.", StringComparison.OrdinalIgnoreCase))
            {
                Directory.CreateSymbolicLink(Path.Combine(fallback, name), package);
            }
        }

        return fallback;
    }
}
