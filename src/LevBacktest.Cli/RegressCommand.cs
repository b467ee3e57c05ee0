using System.CommandLine;
using System.Globalization;

using LevBacktest.Core.Regression;

namespace LevBacktest.Cli;

/// <summary>
/// <c>levbt regress SPEC --baseline FILE [--update] [--rtol R] [--atol A] [--results DIR] [--threads N]</c>:
/// runs an experiment (or reads a finished results folder) and compares every metric of every run with a
/// committed baseline. Exit code 0 when everything holds, 1 on drift or changed data, 2 on bad input;
/// <c>--update</c> writes the baseline instead (atomically) and exits 0.
/// </summary>
internal static class RegressCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var spec = new Argument<FileInfo?>("spec")
        {
            Description = "The experiment spec (JSON) to run. May be left out with --results.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var baseline = new Option<FileInfo>("--baseline")
        {
            Description = "The baseline JSON file to compare with (written by --update).",
            Required = true,
        };
        var update = new Option<bool>("--update") { Description = "Write the current results as the new baseline (atomically) instead of comparing; exit 0." };
        var relative = new Option<double>("--rtol")
        {
            Description = "Relative tolerance: a metric holds when |now - baseline| <= atol + rtol * max(|now|, |baseline|). Only for floating-point differences between platforms; runs are bit-for-bit reproducible on one machine.",
            DefaultValueFactory = _ => RegressionTolerance.DefaultRelative,
        };
        var absolute = new Option<double>("--atol")
        {
            Description = "Absolute tolerance, in each metric's unit (see --rtol).",
            DefaultValueFactory = _ => RegressionTolerance.DefaultAbsolute,
        };
        var results = new Option<DirectoryInfo?>("--results") { Description = "Read this finished results folder (its summary.json) instead of running the spec." };
        var threads = new Option<int?>("--threads") { Description = "Runs executed at once when running the spec (default: one per core). Results do not depend on it." };
        var command = new Command("regress", "Compare an experiment's results with a committed baseline; exit 1 on drift or changed data (for CI).")
        {
            spec, baseline, update, relative, absolute, results, threads,
        };
        command.SetAction(parse =>
        {
            var arguments = new RegressArguments
            {
                SpecPath = parse.GetValue(spec)?.ToString(),
                BaselinePath = parse.GetValue(baseline)!.ToString(),
                Update = parse.GetValue(update),
                RelativeTolerance = parse.GetValue(relative),
                AbsoluteTolerance = parse.GetValue(absolute),
                ResultsPath = parse.GetValue(results)?.ToString(),
                Threads = parse.GetValue(threads),
            };
            var output = parse.InvocationConfiguration.Output;
            return Execute(arguments, output, interactive: ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected);
        });
        return command;
    }

    /// <summary>Runs the check described by <paramref name="arguments"/>.</summary>
    /// <param name="arguments">The parsed command line.</param>
    /// <param name="output">Where the report goes.</param>
    /// <param name="interactive">Draw tables for a terminal.</param>
    /// <returns>0 holds (or baseline written), 1 drift or changed data.</returns>
    /// <exception cref="ArgumentException">Bad options (turned into exit code 2 by <see cref="CommandLineApplication.Run"/>).</exception>
    /// <exception cref="RegressionInputException">An unreadable baseline or results folder.</exception>
    internal static int Execute(RegressArguments arguments, TextWriter output, bool interactive)
    {
        RegressionTolerance tolerance;
        try
        {
            tolerance = new RegressionTolerance(arguments.RelativeTolerance, arguments.AbsoluteTolerance);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new ArgumentException(
                $"--rtol and --atol must be finite numbers >= 0 (got --rtol {arguments.RelativeTolerance.ToString(CultureInfo.InvariantCulture)}, --atol {arguments.AbsoluteTolerance.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (arguments.SpecPath is null && arguments.ResultsPath is null)
        {
            throw new ArgumentException("Give the experiment spec to run, or --results DIR to read a finished results folder.");
        }

        if (arguments.Threads is < 1)
        {
            throw new ArgumentException($"--threads must be 1 or more, not {arguments.Threads}.");
        }

        // Read the baseline first: a missing or broken baseline should fail before a long run, except
        // with --update, where it may not exist yet.
        RegressionSnapshot? baseline = null;
        if (!arguments.Update)
        {
            baseline = BaselineFile.Read(arguments.BaselinePath);
        }

        var current = arguments.ResultsPath is not null
            ? ResultsSummaryReader.Read(Path.Combine(arguments.ResultsPath, ResultsSummaryReader.FileName))
            : RegressRunner.Run(arguments.SpecPath!, arguments.Threads, CancellationToken.None);

        if (arguments.Update)
        {
            string previous = DescribePrevious(arguments.BaselinePath, current, tolerance);
            BaselineFile.Write(arguments.BaselinePath, current);
            int metrics = current.Runs.Sum(r => r.Metrics.Count);
            output.WriteLine($"baseline written: {arguments.BaselinePath} ({current.SpecName}: {current.Runs.Count} runs, {metrics} metric values, {current.DataFiles.Count} data files fingerprinted); {previous}");
            return CommandLineApplication.ExitSuccess;
        }

        var report = RegressionComparer.Compare(baseline!, current, tolerance);
        RegressReportWriter.Write(report, arguments.BaselinePath, output, interactive);
        return report.Verdict == RegressionVerdict.Holds ? CommandLineApplication.ExitSuccess : CommandLineApplication.ExitCheckFailed;
    }

    /// <summary>What <c>--update</c> replaces, in a few words, so the refresh is visible in the log.</summary>
    private static string DescribePrevious(string baselinePath, RegressionSnapshot current, RegressionTolerance tolerance)
    {
        if (!File.Exists(baselinePath))
        {
            return "new baseline";
        }

        RegressionSnapshot previous;
        try
        {
            previous = BaselineFile.Read(baselinePath);
        }
        catch (RegressionInputException)
        {
            return "replaced an unreadable baseline";
        }

        var report = RegressionComparer.Compare(previous, current, tolerance);
        return report.Verdict switch
        {
            RegressionVerdict.Holds => "the previous baseline held",
            RegressionVerdict.Drift => $"replaced a baseline with {report.Differences.Count} difference(s)",
            RegressionVerdict.CodeChanged => $"replaced a baseline of other plugin code ({string.Join(", ", report.PluginChanges.Select(c => c.FileName))}) with {report.Differences.Count} difference(s)",
            _ => $"replaced a baseline of other data ({string.Join(", ", report.DataChanges.Select(c => c.Role))}) with {report.Differences.Count} difference(s)",
        };
    }
}
