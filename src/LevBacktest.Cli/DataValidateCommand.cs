using System.CommandLine;
using System.Globalization;

using LevBacktest.Core.Data;

namespace LevBacktest.Cli;

/// <summary>
/// <c>levbt data validate FILE... [--mark FILE] [--funding FILE] [--symbol S] [--…-column NAME] [--time-unit s|ms|us|ns]
/// [--max-errors N]</c>: checks each file with the load-time rules and prints what it holds, its gaps
/// and funding intervals, and every error (file, row, column). With <c>--mark</c> or <c>--funding</c>
/// the first FILE is loaded together with them and the joint report (mark fallback, funding matched
/// to bars) is printed too. Exits 2 when any error is found.
/// </summary>
internal static class DataValidateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Parquet or CSV files of prices, mark prices or funding; a folder (Hive partitions included) or a glob stands for its files.", Arity = ArgumentArity.OneOrMore };
        var mark = new Option<string?>("--mark") { Description = "Mark-price file to load together with the first FILE (prices)." };
        var funding = new Option<string?>("--funding") { Description = "Funding file to load together with the first FILE (prices)." };
        var marketData = new MarketDataOptions();
        var timeUnit = new Option<string?>("--time-unit") { Description = "Unit of integer epoch time columns: s, ms, us or ns (default: detect from magnitude)." };
        timeUnit.AcceptOnlyFromAmong([.. EpochTimeUnitNames.All]);
        var maxErrors = new Option<int>("--max-errors") { Description = "Errors to list per file (all are counted).", DefaultValueFactory = _ => 20 };
        var command = new Command("validate", "Check market-data files (times, prices, OHLC, volume, funding rates) and report gaps; exit 2 on errors.")
        {
            files, mark, funding, timeUnit, maxErrors,
        };
        marketData.AddTo(command);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            string? unitName = parse.GetValue(timeUnit);
            EpochTimeUnit? unit = unitName is null ? null : EpochTimeUnitNames.Parse(unitName);
            var choices = marketData.Read(parse);
            string? wanted = choices.Symbol;
            int limit = Math.Max(1, parse.GetValue(maxErrors));
            string[] paths = parse.GetValue(files)!;
            string? markPath = parse.GetValue(mark);
            string? fundingPath = parse.GetValue(funding);
            bool joint = markPath is not null || fundingPath is not null;
            bool anyError = false;
            for (int p = 0; p < paths.Length; p++)
            {
                // With --mark/--funding the first FILE is the prices; otherwise each file's kind is read from its columns.
                var columns = joint && p == 0 ? choices.Bars(withVolume: true) : choices.AnyFile();
                foreach (var result in MarketDataValidator.ValidateDataset(paths[p], wanted, unit, columns, maxErrors: limit))
                {
                    Print(output, result);
                    anyError |= !result.IsValid;
                }
            }

            if (joint)
            {
                // The extra files belong to the first FILE's symbol: use it to filter multi-symbol files.
                string? priceSymbol = wanted ?? MarketDataValidator.ValidateDataset(paths[0], null, unit, choices.Bars(withVolume: true), maxErrors: 1)[0].Symbol;
                foreach (var (extra, columns) in new[] { (markPath, choices.Bars(withVolume: false)), (fundingPath, choices.Funding()) })
                {
                    if (extra is null)
                    {
                        continue;
                    }

                    foreach (var result in MarketDataValidator.ValidateDataset(extra, priceSymbol, unit, columns, maxErrors: limit))
                    {
                        Print(output, result);
                        anyError |= !result.IsValid;
                    }
                }

                if (!anyError)
                {
                    var request = new MarketDataRequest
                    {
                        PricesPath = paths[0],
                        MarkPath = markPath,
                        FundingPath = fundingPath,
                        Symbol = wanted,
                        TimeUnit = unit,
                        PriceColumns = choices.Bars(withVolume: true),
                        MarkColumns = choices.Bars(withVolume: false),
                        FundingColumns = choices.Funding(),
                    };
                    try
                    {
                        PrintJoint(output, MarketDataLoader.Load(request));
                    }
                    catch (MarketDataException error)
                    {
                        output.WriteLine($"together: {paths[0]} + {string.Join(" + ", new[] { markPath, fundingPath }.OfType<string>())}");
                        output.WriteLine($"  error: {error.Message}");
                        output.WriteLine("  INVALID");
                        anyError = true;
                    }
                }
            }

            return anyError ? CommandLineApplication.ExitError : CommandLineApplication.ExitSuccess;
        });
        return command;
    }

    private static void Print(TextWriter output, FileValidationResult result)
    {
        output.WriteLine(result.Path);
        if (result.Kind is { } kind)
        {
            string what = kind switch
            {
                DataFileKind.Prices => "prices (last-price OHLCV bars)",
                DataFileKind.MarkPrices => "mark prices (OHLC bars)",
                _ => "funding settlements",
            };
            output.WriteLine($"  holds: {what}{(result.Symbol is null ? string.Empty : $", symbol {result.Symbol}")}");
            output.WriteLine($"  rows: {Count(result.RowCount)}{(result.FirstTimeMs is { } first ? $", {Time(first)} → {Time(result.LastTimeMs!.Value)}" : string.Empty)}");
        }

        if (result.BarIntervalMs is { } interval)
        {
            output.WriteLine($"  interval: {Duration(interval)}");
            PrintGaps(output, result.Gaps, interval);
        }

        if (result.Kind == DataFileKind.Funding && result.FundingIntervals.Count > 0)
        {
            PrintFundingIntervals(output, result.FundingIntervals);
        }

        foreach (string warning in result.Warnings)
        {
            output.WriteLine($"  warning: {warning}");
        }

        if (result.Sha256 is not null)
        {
            output.WriteLine($"  sha256: {result.Sha256}");
        }

        if (result.IsValid)
        {
            output.WriteLine("  OK");
            return;
        }

        output.WriteLine($"  errors: {Count(result.ErrorCount)}{(result.ErrorCount > result.Errors.Count ? $" (first {result.Errors.Count} listed)" : string.Empty)}");
        foreach (string error in result.Errors)
        {
            output.WriteLine($"    {error}");
        }

        output.WriteLine("  INVALID");
    }

    private static void PrintJoint(TextWriter output, LoadedMarketData loaded)
    {
        var report = loaded.Report;
        output.WriteLine($"together: {string.Join(" + ", loaded.Files.Select(f => f.Path))}");
        output.WriteLine($"  bars: {Count(report.BarCount)} of {Duration(report.BarIntervalMs)}, {Time(report.FirstOpenTimeMs)} → {Time(report.LastOpenTimeMs)}, symbol {report.Symbol}");
        if (report.HasMarkFile)
        {
            output.WriteLine(report.MarkFallbackBarCount == 0
                ? "  mark price: every bar has a mark bar"
                : $"  mark price: {Count(report.MarkFallbackBarCount)} bar(s) without a mark bar fall back to last price: "
                  + string.Join(", ", report.MarkFallbackSpans.Take(5).Select(s => $"{Time(s.FromMs)} → {Time(s.ToMs)} ({Count(s.BarCount)})"))
                  + (report.MarkFallbackSpans.Count > 5 ? ", …" : string.Empty));
            if (report.MarkBarsWithoutPriceBar > 0)
            {
                output.WriteLine($"  mark bars without a price bar (ignored): {Count(report.MarkBarsWithoutPriceBar)}");
            }
        }

        if (report.FundingEventCount > 0 || report.FundingEventsOutsideBars > 0)
        {
            output.WriteLine($"  funding: {Count(report.FundingEventCount)} settlement(s) matched to bars, {Count(report.FundingEventsOutsideBars)} outside the bars, {Count(report.FundingEventsWithJitter)} with millisecond jitter");
            PrintFundingIntervals(output, report.FundingIntervals);
        }

        foreach (string warning in report.Warnings)
        {
            output.WriteLine($"  warning: {warning}");
        }

        output.WriteLine("  OK");
    }

    private static void PrintGaps(TextWriter output, IReadOnlyList<DataGap> gaps, long interval)
    {
        if (gaps.Count == 0)
        {
            output.WriteLine("  gaps: none");
            return;
        }

        var largest = gaps.MaxBy(g => g.MissingBarCount);
        output.WriteLine($"  gaps: {Count(gaps.Count)} ({Count(gaps.Sum(g => g.MissingBarCount))} bars missing); largest {Count(largest.MissingBarCount)} bar(s) after {Time(largest.AfterOpenTimeMs)}");
        foreach (var gap in gaps.Take(10))
        {
            output.WriteLine($"    {Time(gap.AfterOpenTimeMs + interval)} → {Time(gap.NextOpenTimeMs)}: {Count(gap.MissingBarCount)} bar(s) missing");
        }

        if (gaps.Count > 10)
        {
            output.WriteLine($"    … {Count(gaps.Count - 10)} more");
        }
    }

    private static void PrintFundingIntervals(TextWriter output, IReadOnlyList<FundingIntervalSpan> spans)
    {
        var distinct = spans.GroupBy(s => s.IntervalMs).OrderByDescending(g => g.Sum(s => s.IntervalCount)).Select(g => $"{Duration(g.Key)} × {Count(g.Sum(s => s.IntervalCount))}");
        output.WriteLine($"  funding intervals: {string.Join(", ", distinct)}");
        if (spans.Count > 1)
        {
            foreach (var span in spans.Take(10))
            {
                output.WriteLine($"    {Duration(span.IntervalMs)} from {Time(span.FromMs)} to {Time(span.ToMs)} ({Count(span.IntervalCount)})");
            }

            if (spans.Count > 10)
            {
                output.WriteLine($"    … {Count(spans.Count - 10)} more changes");
            }
        }
    }

    internal static string Time(long epochMilliseconds)
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(epochMilliseconds);
        return time.ToString(time.Millisecond == 0 ? "yyyy-MM-dd HH:mm'Z'" : "yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    internal static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    internal static string Duration(long milliseconds) => milliseconds switch
    {
        _ when milliseconds % 86_400_000 == 0 => $"{milliseconds / 86_400_000}d",
        _ when milliseconds % 3_600_000 == 0 => $"{milliseconds / 3_600_000}h",
        _ when milliseconds % 60_000 == 0 => $"{milliseconds / 60_000}m",
        _ when milliseconds % 1_000 == 0 => $"{milliseconds / 1_000}s",
        _ => $"{milliseconds}ms",
    };
}
