using System.Runtime.InteropServices;

using LevBacktest.Core.Simulation;
using LevBacktest.Parquet;
using LevBacktest.Parquet.Format;
using LevBacktest.Parquet.Writer;

namespace LevBacktest.Core.Experiments.Results;

/// <summary>
/// A results table with one row per event of every run (a trade, a liquidation, a funding payment, a stop fill):
/// its schema, declared column by column (<see cref="Columns"/>, fixed before any run is seen), and one
/// <see cref="RowsFill"/> that writes a stretch of a run's events into those columns, found by name. The first
/// column is always <c>runIndex</c> (INT32, the run's index in the sweep); within a run the rows are its events in
/// the order the run recorded them.
/// </summary>
/// <remarks>
/// One typed loop per table, not a delegate per column and value: S1 writes 3.6 M event rows (3.08 M funding
/// payments of 7 values), and a delegate call per value cost ~33 ns per funding row, a third of the table's whole
/// hand-over including Arrow's encoding (HandOverBenchmarks in bench/).
/// </remarks>
/// <typeparam name="TEvent">The event record, one per row.</typeparam>
internal sealed class EventTable<TEvent>
{
    private readonly Func<RunResult, IReadOnlyList<TEvent>> _eventsOf;
    private readonly RowsFill _fill;
    private readonly List<ParquetColumnDefinition> _columns = [ParquetColumnDefinition.Int32("runIndex")];
    private readonly List<string> _columnsWithoutDictionary = ["runIndex"];
    private readonly Dictionary<string, ParquetEncoding> _columnEncodings = new(StringComparer.Ordinal);
    private Func<PortfolioRunDetail, int[]>? _ownerOf;
    private string[] _names = ["runIndex"];

    /// <summary>Starts the table of the events <paramref name="eventsOf"/> picks from each run, whose rows <paramref name="fill"/> writes.</summary>
    /// <param name="eventsOf">The run's events of this table, in the order the run recorded them.</param>
    /// <param name="fill">Writes events into the columns declared next (by name; every declared column must be written).</param>
    public EventTable(Func<RunResult, IReadOnlyList<TEvent>> eventsOf, RowsFill fill)
    {
        _eventsOf = eventsOf;
        _fill = fill;
    }

    /// <summary>The schema, <c>runIndex</c> first.</summary>
    public IReadOnlyList<ParquetColumnDefinition> Columns => _columns;

    /// <summary>
    /// Columns written without a dictionary (<see cref="ParquetWriterOptions.ColumnsWithoutDictionary"/>): those whose
    /// values hardly repeat between rows (an event's own money amounts and quantities: a dictionary would hash every
    /// value and come out larger than the values, measured on the README's 200-run real-data sweep), and those whose
    /// values come in long runs of few distinct values (<c>runIndex</c>, always; side; a reason's name), which ZSTD
    /// packs as tightly as dictionary indices without hashing every value: funding.parquet's runIndex on S1
    /// (bench/workloads/s1.json, 3.08 million rows) took 8 ms PLAIN against 21 ms with a dictionary, for 35 against
    /// 44 KB; trades' and stops' runIndex on the README's real-data sweep 1.0–1.1 against 2.7–3.0 ms, same size.
    /// </summary>
    public IReadOnlyList<string> ColumnsWithoutDictionary => _columnsWithoutDictionary;

    /// <summary>
    /// Encodings of the columns written without a dictionary other than PLAIN
    /// (<see cref="ParquetWriterOptions.ColumnEncodings"/>); columns not named are PLAIN.
    /// </summary>
    public IReadOnlyDictionary<string, ParquetEncoding> ColumnEncodings => _columnEncodings;

    /// <summary>Adds a REQUIRED INT32 column (filled through <see cref="EventColumns.Int32s"/>); <paramref name="dictionary"/> false writes it PLAIN (see <see cref="ColumnsWithoutDictionary"/>).</summary>
    public EventTable<TEvent> Int32(string name, bool dictionary = true)
        => Add(ParquetColumnDefinition.Int32(name), dictionary);

    /// <summary>Adds a REQUIRED TIMESTAMP(MILLIS, UTC) column of UTC milliseconds since the Unix epoch (<see cref="EventColumns.Int64s"/>); <paramref name="dictionary"/> false writes it PLAIN.</summary>
    public EventTable<TEvent> Time(string name, bool dictionary = true)
        => Add(ParquetColumnDefinition.Timestamp(name, ParquetTimeUnit.Millis), dictionary);

    /// <summary>Adds an OPTIONAL DOUBLE column: null where the value is not finite (it does not apply; <see cref="EventColumns.Doubles"/>); <paramref name="dictionary"/> false writes it PLAIN.</summary>
    public EventTable<TEvent> OptionalDouble(string name, bool dictionary = true)
        => Add(ParquetColumnDefinition.Double(name, optional: true), dictionary);

    /// <summary>
    /// Adds an OPTIONAL DOUBLE column written without a dictionary and BYTE_STREAM_SPLIT (byte k of every value in
    /// stream k, <see cref="ParquetEncoding.ByteStreamSplit"/>): for amounts that never repeat, whose random low
    /// mantissa bytes ZSTD cannot pack but whose sign/exponent bytes it can once they stand together.
    /// </summary>
    public EventTable<TEvent> SplitDouble(string name)
    {
        _columnEncodings.Add(name, ParquetEncoding.ByteStreamSplit);
        return Add(ParquetColumnDefinition.Double(name, optional: true), dictionary: false);
    }

    /// <summary>Adds a REQUIRED STRING column (<see cref="EventColumns.Strings"/>); <paramref name="dictionary"/> false writes it PLAIN.</summary>
    public EventTable<TEvent> String(string name, bool dictionary = true)
        => Add(ParquetColumnDefinition.String(name), dictionary);

    /// <summary>Adds a REQUIRED BOOLEAN column (<see cref="EventColumns.Booleans"/>).</summary>
    public EventTable<TEvent> Boolean(string name)
        => Add(ParquetColumnDefinition.Boolean(name), dictionary: true);

    /// <summary>Appends <paramref name="run"/>'s events to <paramref name="table"/> (opened with <see cref="Columns"/>).</summary>
    /// <param name="table">The table being written.</param>
    /// <param name="run">The next run in run-index order.</param>
    /// <exception cref="IOException">Writing failed.</exception>
    public void Append(ResultTableAppender table, RunOutcome run)
    {
        var events = _eventsOf(run.Result);
        if (events.Count == 0)
        {
            return;
        }

        int runIndex = run.Point.RunIndex;
        int[]? owner = _ownerOf is not null && run.Portfolio is { } detail ? _ownerOf(detail) : null;
        table.Append(events.Count, (chunk, at, source, count) =>
        {
            chunk.Int32s(0).AsSpan(at, count).Fill(runIndex);
            if (_ownerOf is not null)
            {
                var symbols = (string?[])chunk[1];
                for (int i = 0; i < count; i++)
                {
                    symbols[at + i] = owner is null ? string.Empty : run.Portfolio!.Instruments[owner[source + i]].Symbol;
                }
            }

            _fill(Span(events).Slice(source, count), new EventColumns(_names, chunk, at, count));
        });
    }

    /// <summary>
    /// The same table for a portfolio's folder: a REQUIRED STRING column <c>instrument</c> (the symbol of the instrument
    /// each event belongs to, from <paramref name="ownerOf"/>, the instrument index of each of the run's events in order)
    /// follows <c>runIndex</c>; the other columns are this table's.
    /// </summary>
    public EventTable<TEvent> WithInstrument(Func<PortfolioRunDetail, int[]> ownerOf)
    {
        var table = new EventTable<TEvent>(_eventsOf, _fill) { _ownerOf = ownerOf };
        table._columns.Add(ParquetColumnDefinition.String("instrument"));
        table._columns.AddRange(_columns.Skip(1));
        table._names = [.. table._columns.Select(c => c.Name)];
        table._columnsWithoutDictionary.Clear();
        table._columnsWithoutDictionary.AddRange(_columnsWithoutDictionary);
        foreach (var (column, encoding) in _columnEncodings)
        {
            table._columnEncodings.Add(column, encoding);
        }

        return table;
    }

    /// <summary>The whole table of <paramref name="runs"/>' events in memory (<see cref="InMemoryResultTable"/>): one array per column of <see cref="Columns"/>.</summary>
    /// <exception cref="OverflowException">More than <see cref="int.MaxValue"/> events in all.</exception>
    public Array[] Gather(IReadOnlyList<RunOutcome> runs)
    {
        long total = 0;
        foreach (var run in runs)
        {
            total += _eventsOf(run.Result).Count;
        }

        int rows = checked((int)total);
        var buffers = new Array[_columns.Count];
        for (int c = 0; c < buffers.Length; c++)
        {
            buffers[c] = ResultTableAppender.NewBuffer(_columns[c], rows);
        }

        int at = 0;
        foreach (var run in runs)
        {
            var events = _eventsOf(run.Result);
            ((int[])buffers[0]).AsSpan(at, events.Count).Fill(run.Point.RunIndex);
            if (_ownerOf is not null)
            {
                // A portfolio's table: the instrument column follows runIndex.
                int[]? owner = run.Portfolio is { } detail ? _ownerOf(detail) : null;
                var symbols = (string?[])buffers[1];
                for (int e = 0; e < events.Count; e++)
                {
                    symbols[at + e] = owner is null ? string.Empty : run.Portfolio!.Instruments[owner[e]].Symbol;
                }
            }

            _fill(Span(events), new EventColumns(_names, new ResultTableChunk(buffers), at, events.Count));
            at += events.Count;
        }

        return buffers;
    }

    private EventTable<TEvent> Add(ParquetColumnDefinition column, bool dictionary)
    {
        _columns.Add(column);
        _names = [.. _names, column.Name];
        if (!dictionary)
        {
            _columnsWithoutDictionary.Add(column.Name);
        }

        return this;
    }

    /// <summary>The run's events as a span: the engine's lists are read in place, without an interface call per value.</summary>
    private static ReadOnlySpan<TEvent> Span(IReadOnlyList<TEvent> events) => events switch
    {
        List<TEvent> list => CollectionsMarshal.AsSpan(list),
        TEvent[] array => array,
        _ => events.ToArray(),
    };

    /// <summary>
    /// Writes <paramref name="events"/> (a stretch of one run's events, in order) into <paramref name="columns"/>, whose
    /// spans are exactly as long: event k into row k of each column named by the table's declaration.
    /// </summary>
    /// <param name="events">The events, read in place.</param>
    /// <param name="columns">The rows to fill, by column name.</param>
    public delegate void RowsFill(ReadOnlySpan<TEvent> events, EventColumns columns);
}
