using System.CommandLine;
using System.Globalization;
using System.Text;

using LevBacktest.Parquet;
using LevBacktest.Parquet.Format;
using LevBacktest.Parquet.Text;

namespace LevBacktest.Cli;

/// <summary>
/// <c>levbt data inspect FILE</c>: prints a Parquet file's schema (name, physical and logical type,
/// repetition), rows, row groups and, per column chunk, codec, encodings, compressed and uncompressed sizes and
/// statistics, plus created_by and key-value metadata. Reads only the footer.
/// </summary>
internal static class DataInspectCommand
{
    private const int MaxMetadataValueLength = 200;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The Parquet file to describe." };
        var marketData = new MarketDataOptions();
        var command = new Command("inspect", "Print a Parquet file's schema, row groups, codecs, encodings, sizes and statistics.") { file };
        marketData.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            Core.Data.InputFile.Require(path.ToString(), "Parquet file");
            using var reader = ParquetFileReader.Open(path.ToString());
            var output = parse.InvocationConfiguration.Output;
            output.Write(Describe(reader));
            reader.EnsureRowCountsAgree(); // described first: the footer is what shows the disagreement
            var choices = marketData.Read(parse);
            if (choices.Symbol is not null || choices.AnyColumn)
            {
                output.Write(DescribeMarketData(Core.Data.MarketDataFileColumns.Resolve(path.ToString(), choices.AnyFile(), choices.Symbol), choices.Symbol));
            }

            return CommandLineApplication.ExitSuccess;
        });
        return command;
    }

    /// <summary>The full description as text (lines end with '\n').</summary>
    internal static string Describe(ParquetFileReader reader)
    {
        var metadata = reader.Metadata;
        var text = new StringBuilder();
        Line(text, $"file: {reader.FileName}");
        Line(text, $"created_by: {metadata.CreatedBy ?? "(not set)"}");
        Line(text, $"format version: {metadata.Version}");
        Line(text, $"rows: {metadata.RowCount}");
        Line(text, $"row groups: {metadata.RowGroups.Count}");
        Line(text, $"size: {metadata.FileLength} bytes (footer {metadata.FooterLength} bytes)");
        Line(text, $"columns: {reader.Schema.Columns.Count}");
        foreach (var column in reader.Schema.Columns)
        {
            string converted = column.ConvertedType is ParquetConvertedType c ? $"  converted_type {ParquetNames.Of(c)}" : "";
            string unknown = column.HasUnrecognisedLogicalType ? "  (unrecognised logical type, read as physical)" : "";
            Line(text, $"  {column.Index,3}  {column.Name}  {column.PhysicalTypeName}  logical {(column.LogicalType.Kind == ParquetLogicalTypeKind.None ? "-" : column.LogicalType.ToString())}  {ParquetNames.Of(column.Repetition)}{converted}{unknown}");
        }

        if (reader.Schema.NestedColumnPaths.Count > 0)
        {
            Line(text, $"nested columns (not readable by this flat reader): {string.Join(", ", reader.Schema.NestedColumnPaths)}");
        }

        if (metadata.KeyValueMetadata.Count > 0)
        {
            Line(text, "key-value metadata:");
            foreach (var pair in metadata.KeyValueMetadata)
            {
                Line(text, $"  {pair.Key} = {Shorten(pair.Value)}");
            }
        }

        var byIndex = new Dictionary<int, ParquetColumnDescriptor>();
        foreach (var column in reader.Schema.Columns)
        {
            byIndex[column.Index] = column;
        }

        foreach (var group in metadata.RowGroups)
        {
            Line(text, $"row group {group.Index}: {group.RowCount} rows, {group.TotalByteSize} bytes uncompressed");
            for (int i = 0; i < group.Columns.Count; i++)
            {
                var chunk = group.Columns[i];
                if (chunk.IsEncrypted)
                {
                    Line(text, $"  {i,3}  (encrypted column chunk)");
                    continue;
                }

                string encodings = string.Join(",", chunk.Encodings.Select(e => ParquetNames.Of(e)));
                Line(text, $"  {i,3}  {chunk.Path}  codec {ParquetNames.Of(chunk.Codec)}  encodings {encodings}  compressed {chunk.TotalCompressedSize} B  uncompressed {chunk.TotalUncompressedSize} B  values {chunk.ValueCount}");
                if (chunk.Statistics is ParquetStatistics statistics)
                {
                    byIndex.TryGetValue(i, out var column);
                    Line(text, $"       statistics: {DescribeStatistics(statistics, column)}");
                }

                foreach (var pair in chunk.KeyValueMetadata)
                {
                    Line(text, $"       metadata: {pair.Key} = {Shorten(pair.Value)}");
                }
            }
        }

        return text.ToString();
    }

    /// <summary>How levbt reads the file as market data (with --symbol or a --…-column option): its kind and the column of each role.</summary>
    internal static string DescribeMarketData(Core.Data.MarketDataFileColumns columns, string? symbol)
    {
        var text = new StringBuilder();
        string kind = columns.Kind switch
        {
            Core.Data.DataFileKind.Prices => "prices (last-price OHLCV bars)",
            Core.Data.DataFileKind.MarkPrices => "mark prices (OHLC bars)",
            _ => "funding settlements",
        };
        Line(text, $"market data: {kind}");
        foreach (var (role, column) in columns.Roles)
        {
            Line(text, $"  {role}: {column}");
        }

        if (columns.SymbolColumn is { } symbolColumn)
        {
            string rows = symbol is null ? string.Empty
                : $", {(columns.Rows?.Count ?? columns.FileRowCount).ToString("N0", CultureInfo.InvariantCulture)} of {columns.FileRowCount.ToString("N0", CultureInfo.InvariantCulture)} rows are {symbol}";
            Line(text, $"  symbol: {symbolColumn}{rows}");
        }

        return text.ToString();
    }

    private static string DescribeStatistics(ParquetStatistics statistics, ParquetColumnDescriptor? column)
    {
        var parts = new List<string>();
        if (statistics.Min is byte[] min)
        {
            parts.Add($"min {FormatBound(min, column)}{(statistics.IsMinValueExact == false ? " (truncated)" : "")}");
        }

        if (statistics.Max is byte[] max)
        {
            parts.Add($"max {FormatBound(max, column)}{(statistics.IsMaxValueExact == false ? " (truncated)" : "")}");
        }

        if (statistics.NullCount is long nulls)
        {
            parts.Add($"nulls {nulls}");
        }

        if (statistics.DistinctCount is long distinct)
        {
            parts.Add($"distinct {distinct}");
        }

        return parts.Count == 0 ? "(empty)" : string.Join("  ", parts);
    }

    private static string FormatBound(byte[] value, ParquetColumnDescriptor? column)
    {
        string? text = column is null ? null : ParquetValueText.FormatPlainValue(column, value);
        return Shorten(text ?? "0x" + Convert.ToHexString(value));
    }

    private static string Shorten(string? value)
    {
        if (value is null)
        {
            return "(null)";
        }

        string oneLine = value.ReplaceLineEndings(" ");
        return oneLine.Length <= MaxMetadataValueLength ? oneLine : string.Concat(oneLine.AsSpan(0, MaxMetadataValueLength), $"… ({value.Length} chars)");
    }




    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
