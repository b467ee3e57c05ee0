namespace LevBacktest.Core.Data;

/// <summary>
/// The check every input file gets before it is opened, so that a folder given where a file is expected is
/// named as a folder (not "access denied" or "not found").
/// </summary>
public static class InputFile
{
    /// <summary>Throws unless <paramref name="path"/> is an existing file.</summary>
    /// <param name="path">The path as the user gave it (relative paths are against the current folder).</param>
    /// <param name="what">What the file is for, capitalised, e.g. "Data file", "Experiment spec".</param>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="path"/>, or it is a folder (the message says which).</exception>
    public static void Require(string path, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (File.Exists(path))
        {
            return;
        }

        string full = Path.GetFullPath(path);
        throw Directory.Exists(path)
            ? new FileNotFoundException($"{what} {path} is a folder, not a file.", full)
            : new FileNotFoundException($"{what} not found: {path}", full);
    }
}
