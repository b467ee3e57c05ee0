using System.Text.RegularExpressions;

namespace LevBacktest.Parquet.Library;

/// <summary>
/// Turns what ParquetSharp throws on a damaged file into our <see cref="ParquetFormatException"/> naming the
/// file (and the row group and column when the caller knows them). ParquetSharp raises
/// <c>ParquetSharp.ParquetException</c> whose message starts with a mangled C++ type name, and sometimes
/// <see cref="ArgumentOutOfRangeException"/> or <see cref="OverflowException"/> on corrupt values; none of them
/// names the file. Encrypted files become <see cref="NotSupportedException"/>, as before.
/// </summary>
internal static partial class LibraryErrors
{
    /// <summary>Whether <paramref name="exception"/> is one the library raises on bad input (to be translated).</summary>
    public static bool IsLibraryFailure(Exception exception)
        => exception is ParquetSharp.ParquetException or ArgumentOutOfRangeException or OverflowException or IndexOutOfRangeException
            or InvalidCastException or ArgumentException or InvalidOperationException or EndOfStreamException;

    /// <summary>The exception to throw instead: <see cref="NotSupportedException"/> for encryption, else <see cref="ParquetFormatException"/>.</summary>
    /// <param name="where">"file", "file: row group 3, column 'close'", …</param>
    /// <param name="exception">What the library threw.</param>
    public static Exception Translate(string where, Exception exception)
    {
        string message = CleanMessage(exception);
        if (message.Contains("encrypt", StringComparison.OrdinalIgnoreCase) || message.Contains("decrypt", StringComparison.OrdinalIgnoreCase))
        {
            return new NotSupportedException($"{where}: the file is encrypted (Parquet Modular Encryption); encrypted files are not supported ({message})", exception);
        }

        return new ParquetFormatException($"{where}: {message}", exception);
    }

    /// <summary>The library's own words without the C++ type name: <c>N7parquet16ParquetExceptionE (message: 'x')</c> gives <c>x</c>.</summary>
    public static string CleanMessage(Exception exception)
    {
        string message = exception.Message.Trim();
        var match = WrappedMessage().Match(message);
        if (match.Success)
        {
            message = match.Groups[1].Value.Trim();
        }

        return message.Length == 0 ? exception.GetType().Name : message.TrimEnd('.');
    }

    [GeneratedRegex(@"\(message: '(.*)'\)\s*$", RegexOptions.Singleline)]
    private static partial Regex WrappedMessage();
}
