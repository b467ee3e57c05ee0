using System.Reflection;
using System.Text.RegularExpressions;

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LevBacktest.Reporting.Tests.Results;

/// <summary>The README's "Using LevBacktest from C#" example, taken from the README as it is, compiles and runs.</summary>
public sealed partial class ReadmeExampleTests
{
    [Fact]
    public void The_readme_example_compiles_and_runs_on_the_sample()
    {
        string readme = File.ReadAllText(SharedFolder.InRepository("README.md"));
        int section = readme.IndexOf("\n## Using LevBacktest from C#\n", StringComparison.Ordinal);
        Assert.True(section >= 0, "README has no section 'Using LevBacktest from C#'");
        string code = CodeBlock().Match(readme, section).Groups[1].Value;
        Assert.Contains("Experiment.Load(spec)", code, StringComparison.Ordinal);

        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            "ReadmeExample",
            [
                CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest)),
                // The implicit usings of a `dotnet new console` project (ImplicitUsings enable).
                CSharpSyntaxTree.ParseText("global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Threading; global using System.Threading.Tasks;"),
            ],
            references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));

        var entry = Assembly.Load(image.ToArray()).EntryPoint!;
        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        try
        {
            entry.Invoke(null, [new[] { SharedFolder.InRepository("strategies", "examples", "buy-and-hold-leverage.json") }]);
        }
        finally
        {
            Console.SetOut(previous);
        }

        string text = output.ToString();
        Assert.StartsWith("runIndex  leverage  totalReturn  maxDrawdown  liquidationCount", text, StringComparison.Ordinal);
        Assert.Contains("… 13 more rows (21 in all)", text, StringComparison.Ordinal);
        Assert.Matches(@"run 10: [\d,]+ bars, final equity [\d,.]+ USDT", text);
        Assert.Contains("entryTime", text, StringComparison.Ordinal);
    }

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
