namespace LevBacktest.Core.Experiments.Results;

/// <summary>
/// Fills rows of a <see cref="ResultTableAppender"/>: source rows [<paramref name="source"/>, <paramref name="source"/> +
/// <paramref name="count"/>) go into buffer rows [<paramref name="at"/>, <paramref name="at"/> + <paramref name="count"/>)
/// of every column of <paramref name="chunk"/>.
/// </summary>
/// <param name="chunk">The current chunk's column buffers.</param>
/// <param name="at">First buffer row to fill.</param>
/// <param name="source">First source row (0 = the first row of the <see cref="ResultTableAppender.Append(int, ResultTableFill)"/> call).</param>
/// <param name="count">Rows to fill.</param>
internal delegate void ResultTableFill(ResultTableChunk chunk, int at, int source, int count);
