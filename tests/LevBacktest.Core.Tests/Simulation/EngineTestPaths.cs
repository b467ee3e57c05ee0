namespace LevBacktest.Core.Tests.Simulation;

/// <summary>Finds the repository root (the folder holding LevBacktest.sln) and the shared data beside it.</summary>
internal static class EngineTestPaths
{
    public static string Root { get; } = FindRoot();

    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string Tiers(string file) => Path.Combine(Root, "data", "tiers", file);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LevBacktest.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("LevBacktest.sln not found above " + AppContext.BaseDirectory);
    }
}
