namespace LevBacktest.Parquet;

/// <summary>Options of <see cref="ParquetFileReader"/>.</summary>
public sealed class ParquetReaderOptions
{
    /// <summary>The default options: page CRCs verified.</summary>
    public static readonly ParquetReaderOptions Default = new();

    /// <summary>
    /// Verify the CRC-32 of every page that carries one (<c>PageHeader.crc</c>) and reject a mismatch with a
    /// <see cref="ParquetFormatException"/> naming the page. Default true.
    /// </summary>
    public bool VerifyPageChecksums { get; init; } = true;
}
