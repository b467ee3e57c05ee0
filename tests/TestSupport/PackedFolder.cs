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
