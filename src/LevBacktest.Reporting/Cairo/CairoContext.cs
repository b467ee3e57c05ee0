namespace LevBacktest.Reporting.Cairo;

/// <summary>
/// A cairo drawing context (<c>cairo_t</c>) on a <see cref="CairoSurface"/>. A thin binding: each method
/// is one cairo call followed by a <c>cairo_status</c> check that throws <see cref="CairoException"/>
/// naming the call. Coordinates are cairo user units (pixels for image surfaces unless scaled).
/// </summary>
internal sealed class CairoContext : IDisposable
{
    private readonly CairoContextHandle _handle;

    /// <summary>Creates a context drawing on <paramref name="target"/>.</summary>
    public CairoContext(CairoSurface target)
    {
        ArgumentNullException.ThrowIfNull(target);
        _handle = CairoNative.Create(target.Handle);
        if (_handle.IsInvalid)
        {
            throw new CairoException("cairo_create", 1);
        }
        Check("cairo_create");
    }

    public void Save() { CairoNative.Save(_handle); Check("cairo_save"); }

    public void Restore() { CairoNative.Restore(_handle); Check("cairo_restore"); }

    public void SetSourceRgba(double red, double green, double blue, double alpha)
    {
        CairoNative.SetSourceRgba(_handle, red, green, blue, alpha);
        Check("cairo_set_source_rgba");
    }

    public void SetLineWidth(double width) { CairoNative.SetLineWidth(_handle, width); Check("cairo_set_line_width"); }

    /// <summary>Sets the dash pattern (on/off lengths in user units); an empty span means solid.</summary>
    public unsafe void SetDash(ReadOnlySpan<double> dashes, double offset)
    {
        fixed (double* p = dashes)
        {
            CairoNative.SetDash(_handle, p, dashes.Length, offset);
        }
        Check("cairo_set_dash");
    }

    /// <summary>0 butt, 1 round, 2 square.</summary>
    public void SetLineCap(int cap) { CairoNative.SetLineCap(_handle, cap); Check("cairo_set_line_cap"); }

    /// <summary>0 miter, 1 round, 2 bevel.</summary>
    public void SetLineJoin(int join) { CairoNative.SetLineJoin(_handle, join); Check("cairo_set_line_join"); }

    /// <summary>0 default, 1 none, 2 gray, 3 subpixel, 4 fast, 5 good, 6 best.</summary>
    public void SetAntialias(int antialias) { CairoNative.SetAntialias(_handle, antialias); Check("cairo_set_antialias"); }

    public void NewPath() { CairoNative.NewPath(_handle); Check("cairo_new_path"); }

    public void NewSubPath() { CairoNative.NewSubPath(_handle); Check("cairo_new_sub_path"); }

    public void ClosePath() { CairoNative.ClosePath(_handle); Check("cairo_close_path"); }

    public void MoveTo(double x, double y) { CairoNative.MoveTo(_handle, x, y); Check("cairo_move_to"); }

    public void LineTo(double x, double y) { CairoNative.LineTo(_handle, x, y); Check("cairo_line_to"); }

    public void Rectangle(double x, double y, double width, double height)
    {
        CairoNative.Rectangle(_handle, x, y, width, height);
        Check("cairo_rectangle");
    }

    public void Arc(double centerX, double centerY, double radius, double angle1, double angle2)
    {
        CairoNative.Arc(_handle, centerX, centerY, radius, angle1, angle2);
        Check("cairo_arc");
    }

    public void Stroke() { CairoNative.Stroke(_handle); Check("cairo_stroke"); }

    public void StrokePreserve() { CairoNative.StrokePreserve(_handle); Check("cairo_stroke_preserve"); }

    public void Fill() { CairoNative.Fill(_handle); Check("cairo_fill"); }

    public void FillPreserve() { CairoNative.FillPreserve(_handle); Check("cairo_fill_preserve"); }

    public void Paint() { CairoNative.Paint(_handle); Check("cairo_paint"); }

    public void Clip() { CairoNative.Clip(_handle); Check("cairo_clip"); }

    public void ResetClip() { CairoNative.ResetClip(_handle); Check("cairo_reset_clip"); }

    public void Translate(double x, double y) { CairoNative.Translate(_handle, x, y); Check("cairo_translate"); }

    public void Scale(double x, double y) { CairoNative.Scale(_handle, x, y); Check("cairo_scale"); }

    public void Rotate(double angleRadians) { CairoNative.Rotate(_handle, angleRadians); Check("cairo_rotate"); }

    /// <summary>Selects a font through fontconfig by family name (e.g. "DejaVu Sans").</summary>
    public void SelectFontFace(string family, bool bold, bool italic)
    {
        CairoNative.SelectFontFace(_handle, family, italic ? 1 : 0, bold ? 1 : 0);
        Check("cairo_select_font_face");
    }

    public void SetFontSize(double size) { CairoNative.SetFontSize(_handle, size); Check("cairo_set_font_size"); }

    /// <summary>Draws <paramref name="text"/> with its baseline starting at the current point.</summary>
    public void ShowText(string text) { CairoNative.ShowText(_handle, text); Check("cairo_show_text"); }

    public CairoTextExtents TextExtents(string text)
    {
        CairoNative.TextExtents(_handle, text, out var extents);
        Check("cairo_text_extents");
        return extents;
    }

    public CairoFontExtents FontExtents()
    {
        CairoNative.FontExtents(_handle, out var extents);
        Check("cairo_font_extents");
        return extents;
    }

    private void Check(string function)
    {
        int status = CairoNative.Status(_handle);
        if (status != 0)
        {
            throw new CairoException(function, status);
        }
    }

    /// <summary>Releases the native context (the surface stays alive until its own handle is released).</summary>
    public void Dispose() => _handle.Dispose();
}
