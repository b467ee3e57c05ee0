namespace LevBacktest.Parquet.Encodings;

/// <summary>
/// Malformed encoded data inside a page. Raised by the decoders, which do not know the file, and turned into a
/// <see cref="ParquetFormatException"/> naming file, row group, column and page by the column reader.
/// </summary>
internal sealed class EncodingException(string message) : Exception(message)
{
}
