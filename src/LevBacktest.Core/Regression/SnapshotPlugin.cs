namespace LevBacktest.Core.Regression;

/// <summary>
/// Identity of one strategy plugin assembly as a baseline records it, so that changed strategy code is
/// reported as changed code and not as drift. Plugins are matched by file name.
/// </summary>
/// <param name="Path">The assembly's path (informational: it differs between machines).</param>
/// <param name="Sha256">SHA-256 of the assembly file's bytes, lower-case hexadecimal (64 characters).</param>
public sealed record SnapshotPlugin(string Path, string Sha256)
{
    /// <summary>The file name plugins are matched by (the path's last part, either separator).</summary>
    public string FileName => Path[(Path.LastIndexOfAny(['/', '\\']) + 1)..];
}
