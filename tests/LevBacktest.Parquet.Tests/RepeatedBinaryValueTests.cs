using System.Text;

using LevBacktest.Parquet.Writer;

namespace LevBacktest.Parquet.Tests;

/// <summary>
/// A binary column that repeats a value on consecutive rows (a symbol on every bar) reads into one shared array per
/// run of equal values: the values are unchanged, and a year of one-minute bars does not cost 525,600 arrays.
/// </summary>
public sealed class RepeatedBinaryValueTests
{
    [Fact]
    public void ConsecutiveEqualValues_ShareOneArray_AndEveryValueReadsBack()
    {
        string?[] written = ["BTCUSDT", "BTCUSDT", "ETHUSDT", "BTCUSDT", null, "BTCUSDT", string.Empty, string.Empty];
        var stream = new MemoryStream();
        ParquetFileWriter.Write(stream, [ParquetWriteColumn.String("symbol", written, optional: true)]);
        stream.Position = 0;
        using var reader = ParquetFileReader.Open(stream, "symbols.parquet");
        var data = reader.ReadColumn("symbol");
        var read = data.Binaries!;

        for (int row = 0; row < written.Length; row++)
        {
            Assert.Equal(written[row] is null, data.IsNull(row));
            if (written[row] is { } text)
            {
                Assert.Equal(text, Encoding.UTF8.GetString(read[row]));
            }
        }

        Assert.Same(read[0], read[1]);
        Assert.NotSame(read[1], read[3]); // ETHUSDT came between: a new array
        Assert.Same(read[3], read[5]);    // a null row does not end the run of equal values
        Assert.Same(read[6], read[7]);
    }
}
