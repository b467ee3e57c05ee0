namespace LevBacktest.Reporting.Reports;

/// <summary>One sweep axis of a results folder (<c>sweep.axes[]</c> of <c>summary.json</c>).</summary>
public sealed class ResultsAxis
{
    /// <summary>Creates the axis.</summary>
    /// <param name="name">Axis name as in the spec, e.g. <c>leverage</c> or <c>stop.distance</c>.</param>
    /// <param name="labels">The values as text, in sweep order.</param>
    /// <param name="numbers">The values as numbers when every value is a number (same length as <paramref name="labels"/>), else null.</param>
    public ResultsAxis(string name, IReadOnlyList<string> labels, IReadOnlyList<double>? numbers)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(labels);
        if (numbers is not null && numbers.Count != labels.Count)
        {
            throw new ArgumentException($"Axis '{name}' has {labels.Count} labels but {numbers.Count} numbers.", nameof(numbers));
        }

        Name = name;
        Labels = labels;
        Numbers = numbers;
    }

    /// <summary>Axis name as in the spec.</summary>
    public string Name { get; }

    /// <summary>Values as text, in sweep order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Values as numbers when all are numbers, else null.</summary>
    public IReadOnlyList<double>? Numbers { get; }

    /// <summary>Number of values.</summary>
    public int Count => Labels.Count;

    /// <summary>True for the leverage axis.</summary>
    public bool IsLeverage => string.Equals(Name, "leverage", StringComparison.OrdinalIgnoreCase) || Name.EndsWith(".leverage", StringComparison.OrdinalIgnoreCase);
}
