using System.Reflection;

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LevBacktest.Cli.Tests;

/// <summary>
/// Compiles small strategy plugins (C# source) into assemblies on disk with Roslyn, so each plugin error case
/// gets an assembly of exactly the shape it needs without an msbuild run per case.
/// </summary>
internal static class PluginCompiler
{
    /// <summary>LevBacktest.Core as levbt loads it (copied next to the test assembly).</summary>
    public static string CoreAssemblyPath { get; } = Path.Combine(AppContext.BaseDirectory, "LevBacktest.Core.dll");

    /// <summary>A plugin with one signal, <paramref name="name"/>, that holds <paramref name="side"/> from the first bar (buy-and-hold).</summary>
    public static string SignalSource(string name, int side = 1, string className = "HoldSignal") => $$"""
        using LevBacktest.Core.Data;
        using LevBacktest.Core.Strategies;

        namespace TestPlugin;

        public sealed class {{className}} : ISignal
        {
            public static StrategyDescriptor Descriptor { get; } = StrategyDescriptor.ForSignal(
                "{{name}}", "Holds one side from the first bar (test plugin).", [], _ => new {{className}}());

            public void Prepare(MarketData data) { }

            public int DesiredSide(int barIndex) => {{side}};
        }
        """;

    /// <summary>Compiles <paramref name="source"/> to <c>folder/assemblyName.dll</c> against the runtime and <paramref name="references"/>.</summary>
    /// <returns>The assembly's path.</returns>
    public static string Compile(string folder, string assemblyName, string source, params string[] references)
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            trusted.Concat(references.Select(r => MetadataReference.CreateFromFile(r))),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, assemblyName + ".dll");
        var result = compilation.Emit(path);
        if (!result.Success)
        {
            throw new InvalidOperationException("plugin source does not compile:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        return path;
    }

    /// <summary>Compiles a plugin referencing the real LevBacktest.Core.</summary>
    public static string CompileAgainstCore(string folder, string assemblyName, string source) => Compile(folder, assemblyName, source, CoreAssemblyPath);

    /// <summary>The version of LevBacktest.Core levbt runs with.</summary>
    public static Version CoreVersion => AssemblyName.GetAssemblyName(CoreAssemblyPath).Version!;
}
