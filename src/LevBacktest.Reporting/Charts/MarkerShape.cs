namespace LevBacktest.Reporting.Charts;

/// <summary>Shape of a point marker. Shapes are drawn as paths, so they do not depend on a font.</summary>
public enum MarkerShape
{
    /// <summary>Filled circle: generic events.</summary>
    Circle,

    /// <summary>Diagonal cross ✕: liquidations.</summary>
    Cross,

    /// <summary>Filled downward triangle ▼: stop-loss exits.</summary>
    TriangleDown,

    /// <summary>Filled upward triangle ▲: entries.</summary>
    TriangleUp,

    /// <summary>Filled square.</summary>
    Square,

    /// <summary>Filled diamond.</summary>
    Diamond,
}
