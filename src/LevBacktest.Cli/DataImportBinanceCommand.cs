using System.CommandLine;

using LevBacktest.Core.Data;

namespace LevBacktest.Cli;

/// <summary>
/// <c>levbt data import-binance --klines FILES --mark FILES --funding FILES --out DIR [--symbol S]</c>:
/// joins Binance public-data CSVs (plain or zipped, with or without header) or freqtrade-style tables
/// into <c>prices.parquet</c>, <c>mark.parquet</c> and <c>funding.parquet</c> in DIR, each written
/// atomically (temporary file, then rename).
/// </summary>
internal static class DataImportBinanceCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var klines = FilesOption("--klines", "Kline CSV/zip files (last price), e.g. BTCUSDT-1h-2024-01.zip.");
        var mark = FilesOption("--mark", "Mark-price kline CSV/zip files.");
        var funding = FilesOption("--funding", "Funding-rate CSV/zip files.");
        var output = new Option<string>("--out") { Description = "Folder to write prices.parquet, mark.parquet, funding.parquet into (created when missing).", Required = true };
        var symbol = new Option<string?>("--symbol") { Description = "Symbol of the data (default: from the file names)." };
        var command = new Command("import-binance", "Convert Binance public-data CSVs (klines, mark-price klines, funding rates) to the project's Parquet layout.")
        {
            klines, mark, funding, output, symbol,
        };
        command.SetAction(parse =>
        {
            var writer = parse.InvocationConfiguration.Output;
            string[] klineFiles = parse.GetValue(klines) ?? [];
            string[] markFiles = parse.GetValue(mark) ?? [];
            string[] fundingFiles = parse.GetValue(funding) ?? [];
            if (klineFiles.Length + markFiles.Length + fundingFiles.Length == 0)
            {
                throw new ArgumentException("nothing to import: give --klines, --mark and/or --funding files.");
            }

            string directory = parse.GetValue(output)!;
            string? wanted = parse.GetValue(symbol);

            // Read and check everything before writing anything.
            BarSeries? prices = klineFiles.Length > 0 ? BinanceCsvImporter.ReadBars(klineFiles, wanted, markPrices: false, out int priceDuplicates) : null;
            BarSeries? markSeries = markFiles.Length > 0 ? BinanceCsvImporter.ReadBars(markFiles, wanted, markPrices: true, out int markDuplicates) : null;
            (string Symbol, FundingEvents Events)? fundingSeries = fundingFiles.Length > 0 ? BinanceCsvImporter.ReadFunding(fundingFiles, wanted, out int fundingDuplicates) : null;
            var symbols = new[] { prices?.Symbol, markSeries?.Symbol, fundingSeries?.Symbol }.OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            if (symbols.Length > 1)
            {
                throw new ArgumentException($"the files are for different symbols ({string.Join(", ", symbols)}); import one symbol at a time or give --symbol.");
            }

            Directory.CreateDirectory(directory);
            if (prices is not null)
            {
                string path = Path.Combine(directory, MarketDataFileWriter.PricesFileName);
                MarketDataFileWriter.WriteBars(path, prices);
                writer.WriteLine($"{path}: {Describe(prices.Count, prices.OpenTimeMs.Span)}");
            }

            if (markSeries is not null)
            {
                string path = Path.Combine(directory, MarketDataFileWriter.MarkFileName);
                MarketDataFileWriter.WriteBars(path, markSeries);
                writer.WriteLine($"{path}: {Describe(markSeries.Count, markSeries.OpenTimeMs.Span)}");
            }

            if (fundingSeries is { } fundingValue)
            {
                string path = Path.Combine(directory, MarketDataFileWriter.FundingFileName);
                MarketDataFileWriter.WriteFunding(path, fundingValue.Symbol, fundingValue.Events);
                writer.WriteLine($"{path}: {Describe(fundingValue.Events.Count, fundingValue.Events.TimeMs.Span)}");
            }

            return CommandLineApplication.ExitSuccess;
        });
        return command;
    }

    private static Option<string[]> FilesOption(string name, string description) => new(name)
    {
        Description = description,
        AllowMultipleArgumentsPerToken = true,
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static string Describe(int count, ReadOnlySpan<long> times) => count == 0
        ? "0 rows"
        : $"{DataValidateCommand.Count(count)} rows, {DataValidateCommand.Time(times[0])} → {DataValidateCommand.Time(times[^1])}";
}
