using System.CommandLine;
using System.Globalization;

using LevBacktest.Core.Data;
using LevBacktest.Core.Data.Synthetic;
using LevBacktest.Core.Experiments;

namespace LevBacktest.Cli;

/// <summary>
/// <c>levbt data synth --out DIR [--seed N] [--years Y] [--interval 1h] [--start 2023-01-01] [--symbol S]</c>:
/// writes a deterministic synthetic BTC-like market (prices.parquet, mark.parquet, funding.parquet);
/// the same options give the same values. See <see cref="SyntheticMarketGenerator"/> for the model.
/// </summary>
internal static class DataSynthCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var defaults = new SyntheticMarketOptions();
        var output = new Option<string>("--out") { Description = "Folder to write prices.parquet, mark.parquet, funding.parquet into (created when missing).", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "Random seed; the same seed gives the same market.", DefaultValueFactory = _ => defaults.Seed };
        var years = new Option<double>("--years") { Description = "Length in years of 365 days.", DefaultValueFactory = _ => defaults.Years };
        var interval = new Option<string>("--interval") { Description = "Bar interval: 1m, 5m, 15m, 30m, 1h, 2h, 4h, 1d, ….", DefaultValueFactory = _ => "1h" };
        var start = new Option<string>("--start") { Description = "UTC date of the first bar (yyyy-MM-dd).", DefaultValueFactory = _ => "2023-01-01" };
        var symbol = new Option<string>("--symbol") { Description = "Symbol written into the files.", DefaultValueFactory = _ => defaults.Symbol };
        var command = new Command("synth", "Generate a deterministic synthetic BTC-like market (prices, mark prices, funding) as Parquet.")
        {
            output, seed, years, interval, start, symbol,
        };
        command.SetAction(parse =>
        {
            string intervalText = parse.GetValue(interval)!;
            if (!SpecTime.TryParseDurationMilliseconds(intervalText, out long intervalMs))
            {
                throw new ArgumentException($"--interval '{intervalText}' is not a duration; write e.g. 1h, 4h or 1d.");
            }

            string startText = parse.GetValue(start)!;
            if (!DateTime.TryParseExact(startText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var startDate))
            {
                throw new ArgumentException($"--start '{startText}' is not a date like 2023-01-01.");
            }

            var options = defaults with
            {
                Seed = parse.GetValue(seed),
                Years = parse.GetValue(years),
                IntervalMs = intervalMs,
                StartMs = new DateTimeOffset(startDate, TimeSpan.Zero).ToUnixTimeMilliseconds(),
                Symbol = parse.GetValue(symbol)!,
            };
            var data = SyntheticMarketGenerator.Generate(options);
            var written = MarketDataFileWriter.WriteDirectory(data, parse.GetValue(output)!);
            var writer = parse.InvocationConfiguration.Output;
            writer.WriteLine($"{data.Symbol}: {DataValidateCommand.Count(data.Count)} bars of {DataValidateCommand.Duration(data.BarIntervalMs)}, {DataValidateCommand.Time(data.OpenTimeMs.Span[0])} → {DataValidateCommand.Time(data.OpenTimeMs.Span[^1])}, {DataValidateCommand.Count(data.Funding.Count)} funding settlements (seed {options.Seed})");
            foreach (string path in written)
            {
                writer.WriteLine($"{path}: {DataValidateCommand.Count(new FileInfo(path).Length)} bytes");
            }

            return CommandLineApplication.ExitSuccess;
        });
        return command;
    }
}
