using System.Runtime.InteropServices;

namespace LevBacktest.Reporting.Cairo;

/// <summary>
/// Raw entry points of <c>libcairo.so.2</c> (cairo 1.16 or later), bound with source-generated marshalling.
/// Strings cross as UTF-8, which is what cairo's text and file-name functions expect on Linux.
/// Callers go through <see cref="CairoContext"/> and <see cref="CairoSurface"/>, which check the status
/// after every call; nothing else should call these directly.
/// </summary>
internal static partial class CairoNative
{
    private const string Library = "libcairo.so.2";

    // ---- status ----
    [LibraryImport(Library, EntryPoint = "cairo_status")]
    internal static partial int Status(CairoContextHandle cr);

    [LibraryImport(Library, EntryPoint = "cairo_surface_status")]
    internal static partial int SurfaceStatus(CairoSurfaceHandle surface);

    [LibraryImport(Library, EntryPoint = "cairo_status_to_string")]
    internal static partial nint StatusToString(int status);

    [LibraryImport(Library, EntryPoint = "cairo_version")]
    internal static partial int Version();

    // ---- surfaces ----
    [LibraryImport(Library, EntryPoint = "cairo_image_surface_create")]
    internal static partial CairoSurfaceHandle ImageSurfaceCreate(int format, int width, int height);

    [LibraryImport(Library, EntryPoint = "cairo_image_surface_create_from_png", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial CairoSurfaceHandle ImageSurfaceCreateFromPng(string fileName);

    [LibraryImport(Library, EntryPoint = "cairo_image_surface_get_data")]
    internal static partial nint ImageSurfaceGetData(CairoSurfaceHandle surface);

    [LibraryImport(Library, EntryPoint = "cairo_image_surface_get_width")]
    internal static partial int ImageSurfaceGetWidth(CairoSurfaceHandle surface);

    [LibraryImport(Library, EntryPoint = "cairo_image_surface_get_height")]
    internal static partial int ImageSurfaceGetHeight(CairoSurfaceHandle surface);

    [LibraryImport(Library, EntryPoint = "cairo_image_surface_get_stride")]
    internal static partial int ImageSurfaceGetStride(CairoSurfaceHandle surface);

    [LibraryImport(Library, EntryPoint = "cairo_image_surface_get_format")]
    internal static partial int ImageSurfaceGetFormat(CairoSurfaceHandle surface);

    [LibraryImport(Library, EntryPoint = "cairo_svg_surface_create", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial CairoSurfaceHandle SvgSurfaceCreate(string fileName, double widthPoints, double heightPoints);

    [LibraryImport(Library, EntryPoint = "cairo_svg_surface_set_document_unit")]
    internal static partial void SvgSurfaceSetDocumentUnit(CairoSurfaceHandle surface, int unit);

    [LibraryImport(Library, EntryPoint = "cairo_pdf_surface_create", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial CairoSurfaceHandle PdfSurfaceCreate(string fileName, double widthPoints, double heightPoints);

    [LibraryImport(Library, EntryPoint = "cairo_pdf_surface_set_metadata", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void PdfSurfaceSetMetadata(CairoSurfaceHandle surface, int metadata, string value);

    [LibraryImport(Library, EntryPoint = "cairo_surface_write_to_png", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int SurfaceWriteToPng(CairoSurfaceHandle surface, string fileName);

    [LibraryImport(Library, EntryPoint = "cairo_surface_flush")]
    internal static partial void SurfaceFlush(CairoSurfaceHandle surface);

    [LibraryImport(Library, EntryPoint = "cairo_surface_mark_dirty")]
    internal static partial void SurfaceMarkDirty(CairoSurfaceHandle surface);

    [LibraryImport(Library, EntryPoint = "cairo_surface_finish")]
    internal static partial void SurfaceFinish(CairoSurfaceHandle surface);

    [LibraryImport(Library, EntryPoint = "cairo_surface_destroy")]
    internal static partial void SurfaceDestroy(nint surface);

    // ---- context ----
    [LibraryImport(Library, EntryPoint = "cairo_create")]
    internal static partial CairoContextHandle Create(CairoSurfaceHandle target);

    [LibraryImport(Library, EntryPoint = "cairo_destroy")]
    internal static partial void Destroy(nint cr);

    [LibraryImport(Library, EntryPoint = "cairo_save")]
    internal static partial void Save(CairoContextHandle cr);

    [LibraryImport(Library, EntryPoint = "cairo_restore")]
    internal static partial void Restore(CairoContextHandle cr);

    [LibraryImport(Library, EntryPoint = "cairo_set_source_rgba")]
    internal static partial void SetSourceRgba(CairoContextHandle cr, double red, double green, double blue, double alpha);

    [LibraryImport(Library, EntryPoint = "cairo_set_line_width")]
    internal static partial void SetLineWidth(CairoContextHandle cr, double width);

    [LibraryImport(Library, EntryPoint = "cairo_set_dash")]
    internal static unsafe partial void SetDash(CairoContextHandle cr, double* dashes, int count, double offset);

    [LibraryImport(Library, EntryPoint = "cairo_set_line_cap")]
    internal static partial void SetLineCap(CairoContextHandle cr, int cap);

    [LibraryImport(Library, EntryPoint = "cairo_set_line_join")]
    internal static partial void SetLineJoin(CairoContextHandle cr, int join);

    [LibraryImport(Library, EntryPoint = "cairo_set_antialias")]
    internal static partial void SetAntialias(CairoContextHandle cr, int antialias);

    [LibraryImport(Library, EntryPoint = "cairo_new_path")]
    internal static partial void NewPath(CairoContextHandle cr);

    [LibraryImport(Library, EntryPoint = "cairo_new_sub_path")]
    internal static partial void NewSubPath(CairoContextHandle cr);

    [LibraryImport(Library, EntryPoint = "cairo_close_path")]
    internal static partial void ClosePath(CairoContextHandle cr);

    [LibraryImport(Library, EntryPoint = "cairo_move_to")]
    internal static partial void MoveTo(CairoContextHandle cr, double x, double y);

    [LibraryImport(Library, EntryPoint = "cairo_line_to")]
    internal static partial void LineTo(CairoContextHandle cr, double x, double y);

    [LibraryImport(Library, EntryPoint = "cairo_rectangle")]
    internal static partial void Rectangle(CairoContextHandle cr, double x, double y, double width, double height);

    [LibraryImport(Library, EntryPoint = "cairo_arc")]
    internal static partial void Arc(CairoContextHandle cr, double centerX, double centerY, double radius, double angle1, double angle2);

    [LibraryImport(Library, EntryPoint = "cairo_stroke")]
    internal static partial void Stroke(CairoContextHandle cr);

    [LibraryImport(Library, EntryPoint = "cairo_stroke_preserve")]
    internal static partial void StrokePreserve(CairoContextHandle cr);

    [LibraryImport(Library, EntryPoint = "cairo_fill")]
    internal static partial void Fill(CairoContextHandle cr);

    [LibraryImport(Library, EntryPoint = "cairo_fill_preserve")]
    internal static partial void FillPreserve(CairoContextHandle cr);

    [LibraryImport(Library, EntryPoint = "cairo_paint")]
    internal static partial void Paint(CairoContextHandle cr);

    [LibraryImport(Library, EntryPoint = "cairo_clip")]
    internal static partial void Clip(CairoContextHandle cr);

    [LibraryImport(Library, EntryPoint = "cairo_reset_clip")]
    internal static partial void ResetClip(CairoContextHandle cr);

    [LibraryImport(Library, EntryPoint = "cairo_translate")]
    internal static partial void Translate(CairoContextHandle cr, double tx, double ty);

    [LibraryImport(Library, EntryPoint = "cairo_scale")]
    internal static partial void Scale(CairoContextHandle cr, double sx, double sy);

    [LibraryImport(Library, EntryPoint = "cairo_rotate")]
    internal static partial void Rotate(CairoContextHandle cr, double angleRadians);

    // ---- text (cairo's "toy" text API, which goes through fontconfig) ----
    [LibraryImport(Library, EntryPoint = "cairo_select_font_face", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void SelectFontFace(CairoContextHandle cr, string family, int slant, int weight);

    [LibraryImport(Library, EntryPoint = "cairo_set_font_size")]
    internal static partial void SetFontSize(CairoContextHandle cr, double size);

    [LibraryImport(Library, EntryPoint = "cairo_show_text", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void ShowText(CairoContextHandle cr, string text);

    [LibraryImport(Library, EntryPoint = "cairo_text_extents", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void TextExtents(CairoContextHandle cr, string text, out CairoTextExtents extents);

    [LibraryImport(Library, EntryPoint = "cairo_font_extents")]
    internal static partial void FontExtents(CairoContextHandle cr, out CairoFontExtents extents);
}
