namespace LevBacktest.Reporting.Cairo;

/// <summary>
/// A cairo drawing surface: an in-memory ARGB32 image, or an SVG/PDF document streamed to a file.
/// Every call checks <c>cairo_surface_status</c> afterwards and throws <see cref="CairoException"/> naming
/// the call. Dispose to release the native surface (and, for SVG/PDF, to be sure the file is complete call
/// <see cref="Finish"/> first).
/// </summary>
internal sealed class CairoSurface : IDisposable
{
    private const int FormatArgb32 = 0;
    private const int FormatRgb24 = 1;
    private const int SvgUnitPx = 3;

    private CairoSurface(CairoSurfaceHandle handle, string function, string? detail)
    {
        Handle = handle;
        if (handle.IsInvalid)
        {
            throw new CairoException(function, 1, detail);
        }
        Check(function, detail);
    }

    internal CairoSurfaceHandle Handle { get; }

    /// <summary>
    /// Creates an image surface of <paramref name="width"/> × <paramref name="height"/> pixels: ARGB32 (fully
    /// transparent to start) or, when <paramref name="opaque"/>, RGB24 — which cairo writes as a 3-channel PNG
    /// without un-premultiplying every pixel, noticeably faster for a figure with an opaque background.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is not in 1..32767 (cairo's limit).</exception>
    public static CairoSurface CreateImage(int width, int height, bool opaque = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 32767);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, 32767);
        return new CairoSurface(CairoNative.ImageSurfaceCreate(opaque ? FormatRgb24 : FormatArgb32, width, height), "cairo_image_surface_create", null);
    }

    /// <summary>Reads a PNG file into an image surface (any PNG colour type; cairo converts to ARGB32 or RGB24).</summary>
    /// <exception cref="CairoException">The file is missing, unreadable or not a PNG (cairo reports "file not found" or "error while reading from input stream").</exception>
    public static CairoSurface FromPng(string path) =>
        new(CairoNative.ImageSurfaceCreateFromPng(path), "cairo_image_surface_create_from_png", $"file '{path}'");

    /// <summary>Creates an SVG document surface writing to <paramref name="path"/>; user units are SVG px.</summary>
    public static CairoSurface CreateSvg(string path, double width, double height)
    {
        var surface = new CairoSurface(CairoNative.SvgSurfaceCreate(path, width, height), "cairo_svg_surface_create", $"file '{path}'");
        CairoNative.SvgSurfaceSetDocumentUnit(surface.Handle, SvgUnitPx);
        surface.Check("cairo_svg_surface_set_document_unit", null);
        return surface;
    }

    /// <summary>Creates a PDF document surface of <paramref name="widthPoints"/> × <paramref name="heightPoints"/> (1 pt = 1/72 in) writing to <paramref name="path"/>.</summary>
    public static CairoSurface CreatePdf(string path, double widthPoints, double heightPoints) =>
        new(CairoNative.PdfSurfaceCreate(path, widthPoints, heightPoints), "cairo_pdf_surface_create", $"file '{path}'");

    /// <summary>Sets the PDF document title (Info dictionary); only valid on a PDF surface.</summary>
    public void SetPdfTitle(string title)
    {
        const int MetadataTitle = 0;
        CairoNative.PdfSurfaceSetMetadata(Handle, MetadataTitle, title);
        Check("cairo_pdf_surface_set_metadata", null);
    }

    /// <summary>Image width in pixels (image surfaces only).</summary>
    public int Width => CairoNative.ImageSurfaceGetWidth(Handle);

    /// <summary>Image height in pixels (image surfaces only).</summary>
    public int Height => CairoNative.ImageSurfaceGetHeight(Handle);

    /// <summary>Writes the image surface as PNG to <paramref name="path"/> (not atomic: callers write to a temp name and rename).</summary>
    public void WriteToPng(string path)
    {
        int status = CairoNative.SurfaceWriteToPng(Handle, path);
        if (status != 0)
        {
            throw new CairoException("cairo_surface_write_to_png", status, $"file '{path}'");
        }
    }

    /// <summary>Completes an SVG/PDF document (writes the trailer and closes the file). Drawing afterwards is an error.</summary>
    public void Finish()
    {
        CairoNative.SurfaceFinish(Handle);
        Check("cairo_surface_finish", null);
    }

    /// <summary>
    /// Reads the pixel at (<paramref name="x"/>, <paramref name="y"/>) of an ARGB32/RGB24 image surface as
    /// un-premultiplied 8-bit (A, R, G, B). Flushes pending drawing first.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The pixel is outside the image.</exception>
    public unsafe (byte A, byte R, byte G, byte B) GetPixel(int x, int y)
    {
        CairoNative.SurfaceFlush(Handle);
        Check("cairo_surface_flush", null);
        int width = Width, height = Height;
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(x, width);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(y, height);
        int stride = CairoNative.ImageSurfaceGetStride(Handle);
        int format = CairoNative.ImageSurfaceGetFormat(Handle);
        nint data = CairoNative.ImageSurfaceGetData(Handle);
        Check("cairo_image_surface_get_data", null);
        if (data == nint.Zero)
        {
            throw new InvalidOperationException("The surface is not an image surface; it has no pixel data.");
        }
        // Native-endian 32-bit words: 0xAARRGGBB with premultiplied colour (RGB24 ignores the alpha byte).
        uint word = *(uint*)((byte*)data + ((long)y * stride) + (x * 4L));
        byte a = format == FormatArgb32 ? (byte)(word >> 24) : (byte)255;
        byte r = (byte)(word >> 16), g = (byte)(word >> 8), b = (byte)word;
        if (a is not 0 and not 255)
        {
            r = (byte)Math.Min(255, ((r * 255) + (a / 2)) / a);
            g = (byte)Math.Min(255, ((g * 255) + (a / 2)) / a);
            b = (byte)Math.Min(255, ((b * 255) + (a / 2)) / a);
        }
        return (a, r, g, b);
    }

    private void Check(string function, string? detail)
    {
        int status = CairoNative.SurfaceStatus(Handle);
        if (status != 0)
        {
            throw new CairoException(function, status, detail);
        }
    }

    /// <summary>Releases the native surface.</summary>
    public void Dispose() => Handle.Dispose();
}
