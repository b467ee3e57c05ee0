using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LevBacktest.Reporting.Tests.Results;

/// <summary>
/// notebooks/leverage-sweep.ipynb: every code cell, in order, compiled as one C# program and run from the notebook's
/// folder, with the notebook kernel's <c>display</c>, <c>HTML</c> and <c>Formatter.Register</c> stood in for by
/// <see cref="NotebookHost"/> and its <c>#i</c>/<c>#r</c> package directives left out (the test host already references
/// the packages they load). It fails on any cell that does not compile or throws, and checks what the cells show.
/// </summary>
public sealed partial class NotebookTests
{
    private static readonly object CurrentDirectoryGate = new();

    [Fact]
    public void Every_cell_of_the_leverage_sweep_notebook_runs_and_shows_its_tables_and_charts()
    {
        string folder = SharedFolder.InRepository("notebooks");
        using var notebook = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "leverage-sweep.ipynb")));
        var cells = notebook.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .Select(c => string.Concat(c.GetProperty("source").EnumerateArray().Select(s => s.GetString())))
            .ToList();
        Assert.Equal(7, cells.Count);
        Assert.StartsWith("#i \"nuget: ../packages\"", cells[0], StringComparison.Ordinal);
        string program = string.Join("\n", cells.Select(cell => Directive().Replace(cell, "// (package directive: referenced by the test host)")));

        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            "LeverageSweepNotebook",
            [
                CSharpSyntaxTree.ParseText(program, new CSharpParseOptions(LanguageVersion.Latest)),
                CSharpSyntaxTree.ParseText(NotebookHost.KernelStandIns, new CSharpParseOptions(LanguageVersion.Latest)),
            ],
            references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Disable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));

        var assembly = Assembly.Load(image.ToArray());
        var displayed = (List<string>)assembly.GetType("NotebookKernel")!.GetField("Displayed")!.GetValue(null)!;
        lock (CurrentDirectoryGate)
        {
            string previous = Environment.CurrentDirectory;
            Environment.CurrentDirectory = folder;
            try
            {
                assembly.EntryPoint!.Invoke(null, [Array.Empty<string>()]);
            }
            finally
            {
                Environment.CurrentDirectory = previous;
            }
        }

        Assert.Equal(5, displayed.Count);
        Assert.StartsWith("buy-and-hold-leverage: 21 runs", displayed[0], StringComparison.Ordinal);
        Assert.Contains("<th style=\"text-align:right;padding:2px 8px\">leverage</th>", displayed[1], StringComparison.Ordinal);
        Assert.Contains("firstLiquidationTime", displayed[1], StringComparison.Ordinal);
        string output = Path.Combine(AppContext.BaseDirectory, "notebook-output");
        Directory.CreateDirectory(output);
        for (int k = 2; k <= 3; k++)
        {
            var match = Regex.Match(displayed[k], "^<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\" />$");
            Assert.True(match.Success, displayed[k][..Math.Min(80, displayed[k].Length)]);
            byte[] png = Convert.FromBase64String(match.Groups[1].Value);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
            Assert.True(png.Length > 10_000, "a chart with data is more than an empty frame");
            File.WriteAllBytes(Path.Combine(output, $"cell-{k}.png"), png);
        }

        Assert.Contains("bankruptcyPrice", displayed[4], StringComparison.Ordinal);
    }

    [GeneratedRegex("^#[ir] .*$", RegexOptions.Multiline)]
    private static partial Regex Directive();
}

/// <summary>Stand-ins for what the .NET Interactive C# kernel gives a notebook cell.</summary>
internal static class NotebookHost
{
    public const string KernelStandIns = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using static NotebookKernel;

        public static class NotebookKernel
        {
            public static readonly List<string> Displayed = new();

            public static void display(object value)
            {
                if (Microsoft.DotNet.Interactive.Formatting.Formatter.TryFormat(value, out string html))
                {
                    Displayed.Add(html);
                }
                else
                {
                    Displayed.Add(value?.ToString() ?? string.Empty);
                }
            }

            public static string HTML(string html) => html;
        }

        namespace Microsoft.DotNet.Interactive.Formatting
        {
            public static class Formatter
            {
                private static readonly Dictionary<Type, Action<object, TextWriter>> HtmlFormatters = new();

                public static void Register<T>(Action<T, TextWriter> format, string mimeType) =>
                    HtmlFormatters[typeof(T)] = (value, writer) => format((T)value, writer);

                public static bool TryFormat(object value, out string html)
                {
                    for (var type = value?.GetType(); type is not null; type = type.BaseType)
                    {
                        if (HtmlFormatters.TryGetValue(type, out var format))
                        {
                            var writer = new StringWriter();
                            format(value, writer);
                            html = writer.ToString();
                            return true;
                        }
                    }

                    html = null;
                    return false;
                }
            }
        }
        """;
}
