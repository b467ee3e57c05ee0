using LevBacktest.Parquet.Writer;

namespace LevBacktest.Core.Experiments.Results;

/// <summary>
/// The columns of one whole chunk of rows, handed to the Parquet writer without a copy
/// (<see cref="ResultTableAppender.Append(int, ResultTableFill, ResultTableColumns)"/>): one
/// <see cref="ParquetWriteColumn"/> per table column, in table order, each exactly <paramref name="count"/> rows long.
/// </summary>
/// <param name="chunk">The appender's chunk buffers, empty and free to hold a column built for these rows.</param>
/// <param name="source">First source row (0 = the first row of the Append call).</param>
/// <param name="count">Rows: <see cref="ResultTableAppender.ChunkRows"/> (or the table's chunk size).</param>
/// <returns>The columns, or null to have the rows copied instead.</returns>
internal delegate ParquetWriteColumn[]? ResultTableColumns(ResultTableChunk chunk, int source, int count);
