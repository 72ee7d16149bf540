
using static ChestDx.Phantoms.Geometry.Profiles;

namespace ChestDx.Phantoms.Anatomy;

/// <summary>
/// One lung's outline and air column in the patient frame. In the lung's own lateral coordinate x = side·u the
/// field lies between a medial border (the mediastinum) and the lateral chest wall, which meet at a rounded apex,
/// and above a diaphragm dome whose lateral end meets the wall at an acute costophrenic angle — the angle an
/// effusion blunts first.
/// </summary>
public sealed record LungShape
{
    /// <summary>−1: the patient's right lung (image left on a PA film); +1: the patient's left.</summary>
    public required int Side { get; init; }
    /// <summary>Half-width of the thoracic cage at the costophrenic angle (lateral wall position, x units).</summary>
    public required double WallX { get; init; }
    /// <summary>x of the lung apex.</summary>
    public required double ApexX { get; init; }
    /// <summary>x of the medial (mediastinal) border below the apex.</summary>
    public required double MedialX { get; init; }
    public required double ApexV { get; init; }
    /// <summary>v where the lateral border reaches the chest wall. A property of the rib cage, not of the diaphragm:
    /// raising the diaphragm (volume loss, poor inspiration) leaves the upper lung's outline unchanged.</summary>
    public required double WallV { get; init; }
    /// <summary>v of the costophrenic angle (the lowest lateral point of the lung field).</summary>
    public required double CostophrenicV { get; init; }
    /// <summary>v of the top of the diaphragm dome.</summary>
    public required double DomeV { get; init; }
    /// <summary>x of the top of the dome.</summary>
    public required double DomeX { get; init; }
    /// <summary>Attenuation removed by the air column at the lung's thickest point.</summary>
    public required double AirDepth { get; init; }

    public double Height => CostophrenicV - ApexV;

    // Fraction of the apex-to-wall distance over which the medial border turns down from the apex.
    private const double MedialTurn = 0.37;

    /// <summary>Lateral border at height <paramref name="v"/>: widening from the apex (a rounded dome, then a parabola)
    /// to reach the wall at <see cref="WallV"/>, vertical from there to the costophrenic angle.</summary>
    public double Lateral(double v)
    {
        double t = (v - ApexV) / (WallV - ApexV);
        if (t <= 0) return ApexX;
        double q = 1 - Math.Min(1, t);
        double dome = Math.Sqrt(1 - Math.Max(0, 1 - t / 0.08) * Math.Max(0, 1 - t / 0.08));
        return ApexX + (WallX - ApexX) * (1 - q * q) * (0.6 + 0.4 * dome);
    }

    /// <summary>Medial border: turns down from the apex quickly, runs along the upper mediastinum and, below the hila,
    /// tucks in behind the heart, whose own border then forms the silhouette (the right atrial
    /// arc on the right).</summary>
    public double Medial(double v)
    {
        double t = (v - ApexV) / (WallV - ApexV);
        if (t <= 0) return ApexX;
        double q = 1 - Math.Min(1, t / MedialTurn);
        double behindHeart = Clamp01((t - 0.7) / 0.25);
        return ApexX - (ApexX - MedialX) * Math.Sqrt(1 - q * q) - 0.07 * behindHeart * behindHeart
            * (3 - 2 * behindHeart);
    }

    /// <summary>The diaphragm under lateral position <paramref name="x"/>:
    /// falling from the dome to the costophrenic angle ever more steeply (hence the acute angle)
    /// and gently toward the cardiophrenic angle medially.</summary>
    public double Diaphragm(double x)
    {
        double drop = CostophrenicV - DomeV;
        if (x >= DomeX)
        {
            double r = (x - DomeX) / (WallX - DomeX);
            return DomeV + drop * r * r * (0.6 + 0.4 * r);
        }
        double m = (DomeX - x) / DomeX;
        return DomeV + 0.5 * drop * m * m;
    }

    /// <summary>Soft membership (0..1) of patient point (u, v)
    /// with edges of half-width <paramref name="edge"/>.</summary>
    public double Mask(double u, double v, double edge)
    {
        double x = Side * u;
        if (v < ApexV - edge || x < MedialX - 0.2 || x > WallX + edge) return 0;
        return Step(Lateral(v) - x, edge) * Step(x - Medial(v), edge) * Step(Diaphragm(x) - v, edge);
    }

    /// <summary>
    /// Attenuation removed by air at (u, v): the chord through a rounded lung, thinning towards the chest wall and
    /// mediastinum like the chord of a cylinder (√ profile, hence crisp borders) and thinner at the apex than at the
    /// base.
    /// </summary>
    public double Air(double u, double v, double edge)
    {
        double x = Side * u;
        if (v < ApexV - edge || x < MedialX - 0.2 || x > WallX + edge) return 0;
        double t = (v - ApexV) / (WallV - ApexV);
        double lateral = Lateral(v) - x, medial = x - Medial(v), below = Diaphragm(x) - v;
        double mask = Step(lateral, edge) * Step(medial, edge) * Step(below, edge);
        if (mask == 0) return 0;
        double profile = Math.Sqrt(Clamp01(lateral / 0.3)) * Math.Sqrt(Clamp01(medial / 0.12))
                       * Math.Sqrt(Clamp01(below / 0.05)) * Math.Sqrt(Clamp01(t / 0.13))
                       * (0.78 + 0.22 * Clamp01(t / 0.8));
        return AirDepth * mask * profile;
    }

    /// <summary>Whether (u, v) lies at least <paramref name="margin"/> inside the lung field.</summary>
    public bool ContainsWithMargin(double u, double v, double margin)
    {
        double x = Side * u;
        if (v < ApexV) return false;
        return Lateral(v) - x >= margin && x - Medial(v) >= margin && Diaphragm(x) - v >= margin;
    }
}
