using System.Runtime.InteropServices;

namespace LevBacktest.Reporting.Cairo;

/// <summary>Owns one reference to a <c>cairo_t</c>; releasing it calls <c>cairo_destroy</c>.</summary>
internal sealed class CairoContextHandle : SafeHandle
{
    /// <summary>Used by the generated marshaller for returned handles.</summary>
    public CairoContextHandle() : base(nint.Zero, ownsHandle: true) { }

    /// <inheritdoc />
    public override bool IsInvalid => handle == nint.Zero;

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        CairoNative.Destroy(handle);
        return true;
    }
}

/// <summary>Owns one reference to a <c>cairo_surface_t</c>; releasing it calls <c>cairo_surface_destroy</c>.</summary>
internal sealed class CairoSurfaceHandle : SafeHandle
{
    /// <summary>Used by the generated marshaller for returned handles.</summary>
    public CairoSurfaceHandle() : base(nint.Zero, ownsHandle: true) { }

    /// <inheritdoc />
    public override bool IsInvalid => handle == nint.Zero;

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        CairoNative.SurfaceDestroy(handle);
        return true;
    }
}
