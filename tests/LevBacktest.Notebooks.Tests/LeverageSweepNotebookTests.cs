using System.Text.Json;
using System.Text.RegularExpressions;

using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace LevBacktest.Notebooks.Tests;

/// <summary>
/// notebooks/leverage-sweep.ipynb in the real .NET Interactive C# kernel (<c>Microsoft.DotNet.Interactive.CSharp</c>
/// inside a <see cref="CompositeKernel"/>, with the <c>#r "nuget: …"</c> directive and the kernel helpers
/// <c>display</c>/<c>HTML</c> that Polyglot Notebooks and Jupyter give a cell): every code cell, unchanged and in
/// order, is submitted from the notebook's folder, and any cell that fails (a compile error, an exception, a package
/// that does not restore) fails the test. The cell's <c>#r "nuget: LevBacktest.Reporting, 0.1.0"</c> restores from the
/// packed folder <c>LEVBT_PACKAGES</c> (.ci/run packs it; the test skips without it): where a user registers the folder
/// once with <c>dotnet nuget add source</c>, the test hands it to the kernel's restore as the MSBuild property
/// <c>RestoreAdditionalProjectSources</c> (an environment variable of the restore process). A private NuGet global
/// packages folder makes sure LevBacktest.* come from the packed folder, never from a stale copy of the same version
/// in ~/.nuget/packages (other packages are reused from there, through <see cref="PackedFolderNuGet"/>).
/// </summary>
public sealed partial class LeverageSweepNotebookTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("levbt-notebook-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [PackedFolderFact]
    public async Task Every_cell_runs_in_the_CSharp_kernel_and_shows_the_runs_charts_and_liquidations()
    {
        string folder = SharedFolder.InRepository("notebooks");
        var notebook = Notebook.Parse(
            await File.ReadAllTextAsync(Path.Combine(folder, "leverage-sweep.ipynb")),
            new KernelInfoCollection { new Microsoft.DotNet.Interactive.Documents.KernelInfo("csharp", "C#") });
        var cells = notebook.Elements.Where(e => e.KernelName == "csharp").Select(e => e.Contents).ToList();
        Assert.Equal(7, cells.Count);

        string privatePackages = Path.Combine(_root, "nuget-packages");
        string? fallback = PackedFolderNuGet.FallbackWithoutLevBacktest(_root);
        var outputs = new List<CellOutput>();
        using (new EnvironmentScope(new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = privatePackages,
            ["RestoreAdditionalProjectSources"] = PackedFolderFactAttribute.Folder,
            ["RestoreAdditionalProjectFallbackFolders"] = fallback,
        }))
        using (new CurrentDirectoryScope(folder))
        {
            // Not disposed: disposing the kernel removes its resolver of the packages' native libraries, and a SkiaSharp
            // object finalized after that aborts the test host ("liblibSkiaSharp: cannot open shared object file").
            // A notebook's kernel lives until its process ends; so does this one.
            var kernel = CreateKernel();
            for (int cell = 0; cell < cells.Count; cell++)
            {
                var result = await kernel.SendAsync(new SubmitCode(cells[cell]));
                var events = result.Events;
                var errors = events.OfType<CommandFailed>().Select(f => f.Message)
                    .Concat(events.OfType<DiagnosticsProduced>().SelectMany(d => d.Diagnostics)
                        .Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).Select(d => d.ToString()))
                    .ToList();
                Assert.True(errors.Count == 0, $"notebook cell {cell + 1} failed in the C# kernel:\n{string.Join("\n", errors)}\n--- cell:\n{cells[cell]}");
                outputs.Add(new CellOutput(
                    events.OfType<PackageAdded>().Select(p => p.PackageReference).ToList(),
                    events.OfType<DisplayedValueProduced>().SelectMany(d => d.FormattedValues).ToList()));
            }
        }

        // Cell 1: the packages, LevBacktest.Reporting from the packed folder (restored into the private folder).
        var packages = outputs[0].Packages.ToDictionary(p => p.PackageName, StringComparer.OrdinalIgnoreCase);
        Assert.Equal("0.1.0", packages["LevBacktest.Reporting"].PackageVersion);
        Assert.Equal("5.1.59", packages["ScottPlot"].PackageVersion);
        Assert.StartsWith(privatePackages, packages["LevBacktest.Reporting"].PackageRoot, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(privatePackages, "levbacktest.reporting", "0.1.0", "levbacktest.reporting.0.1.0.nupkg")));

        // What the sweep must show, from the committed regression baseline of the same spec.
        using var baseline = JsonDocument.Parse(await File.ReadAllTextAsync(SharedFolder.InRepository("strategies", "examples", "baselines", "buy-and-hold-leverage.json")));
        var runs = baseline.RootElement.GetProperty("runs").EnumerateArray().ToList();
        int liquidations = runs.Sum(r => (int)r.GetProperty("metrics").GetProperty("liquidationCount").GetDouble());
        Assert.Equal(21, runs.Count);
        Assert.True(liquidations > 0, "the sample liquidates the high leverages");

        // Cell 2 registers the formatter and shows nothing; cell 3 prints the summary line.
        Assert.Empty(outputs[1].Displayed);
        var summary = Assert.Single(outputs[2].Displayed);
        Assert.Equal("text/plain", summary.MimeType);
        Assert.StartsWith($"buy-and-hold-leverage: {runs.Count} runs, {runs.Count} trades, {liquidations} liquidations,", summary.Value, StringComparison.Ordinal);

        // Cell 4: the runs DataFrame through the registered formatter (ToHtml), one body row per run.
        var runsTable = Assert.Single(outputs[3].Displayed, v => v.MimeType == "text/html");
        Assert.Contains("<table class=\"levbt-frame\"", runsTable.Value, StringComparison.Ordinal);
        Assert.Contains("<th style=\"text-align:right;padding:2px 8px\">leverage</th>", runsTable.Value, StringComparison.Ordinal);
        Assert.Equal(runs.Count, BodyRows(runsTable.Value));

        // Cells 5 and 6: the two charts, inline PNGs (kept beside the test binaries for a person to look at).
        string pictures = Path.Combine(AppContext.BaseDirectory, "notebook-output");
        Directory.CreateDirectory(pictures);
        foreach (int cell in new[] { 4, 5 })
        {
            var image = Assert.Single(outputs[cell].Displayed, v => v.MimeType == "text/html");
            var match = InlinePng().Match(image.Value);
            Assert.True(match.Success, image.Value[..Math.Min(120, image.Value.Length)]);
            byte[] png = Convert.FromBase64String(match.Groups[1].Value);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
            Assert.Equal(900, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
            Assert.Equal(450, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
            Assert.True(png.Length > 10_000, "a chart with data is more than an empty frame");
            await File.WriteAllBytesAsync(Path.Combine(pictures, $"cell-{cell + 1}.png"), png);
        }

        // Cell 7: one row per liquidation.
        var liquidationTable = Assert.Single(outputs[6].Displayed, v => v.MimeType == "text/html");
        Assert.Contains("bankruptcyPrice", liquidationTable.Value, StringComparison.Ordinal);
        Assert.Equal(liquidations, BodyRows(liquidationTable.Value));
    }

    /// <summary>The kernel Polyglot Notebooks starts for a C# notebook, as far as this notebook uses it.</summary>
    private static CompositeKernel CreateKernel()
    {
        var csharp = new CSharpKernel()
            .UseNugetDirective((kernel, references) =>
            {
                kernel.AddAssemblyReferences(references.SelectMany(r => r.AssemblyPaths));
                return Task.CompletedTask;
            },
            // The package manager otherwise reuses an earlier restore of the same package list (~/.packagemanagement),
            // which may hold an older build of LevBacktest 0.1.0.
            forceRestore: true)
            .UseKernelHelpers()
            .UseValueSharing();
        var composite = new CompositeKernel { csharp };
        composite.DefaultKernelName = "csharp";
        return composite;
    }

    private static int BodyRows(string html) => Regex.Count(html[html.IndexOf("<tbody>", StringComparison.Ordinal)..], "<tr>");

    [GeneratedRegex("^<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\" />$")]
    private static partial Regex InlinePng();

    private sealed record CellOutput(IReadOnlyList<ResolvedPackageReference> Packages, IReadOnlyList<Microsoft.DotNet.Interactive.Formatting.FormattedValue> Displayed);

    /// <summary>Sets environment variables (null removes one) and puts the previous values back.</summary>
    private sealed class EnvironmentScope : IDisposable
    {
        private readonly Dictionary<string, string?> _previous = [];

        public EnvironmentScope(IReadOnlyDictionary<string, string?> values)
        {
            foreach (var (name, value) in values)
            {
                _previous[name] = Environment.GetEnvironmentVariable(name);
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach (var (name, value) in _previous)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    /// <summary>The notebook's relative paths resolve against the current folder, as in a notebook opened from notebooks/.</summary>
    private sealed class CurrentDirectoryScope : IDisposable
    {
        private readonly string _previous = Environment.CurrentDirectory;

        public CurrentDirectoryScope(string folder) => Environment.CurrentDirectory = folder;

        public void Dispose() => Environment.CurrentDirectory = _previous;
    }
}
