using System.Text;

namespace LevBacktest.Cli;

/// <summary>
/// Standard error as levbt writes it: control characters that a corrupt file can carry into a message (a column
/// name read as <c>funding_\0\0\0\0</c>, an escape sequence) are written as <c>\xNN</c> so they can neither hide
/// text nor drive the terminal. Line breaks pass through; everything else is written unchanged.
/// </summary>
internal sealed class ControlCharacterEscapingWriter(TextWriter inner) : TextWriter
{
    /// <inheritdoc/>
    public override Encoding Encoding => inner.Encoding;

    /// <inheritdoc/>
    public override IFormatProvider FormatProvider => inner.FormatProvider;

    /// <inheritdoc/>
    public override string NewLine
    {
        get => inner.NewLine;
#pragma warning disable CS8765 // the base allows null; so does the inner writer
        set => inner.NewLine = value;
#pragma warning restore CS8765
    }

    /// <summary>The text with every control character but \n and \r written as \xNN (C0, DEL and C1 controls).</summary>
    public static string Escape(string text)
    {
        int first = 0;
        while (first < text.Length && !NeedsEscape(text[first]))
        {
            first++;
        }

        if (first == text.Length)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8).Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            if (NeedsEscape(c))
            {
                builder.Append(@"\x").Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <inheritdoc/>
    public override void Write(char value)
    {
        if (NeedsEscape(value))
        {
            inner.Write(Escape(value.ToString()));
        }
        else
        {
            inner.Write(value);
        }
    }

    /// <inheritdoc/>
    public override void Write(string? value) => inner.Write(value is null ? null : Escape(value));

    /// <inheritdoc/>
    public override void WriteLine(string? value) => inner.WriteLine(value is null ? null : Escape(value));

    /// <inheritdoc/>
    public override void Flush() => inner.Flush();

    private static bool NeedsEscape(char c) => c is not ('\n' or '\r') && (c < ' ' || (c >= '\u007F' && c <= '\u009F'));
}
