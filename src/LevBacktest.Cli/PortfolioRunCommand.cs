using System.Globalization;

using LevBacktest.Core.Experiments;
using LevBacktest.Core.Experiments.Results;
using LevBacktest.Core.Strategies.Plugins;

namespace LevBacktest.Cli;

/// <summary>
/// <c>levbt run</c> on a portfolio spec (one with <c>"instruments"</c>): loads every instrument once, runs the sweep
/// through the portfolio engine in parallel (runs handed over in run-index order, so the files do not depend on
/// --threads) and writes the same results folder as a single-instrument run — the account's figures in
/// summary.json, runs.parquet and equity.parquet, every instrument's events with an <c>instrument</c> column — plus
/// exposure.parquet and each instrument's contribution in summary.json.
/// </summary>
internal static class PortfolioRunCommand
{
    /// <summary>Runs a checked portfolio plan into <paramref name="outputPath"/>.</summary>
    /// <returns>The exit code.</returns>
    /// <exception cref="ArgumentException">An option that a portfolio does not take (--prices, --mark, --funding, --shard).</exception>
    internal static int Execute(
        RunArguments arguments,
        ExperimentPlan plan,
        IReadOnlyList<StrategyPlugin> plugins,
        IReadOnlyDictionary<string, string> overrides,
        SweepShard shard,
        string outputPath,
        int threads,
        string equityChoice,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken,
        RunTimings? timings = null)
    {
        var spec = plan.Spec;
        if (arguments.PricesPath is not null || arguments.MarkPath is not null || arguments.FundingPath is not null)
        {
            throw new ArgumentException($"--prices, --mark and --funding replace a single instrument's files; {arguments.SpecPath} is a portfolio: change the files in its \"instruments\".");
        }

        if (shard.Count > 1)
        {
            throw new ArgumentException($"--shard is not available for portfolios yet ({arguments.SpecPath}): run the whole sweep, or split its leverage axis over several specs.");
        }

        var portfolio = spec.Portfolio!;
        RunCommand.CheckOutputFolder(outputPath);
        var instruments = PortfolioInstrumentData.LoadAll(portfolio);
        timings?.DataReady();
        foreach (var instrument in instruments)
        {
            var report = instrument.Loaded.Report;
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"levbt: {spec.Name}: {report.Symbol}, {report.BarCount:N0} bars of {RunCommand.FormatInterval(report.BarIntervalMs)} from {SpecTime.FormatUtc(report.FirstOpenTimeMs)} to {SpecTime.FormatUtc(report.LastOpenTimeMs)}, {report.FundingEventCount:N0} funding events{(report.HasMarkFile ? ", mark price" : ", no mark-price file (last price stands in)")}"));
            foreach (var warning in report.Warnings)
            {
                error.WriteLine($"levbt: warning: {report.Symbol}: {warning}");
            }

            if (instrument.Spec.Terms.TiersPath is { } tiers && !string.Equals(instrument.Brackets.Symbol, instrument.Symbol, StringComparison.OrdinalIgnoreCase))
            {
                error.WriteLine($"levbt: warning: the tier table {Path.GetFileName(tiers)} is {instrument.Brackets.Symbol}'s but the data is {instrument.Symbol}: its maintenance margin and maximum leverage follow {instrument.Brackets.Symbol}'s brackets.");
            }
        }

        var clock = PortfolioInstrumentData.UnionClock(instruments);
        for (int k = 0; k < instruments.Count; k++)
        {
            var spans = instruments[k].NoBarSpans(clock);
            if (spans.Count > 0)
            {
                var firstSpan = spans[0];
                error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"levbt: {instruments[k].Symbol} has no bar at {spans.Sum(s => s.BarCount):N0} of the {clock.Length:N0} bars of the portfolio's clock ({spans.Count} span(s), the first from {SpecTime.FormatUtc(firstSpan.FromMs)} to {SpecTime.FormatUtc(firstSpan.ToMs)}): it does not trade there, is marked at its last mark price and settles no funding (summary.json portfolio.instruments[{k}].noBarSpans)."));
            }
        }

        int count = plan.RunCount;
        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"levbt: running {count:N0} runs of {(portfolio.MarginMode == "isolated" ? "an" : "a")} {portfolio.MarginMode}-margin portfolio of {instruments.Count} instruments ({string.Join(", ", instruments.Select(i => i.Symbol))}) on {Math.Min(threads, Math.Max(count, 1))} threads"));
        var storage = EquityStorage.Parse(equityChoice, plan.RunCount, clock.Length);
        var options = new ExperimentRunOptions { MaxDegreeOfParallelism = threads, Shard = shard, CpuTimes = timings?.Sweep };
        var provenance = new ResultsProvenance { ToolVersion = RunCommand.ToolVersion, LoadedData = instruments[0].Loaded, PortfolioData = instruments, Overrides = overrides, Plugins = plugins };
        ExperimentOutcome outcome;
        string published;
        try
        {
            using var folder = AtomicOutputFolder.Create(outputPath);
            using (var writer = ResultsStreamWriter.Create(folder.WorkingPath, cancellationToken, portfolio: true))
            {
                outcome = RunCommand.RunWithProgress(plan, instruments[0].Loaded.Data, (o, onRun) => PortfolioExperimentRunner.Stream(plan, instruments, o, onRun, cancellationToken), options, storage, writer, output, error);
                timings?.SweepDone();
                writer.Complete(outcome, provenance);
            }

            timings?.ResultsWritten();
            if (!arguments.NoCharts && count > 0)
            {
                RunCommand.WriteCharts(folder.WorkingPath, error, cancellationToken);
                timings?.ChartsDone();
            }

            cancellationToken.ThrowIfCancellationRequested();
            folder.Commit();
            published = folder.FinalPath;
        }
        catch (OperationCanceledException)
        {
            throw new OperationCanceledException($"interrupted; no results were written ({outputPath} is unchanged).");
        }

        RunCommand.WarnAboutCappedRuns(outcome, error);
        RunSummaryTable.Write(outcome, output);
        output.WriteLine($"Results: {published}");
        timings?.Write(error);
        return CommandLineApplication.ExitSuccess;
    }
}
