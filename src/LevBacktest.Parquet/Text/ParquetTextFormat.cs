namespace LevBacktest.Parquet.Text;

/// <summary>Text layouts <see cref="ParquetTextExporter"/> writes.</summary>
public enum ParquetTextFormat
{
    /// <summary>One JSON object per line in the conformance corpus's canonical form (parquet-testing README, "Canonical JSONL").</summary>
    JsonLines,

    /// <summary>RFC 4180 CSV with a header row; cells hold the canonical text, nulls are empty, binary is base64.</summary>
    Csv,
}
