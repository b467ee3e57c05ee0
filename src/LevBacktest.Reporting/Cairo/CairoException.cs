namespace LevBacktest.Reporting.Cairo;

/// <summary>
/// A cairo call left its context or surface in an error state. The message names the cairo function
/// and cairo's own description of the status (for example "out of memory" or "error while writing to
/// output stream"); cairo errors are sticky, so the object that failed cannot be drawn on again.
/// </summary>
public sealed class CairoException : Exception
{
    /// <summary>Creates the exception for <paramref name="function"/> failing with cairo status <paramref name="status"/>.</summary>
    /// <param name="function">The cairo function after which the error status was observed, e.g. <c>cairo_surface_write_to_png</c>.</param>
    /// <param name="status">The <c>cairo_status_t</c> value (non-zero).</param>
    /// <param name="detail">Optional context such as the file being written.</param>
    public CairoException(string function, int status, string? detail = null)
        : base(BuildMessage(function, status, detail))
    {
        Function = function;
        Status = status;
    }

    /// <summary>The cairo function after which the error was observed.</summary>
    public string Function { get; }

    /// <summary>The raw <c>cairo_status_t</c> value.</summary>
    public int Status { get; }

    private static string BuildMessage(string function, int status, string? detail)
    {
        string description;
        try
        {
            description = System.Runtime.InteropServices.Marshal.PtrToStringUTF8(CairoNative.StatusToString(status)) ?? "unknown status";
        }
        catch (DllNotFoundException)
        {
            description = "unknown status";
        }
        var message = $"{function} failed: {description} (cairo status {status})";
        return detail is null ? message : $"{message}; {detail}";
    }
}
