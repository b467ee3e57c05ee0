using System.Text;

namespace LevBacktest.Parquet.Text;

/// <summary>
/// Writes a JSON string literal escaping only what RFC 8259 requires: <c>"</c>, <c>\</c> and U+0000–U+001F
/// (as \b \t \n \f \r or \u00xx with lowercase hex). Everything else, including '/', U+007F, non-ASCII and
/// U+2028/U+2029, is written literally — the corpus's canonical form, which System.Text.Json's encoders do not produce.
/// </summary>
internal static class JsonStringEscaper
{
    /// <summary>Appends <paramref name="value"/> as a quoted JSON string.</summary>
    public static void Append(StringBuilder output, string value)
    {
        output.Append('"');
        int runStart = 0;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c >= 0x20 && c != '"' && c != '\\')
            {
                continue;
            }

            output.Append(value, runStart, i - runStart);
            runStart = i + 1;
            switch (c)
            {
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '\b': output.Append("\\b"); break;
                case '\t': output.Append("\\t"); break;
                case '\n': output.Append("\\n"); break;
                case '\f': output.Append("\\f"); break;
                case '\r': output.Append("\\r"); break;
                default:
                    output.Append("\\u00").Append(HexDigit(c >> 4)).Append(HexDigit(c & 0xF));
                    break;
            }
        }

        output.Append(value, runStart, value.Length - runStart);
        output.Append('"');
    }

    private static char HexDigit(int value) => (char)(value < 10 ? '0' + value : 'a' + value - 10);
}
