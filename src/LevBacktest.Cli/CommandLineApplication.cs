using System.CommandLine;

namespace LevBacktest.Cli;

/// <summary>
/// The <c>levbt</c> command: builds the command tree and runs it with the project's error contract —
/// a failure prints one line <c>levbt: error: …</c> to standard error and exits 2; the stack trace
/// only with <c>--verbose</c>.
/// </summary>
public static class CommandLineApplication
{
    /// <summary>Exit code of a successful command.</summary>
    public const int ExitSuccess = 0;

    /// <summary>Exit code of a check that ran and found a difference (regression drift).</summary>
    public const int ExitCheckFailed = 1;

    /// <summary>Exit code of bad input, a bad command line or any other error.</summary>
    public const int ExitError = 2;

    /// <summary>The global <c>--verbose</c> option: print stack traces of errors.</summary>
    public static readonly Option<bool> VerboseOption = new("--verbose")
    {
        Description = "Print the full stack trace of an error.",
        Recursive = true,
    };

    /// <summary>Builds the root command with every sub-command.</summary>
    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand("LevBacktest: backtest leveraged crypto perpetual-futures strategies on historical data.");
        root.Options.Add(VerboseOption);
        root.Subcommands.Add(DataCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(MonteCarloCommand.Create());
        root.Subcommands.Add(MergeCommand.Create());
        root.Subcommands.Add(StrategiesCommand.Create());
        root.Subcommands.Add(RegressCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        return root;
    }

    /// <summary>Parses and runs a command line.</summary>
    /// <param name="args">Command-line arguments without the program name.</param>
    /// <param name="output">Where results go (standard output).</param>
    /// <param name="error">Where errors go (standard error).</param>
    /// <returns>The process exit code: 0 success, 1 a check failed, 2 error.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        error = new ControlCharacterEscapingWriter(error);
        var root = BuildRootCommand();
        ParseResult parse = root.Parse(args);
        bool verbose = parse.GetValue(VerboseOption);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                error.WriteLine($"levbt: error: {parseError.Message}");
            }

            error.WriteLine("levbt: run 'levbt --help' for usage.");
            return ExitError;
        }

        try
        {
            var configuration = new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
            };
            return parse.Invoke(configuration);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            error.WriteLine($"levbt: error: {Describe(exception)}");
            if (verbose)
            {
                error.WriteLine(exception.ToString());
            }

            return ExitError;
        }
    }

    /// <summary>One line that says what went wrong, without the exception type noise.</summary>
    private static string Describe(Exception exception)
    {
        string message = exception.Message.ReplaceLineEndings(" ").Trim();
        return exception switch
        {
            FileNotFoundException notFound when notFound.FileName is not null && !message.Contains(notFound.FileName, StringComparison.Ordinal)
                => $"{message} ({notFound.FileName})",
            _ => message,
        };
    }
}
