using LevBacktest.Parquet.Format;
using LevBacktest.Parquet.Writer;

namespace LevBacktest.Core.Experiments.Results;

/// <summary>
/// Writes the data files of a results folder: <c>summary.json</c>, <c>runs.parquet</c>, <c>trades.parquet</c>,
/// <c>liquidations.parquet</c>, <c>funding.parquet</c>, <c>stops.parquet</c> and <c>equity.parquet</c>
/// (columns: <see cref="ResultTables"/>). Write into an <see cref="AtomicOutputFolder"/>'s working path so
/// that a failure or a cancellation leaves nothing behind. The charts and reports that <c>levbt run</c> adds
/// come from LevBacktest.Reporting, which lists a whole folder (<c>ResultsFolderFiles</c>).
/// </summary>
public static class ExperimentResultsWriter
{
    /// <summary>
    /// The data files that <see cref="Write"/> and <see cref="Publish"/> put into every results folder, and that
    /// <see cref="ResultsMerger"/> merges: <c>summary.json</c> and the six Parquet tables. A folder written by
    /// <c>levbt run</c> or <c>levbt merge</c> without <c>--no-charts</c> also holds the charts and reports
    /// (LevBacktest.Reporting's <c>ResultsFolderFiles.FileNames</c> lists them all).
    /// </summary>
    public static IReadOnlyList<string> DataFileNames { get; } =
        ["summary.json", "runs.parquet", "trades.parquet", "liquidations.parquet", "funding.parquet", "stops.parquet", "equity.parquet"];

    /// <summary><c>exposure.parquet</c>: each instrument's notional per bar (<see cref="ResultTables.ExposureColumns"/>), in a portfolio's folder only, besides <see cref="DataFileNames"/>.</summary>
    public const string PortfolioExposureFileName = "exposure.parquet";

    /// <summary>
    /// Rows per row group of every results table: 131,072. A reader that wants a few runs (the report's charts)
    /// skips the row groups whose runIndex statistics miss them, and the writer holds one row group of encoded pages,
    /// so smaller groups than the library's 1,048,576 bound both; at 2 chunks of <see cref="ResultTableAppender.ChunkRows"/>
    /// a group, the footer stays small (a 10,000-run, 2,000,000-row equity table has 16 groups).
    /// </summary>
    public const int RowGroupSize = 1 << 17;

    /// <summary>
    /// Options of the results tables but <c>equity.parquet</c>: the library's defaults (ZSTD, dictionary where it
    /// pays, statistics) with row groups of <see cref="RowGroupSize"/> rows and ZSTD level 1 rather than 3: on the
    /// README's 200-run real-data example level 1 wrote the folder with 0.1 CPU-s less (1.55–1.59 against 1.68–1.69
    /// CPU-s for the whole process, load 8–9) for 1.2 % more bytes (58.0 against 57.4 MB).
    /// </summary>
    public static ParquetWriterOptions TableOptions { get; } = ParquetWriterOptions.Default with { RowGroupSize = RowGroupSize, ZstdLevel = 1 };

    /// <summary>
    /// The only column of the event tables and <c>equity.parquet</c> with statistics: <c>runIndex</c>, whose row-group
    /// bounds let a reader that wants a few runs skip the rest (LevBacktest.Reporting's <c>RunRowReader</c>; DuckDB and
    /// polars do the same with a filter on it). Rows are sorted by run, then time, so every row group of a large sweep
    /// spans the whole period and nearly the whole range of every other column: their bounds could rule out almost
    /// nothing, but cost the writer a comparison per value, per page and per chunk — on S1 (bench/workloads/s1.json)
    /// 13 % of funding.parquet's encoding (161 → 140 ms for 3.08 million rows) and 6 % of the real-data example's.
    /// </summary>
    public static IReadOnlyList<string> ColumnsWithStatistics { get; } = ["runIndex"];

    /// <summary>
    /// Values the library takes per step in the event tables, <c>equity.parquet</c> and <c>exposure.parquet</c>
    /// (<see cref="ParquetWriterOptions.WriteBatchSize"/>): a whole appended chunk of <see cref="ResultTableAppender.ChunkRows"/>
    /// rows rather than 1,024 values, with size statistics off (<see cref="ParquetWriterOptions.WriteSizeStatistics"/>,
    /// which the larger step requires, as does statistics on runIndex only). Their pages fill by the library's 20,000-row
    /// cap long before its size limit, so the data pages are the same (S1, W1, the real-data and portfolio examples
    /// compared); S1's funding.parquet (3.08 million rows) took 119 against 132 ms to encode (in process, min of 11), the
    /// other tables and the real-data example's 0–5 ms less. Not for runs.parquet, whose OPTIONAL metrics have statistics.
    /// </summary>
    public const int WriteBatchSize = ResultTableAppender.ChunkRows;

    /// <summary>
    /// Options of <c>equity.parquet</c>, by far the largest file (runs × bars rows): no dictionary (its doubles
    /// hardly repeat, so trying one only costs time), time DELTA_BINARY_PACKED (a fixed-step clock: a few bits a
    /// row), the five doubles BYTE_STREAM_SPLIT, then ZSTD level 1 (as <see cref="TableOptions"/>); row groups of
    /// <see cref="RowGroupSize"/> rows; statistics on runIndex only (<see cref="ColumnsWithStatistics"/>). On W1's
    /// 525,600 rows (bench/workloads/w1.json) PLAIN doubles took ZSTD 104 ms for 14.05 MB, split ones 43 ms for
    /// 12.73 MB (the compressor skips the random low mantissa bytes fast instead of chasing short matches across
    /// them); level 1 was both faster to write and smaller than SNAPPY (the 200-run, 58,623-bar sweep of
    /// SweepBenchmarks). runIndex is PLAIN: its long runs of one value cost ZSTD next to nothing, where Arrow's
    /// DELTA_BINARY_PACKED encoder took 9.8 against 4.4 ms on S1's 1.38 million downsampled rows for the same bytes
    /// (W1: no difference). time stays DELTA: PLAIN would cost full curves 1.2–1.4 MB and 5–16 ms more (W1, the
    /// real-data example), though it saves S1's scattered downsampled rows 16 ms — one choice for every
    /// equity.parquet keeps <c>levbt merge</c> byte-identical to an unsharded run whatever the storage.
    /// </summary>
    public static ParquetWriterOptions EquityOptions { get; } = TableOptions with
    {
        UseDictionary = false,
        Codec = ParquetCompressionCodec.Zstd,
        ZstdLevel = 1,
        ColumnsWithStatistics = ColumnsWithStatistics,
        WriteBatchSize = WriteBatchSize,
        WriteSizeStatistics = false,
        ColumnEncodings = new Dictionary<string, ParquetEncoding>(StringComparer.Ordinal)
        {
            ["time"] = ParquetEncoding.DeltaBinaryPacked,
            ["equity"] = ParquetEncoding.ByteStreamSplit,
            ["positionNotional"] = ParquetEncoding.ByteStreamSplit,
            ["effectiveLeverage"] = ParquetEncoding.ByteStreamSplit,
            ["marginRatio"] = ParquetEncoding.ByteStreamSplit,
            ["liquidationPrice"] = ParquetEncoding.ByteStreamSplit,
        },
    };

    /// <summary>
    /// Options of a portfolio's <c>exposure.parquet</c> (<see cref="ResultTables.ExposureColumns"/>), one row per run,
    /// instrument and bar like <c>equity.parquet</c> and encoded like it: no dictionary but on <c>instrument</c> (a few
    /// symbols), time DELTA_BINARY_PACKED, notional and liquidationPrice BYTE_STREAM_SPLIT, statistics on runIndex only
    /// (<see cref="ColumnsWithStatistics"/>). The bundled cross-margin portfolio example
    /// (strategies/examples/portfolio-cross.json, 245,280 rows) took 38 ms and 2.10 MB with <see cref="TableOptions"/>
    /// (a dictionary on every column, statistics everywhere), 13 ms and 1.15 MB so (in process, min of 11).
    /// </summary>
    public static ParquetWriterOptions ExposureOptions { get; } = TableOptions with
    {
        ColumnsWithoutDictionary = ["runIndex", "time", "notional", "side", "liquidationPrice", "hasBar"],
        ColumnsWithStatistics = ColumnsWithStatistics,
        WriteBatchSize = WriteBatchSize,
        WriteSizeStatistics = false,
        ColumnEncodings = new Dictionary<string, ParquetEncoding>(StringComparer.Ordinal)
        {
            ["time"] = ParquetEncoding.DeltaBinaryPacked,
            ["notional"] = ParquetEncoding.ByteStreamSplit,
            ["liquidationPrice"] = ParquetEncoding.ByteStreamSplit,
        },
    };

    /// <summary>
    /// The writer options of one Parquet file of a results folder: <see cref="EquityOptions"/> for
    /// <c>equity.parquet</c>, <see cref="ExposureOptions"/> for a portfolio's <c>exposure.parquet</c>; for the event tables <see cref="TableOptions"/> with their own choice of columns without a
    /// dictionary and of encodings (<see cref="ResultTables"/>: trades' quantities, fees and P&amp;L, funding payments'
    /// time, bar, quantity and payment, liquidations' prices and amounts have values that hardly repeat; runIndex,
    /// side and reasons come in long runs that ZSTD packs without one) and statistics on runIndex only
    /// (<see cref="ColumnsWithStatistics"/>); <see cref="TableOptions"/> for <c>runs.parquet</c>. <see cref="ResultsMerger"/>
    /// writes merged tables with the same options, which is what makes them identical to an unsharded run's.
    /// </summary>
    /// <param name="fileName">A Parquet file of <see cref="DataFileNames"/> (e.g. <c>trades.parquet</c>) or <see cref="PortfolioExposureFileName"/>.</param>
    public static ParquetWriterOptions WriterOptionsOf(string fileName) => fileName switch
    {
        "equity.parquet" => EquityOptions,
        "trades.parquet" => TradesOptions,
        "liquidations.parquet" => LiquidationsOptions,
        "funding.parquet" => FundingOptions,
        "stops.parquet" => StopsOptions,
        PortfolioExposureFileName => ExposureOptions,
        _ => TableOptions,
    };

    private static readonly ParquetWriterOptions TradesOptions = EventTableOptions(ResultTables.Trades);

    private static readonly ParquetWriterOptions LiquidationsOptions = EventTableOptions(ResultTables.Liquidations);

    private static readonly ParquetWriterOptions FundingOptions = EventTableOptions(ResultTables.Funding);

    private static readonly ParquetWriterOptions StopsOptions = EventTableOptions(ResultTables.Stops);

    private static ParquetWriterOptions EventTableOptions<TEvent>(EventTable<TEvent> table) => TableOptions with
    {
        ColumnsWithoutDictionary = table.ColumnsWithoutDictionary,
        ColumnEncodings = table.ColumnEncodings,
        ColumnsWithStatistics = ColumnsWithStatistics,
        WriteBatchSize = WriteBatchSize,
        WriteSizeStatistics = false,
    };

    /// <summary>
    /// Writes all files into <paramref name="directory"/>: the runs of <paramref name="outcome"/> go through a
    /// <see cref="ResultsStreamWriter"/> in order, so the files are byte for byte those <c>levbt run</c> streams while the
    /// sweep runs. The runs' equity curves are written as they are (already cut by <see cref="EquityStorage.Keep"/>
    /// when <see cref="ExperimentOutcome.EquityStorage"/> keeps less than every bar).
    /// </summary>
    /// <param name="directory">An existing, empty folder.</param>
    /// <param name="outcome">The runs.</param>
    /// <param name="provenance">Tool version, data fingerprints, overrides.</param>
    /// <param name="cancellationToken">Checked before each run; a cancelled write leaves no table behind (summary.json is written last).</param>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static void Write(string directory, ExperimentOutcome outcome, ResultsProvenance provenance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(provenance);
        using var writer = ResultsStreamWriter.Create(directory, cancellationToken, portfolio: outcome.Plan.Spec.Portfolio is not null);
        foreach (var run in outcome.Runs)
        {
            writer.Append(run);
        }

        writer.Complete(outcome, provenance);
    }

    /// <summary>
    /// Writes a complete results folder at <paramref name="outputPath"/> atomically: every file goes into a
    /// temporary sibling folder, <paramref name="beforeCommit"/> adds its files there (charts, report), and
    /// only then is the folder renamed into place, replacing an existing one whole. On an error or a
    /// cancellation nothing is published, any existing folder is left as it was, and the temporary folder is deleted.
    /// </summary>
    /// <param name="outputPath">The results folder to create or replace.</param>
    /// <param name="outcome">The runs.</param>
    /// <param name="provenance">Tool version, data fingerprints, overrides.</param>
    /// <param name="beforeCommit">Called with the temporary folder after the data files are written; null for none.</param>
    /// <param name="cancellationToken">Checked before each file and before the rename.</param>
    /// <returns>The absolute path of the published folder.</returns>
    /// <exception cref="OperationCanceledException">Cancelled; nothing was published.</exception>
    public static string Publish(
        string outputPath,
        ExperimentOutcome outcome,
        ResultsProvenance provenance,
        Action<string, CancellationToken>? beforeCommit,
        CancellationToken cancellationToken)
    {
        using var folder = AtomicOutputFolder.Create(outputPath);
        Write(folder.WorkingPath, outcome, provenance, cancellationToken);
        beforeCommit?.Invoke(folder.WorkingPath, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        folder.Commit();
        return folder.FinalPath;
    }
}
