
namespace ChestDx.Phantoms.Geometry;

/// <summary>
/// The shape functions every structure is drawn with. Attenuation profiles are chord lengths: a ray crossing a
/// cylinder or sphere of radius 1 at distance d from its axis travels 2√(1−d²) inside it, which is why bones show
/// bright cortical margins and the heart a sharp silhouette on real films.
/// </summary>
public static class Profiles
{
    public static double Clamp01(double x) => x < 0 ? 0 : x > 1 ? 1 : x;

    /// <summary>Smooth 0→1 transition of half-width <paramref name="edge"/> centred on 0 (C¹ smoothstep).</summary>
    public static double Step(double x, double edge)
    {
        double t = Clamp01((x + edge) / (2 * edge));
        return t * t * (3 - 2 * t);
    }

    /// <summary>Normalised chord of a unit circle at distance <paramref name="d"/> from its centre:
    /// √(1−d²), 0 outside.</summary>
    public static double Chord(double d)
    {
        double q = 1 - d * d;
        return q > 0 ? Math.Sqrt(q) : 0;
    }

    /// <summary>Chord of a hollow tube (outer radius 1, inner radius <paramref name="inner"/>) whose marrow is
    /// <paramref name="marrow"/> as dense as its cortex: bright edges, darker middle, like a rib or clavicle.</summary>
    public static double Tube(double d, double inner, double marrow)
    {
        double outer = Chord(d);
        if (outer == 0) return 0;
        double q = inner * inner - d * d;
        double hollow = q > 0 ? Math.Sqrt(q) : 0;
        return outer - (1 - marrow) * hollow;
    }

    /// <summary>A compact smooth bump: (1−r²)² inside the unit disc, 0 outside.</summary>
    public static double Bump(double r2)
    {
        double q = 1 - r2;
        return q > 0 ? q * q : 0;
    }

    /// <summary>Distance from (px, py) to the segment (ax, ay)–(bx, by),
    /// and the segment parameter of the closest point.</summary>
    public static double SegmentDistance(double px, double py, double ax, double ay, double bx, double by, out double t)
    {
        double dx = bx - ax, dy = by - ay;
        double len2 = dx * dx + dy * dy;
        t = len2 > 0 ? Clamp01(((px - ax) * dx + (py - ay) * dy) / len2) : 0;
        double ex = px - (ax + t * dx), ey = py - (ay + t * dy);
        return Math.Sqrt(ex * ex + ey * ey);
    }
}
