namespace LevBacktest.Core.Experiments;

/// <summary>
/// An experiment spec is malformed or names something that does not exist. The message starts with
/// the JSON path of the offending value (for example <c>$.strategy.signal.name</c>) and, for a wrong
/// name, lists the valid ones.
/// </summary>
public sealed class ExperimentSpecException : Exception
{
    /// <summary>Creates the exception for a value at a JSON path.</summary>
    /// <param name="jsonPath">Path of the offending value, <c>$</c> for the document itself.</param>
    /// <param name="problem">What is wrong, as a sentence fragment that follows the path.</param>
    /// <param name="specFile">The spec file, when the spec came from one; prefixed to the message.</param>
    public ExperimentSpecException(string jsonPath, string problem, string? specFile = null)
        : base(Compose(jsonPath, problem, specFile))
    {
        JsonPath = jsonPath;
        Problem = problem;
        SpecFile = specFile;
    }

    /// <summary>Creates the exception with an underlying cause (a JSON syntax error).</summary>
    /// <param name="jsonPath">Path of the offending value.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="specFile">The spec file, or null.</param>
    /// <param name="innerException">The cause.</param>
    public ExperimentSpecException(string jsonPath, string problem, string? specFile, Exception innerException)
        : base(Compose(jsonPath, problem, specFile), innerException)
    {
        JsonPath = jsonPath;
        Problem = problem;
        SpecFile = specFile;
    }

    /// <summary>JSON path of the offending value, e.g. <c>$.sweep['stop.percent'][1]</c>.</summary>
    public string JsonPath { get; }

    /// <summary>The problem without path and file.</summary>
    public string Problem { get; }

    /// <summary>The spec file the value came from, or null.</summary>
    public string? SpecFile { get; }

    /// <summary>The same problem attributed to a spec file.</summary>
    /// <param name="specFile">Path of the spec file.</param>
    public ExperimentSpecException InFile(string specFile) => new(JsonPath, Problem, specFile, this);

    private static string Compose(string jsonPath, string problem, string? specFile)
        => specFile is null ? $"{jsonPath}: {problem}" : $"{specFile}: {jsonPath}: {problem}";
}
