using System.CommandLine;
using System.Text;

using LevBacktest.Parquet;
using LevBacktest.Parquet.Text;

namespace LevBacktest.Cli;

/// <summary>
/// <c>levbt data cat FILE [--format jsonl|csv] [--columns a,b] [--limit N] [--no-verify-checksums] [--symbol S]
/// [--…-column NAME]</c>: prints the rows of a flat Parquet file. JSONL is the conformance corpus's canonical form, byte
/// for byte. <c>--symbol</c> keeps the rows of one symbol; a <c>--…-column</c> option prints the columns levbt reads as
/// market data (symbol column first, then the roles in order), found as <c>levbt run</c> finds them.
/// </summary>
internal static class DataCatCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The Parquet file to print." };
        var format = new Option<string>("--format")
        {
            Description = "Output format: jsonl (one canonical JSON object per row) or csv (header row, RFC 4180).",
            DefaultValueFactory = _ => "jsonl",
        };
        format.AcceptOnlyFromAmong("jsonl", "csv");
        var columns = new Option<string?>("--columns") { Description = "Comma-separated column names to print, in this order (default: all)." };
        var limit = new Option<long?>("--limit") { Description = "Print at most N rows." };
        var noVerify = new Option<bool>("--no-verify-checksums") { Description = "Do not verify page CRC-32 checksums." };
        var marketData = new MarketDataOptions();
        var command = new Command("cat", "Print the rows of a Parquet file as JSON Lines or CSV.") { file, format, columns, limit, noVerify };
        marketData.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            long? rowLimit = parse.GetValue(limit);
            if (rowLimit is < 0)
            {
                throw new ArgumentException($"--limit must be 0 or more, not {rowLimit}");
            }

            string? columnList = parse.GetValue(columns);
            IReadOnlyList<string>? selected = columnList is null
                ? null
                : columnList.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var textFormat = parse.GetValue(format) == "csv" ? ParquetTextFormat.Csv : ParquetTextFormat.JsonLines;
            var options = new ParquetReaderOptions { VerifyPageChecksums = !parse.GetValue(noVerify) };
            Core.Data.InputFile.Require(path.ToString(), "Parquet file");
            using var reader = ParquetFileReader.Open(path.ToString(), options);
            IReadOnlyList<int>? rows = null;
            var choices = marketData.Read(parse);
            if (choices.AnyRoleColumn)
            {
                reader.EnsureRowCountsAgree();
                var resolved = Core.Data.MarketDataFileColumns.Resolve(path.ToString(), choices.AnyFile(), choices.Symbol);
                rows = resolved.Rows;
                selected ??= [.. new[] { resolved.SymbolColumn }.OfType<string>(), .. resolved.Roles.Select(role => role.Value)];
            }
            else if (choices.Symbol is { } symbol)
            {
                reader.EnsureRowCountsAgree();
                rows = Core.Data.MarketDataFileColumns.RowsOfSymbol(path.ToString(), choices.SymbolColumn, symbol);
            }

            var output = parse.InvocationConfiguration.Output;

            // Console.Out flushes on every write; print through one buffered UTF-8 (no BOM) writer instead.
            if (ReferenceEquals(output, Console.Out))
            {
                using var buffered = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
                ParquetTextExporter.Write(reader, buffered, textFormat, selected, rowLimit, rows);
            }
            else
            {
                ParquetTextExporter.Write(reader, output, textFormat, selected, rowLimit, rows);
            }

            return CommandLineApplication.ExitSuccess;
        });
        return command;
    }
}
