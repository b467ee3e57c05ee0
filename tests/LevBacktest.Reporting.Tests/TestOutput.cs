namespace LevBacktest.Reporting.Tests;

/// <summary>
/// A temporary directory per test class for rendered files. Set CHART_GALLERY_DIR to keep the images
/// (for looking at them); otherwise they are deleted with the directory.
/// </summary>
public sealed class TestOutput : IDisposable
{
    private readonly bool _keep;

    public TestOutput()
    {
        string? gallery = Environment.GetEnvironmentVariable("CHART_GALLERY_DIR");
        _keep = !string.IsNullOrEmpty(gallery);
        Directory = _keep ? gallery! : Path.Combine(Path.GetTempPath(), "levbt-charts-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string File(string name) => Path.Combine(Directory, name);

    public void Dispose()
    {
        if (!_keep)
        {
            try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
        }
    }
}
