
using static ChestDx.Phantoms.Geometry.Profiles;

namespace ChestDx.Phantoms.Anatomy;

/// <summary>
/// The soft-tissue envelope: neck, shoulders and trunk (an elliptical cross-section, so rays through the lateral
/// chest wall cross far less tissue than rays through the mediastinum), the upper arms, breast shadows, and the
/// gastric air bubble under the left hemidiaphragm.
/// </summary>
public sealed record BodyShape
{
    /// <summary>Half-width of the trunk below the shoulders (patient habitus;
    /// above 1 the body overfills the film).</summary>
    public required double HalfWidth { get; init; }
    public required double NeckHalfWidth { get; init; }
    /// <summary>v where the shoulders reach full width.</summary>
    public required double ShoulderV { get; init; }
    /// <summary>Attenuation through the thickest part of the trunk.</summary>
    public required double SoftTissue { get; init; }
    /// <summary>Breast shadow density (0 for none), centred at <see cref="BreastV"/>.</summary>
    public required double BreastDensity { get; init; }
    public required double BreastV { get; init; }
    public required double BreastX { get; init; }
    public required double BreastRadius { get; init; }
    public required bool ArmsAtSides { get; init; }
    /// <summary>Radius of the gastric bubble (0 for none) and its centre.</summary>
    public required double GastricBubbleRadius { get; init; }
    public required double GastricBubbleU { get; init; }
    public required double GastricBubbleV { get; init; }

    /// <summary>How far the shoulders stand out beyond the trunk.</summary>
    private const double ShoulderBreadth = 0.1;

    /// <summary>Half-width of the body outline at height <paramref name="v"/>: the neck, the shoulders sloping out to
    /// a rounded point at <see cref="ShoulderV"/>, the axillary notch, the trunk.</summary>
    public double OutlineHalfWidth(double v)
    {
        double neckBase = ShoulderV - 0.4;
        if (v <= neckBase) return NeckHalfWidth;
        double shoulder = HalfWidth + ShoulderBreadth;
        if (v <= ShoulderV)
        {
            double q = 1 - (v - neckBase) / (ShoulderV - neckBase);
            return NeckHalfWidth + (shoulder - NeckHalfWidth) * (1 - q * q);
        }
        double t = Clamp01((v - ShoulderV) / 0.35);
        return shoulder - ShoulderBreadth * t * t * (3 - 2 * t);
    }

    /// <summary>The upper arm's axis, from the shoulder joint to the elbow: straight down when the arms hang at the
    /// sides, otherwise down and out (hands on hips, elbows forward, as for a PA film).</summary>
    public (double X0, double V0, double X1, double V1) ArmAxis()
    {
        double x0 = HalfWidth + 0.02, v0 = ShoulderV + 0.08;
        return ArmsAtSides ? (x0, v0, x0 + 0.08, v0 + 1.4) : (x0, v0, x0 + 0.45, v0 + 0.9);
    }

    public double Attenuation(double u, double v, double edge)
    {
        double half = OutlineHalfWidth(v);
        double r = u / half;
        double trunk = Chord(r) * Step(half - Math.Abs(u), edge);
        // The neck and shoulders are thinner front to back than the chest.
        double depth = 0.45 + 0.55 * Step(v - ShoulderV - 0.1, 0.18);
        double a = SoftTissue * depth * trunk;
        a += Arms(u, v, edge);
        if (BreastDensity > 0) a += Breasts(u, v);
        if (GastricBubbleRadius > 0) a -= GastricBubble(u, v);
        return a;
    }

    // The upper arms: soft-tissue cylinders around the arm axis, outside the trunk.
    private double Arms(double u, double v, double edge)
    {
        const double radius = 0.11;
        if (Math.Abs(u) < HalfWidth - 0.1) return 0;
        var (x0, v0, x1, v1) = ArmAxis();
        double d = SegmentDistance(Math.Abs(u), v, x0 + 0.06, v0, x1 + 0.06, v1, out _);
        return 0.6 * SoftTissue * Chord(d / radius) * Step(radius - d, edge);
    }

    // Breasts: broad, flattened soft-tissue domes over the lower chest; their inferolateral margin is the visible edge.
    private double Breasts(double u, double v)
    {
        double du = (Math.Abs(u) - BreastX) / (BreastRadius * 1.4), dv = (v - BreastV) / BreastRadius;
        double r2 = du * du + dv * dv;
        return r2 < 1 ? BreastDensity * Math.Sqrt(1 - r2) * Step(dv + 0.6, 0.4) : 0;
    }

    private double GastricBubble(double u, double v)
    {
        double du = (u - GastricBubbleU) / (GastricBubbleRadius * 1.3), dv = (v - GastricBubbleV) / GastricBubbleRadius;
        double r2 = du * du + dv * dv;
        // The bubble's lower half is fluid: an air–fluid level flattens its bottom.
        return r2 < 1 ? 0.12 * Math.Sqrt(1 - r2) * Step(0.25 - dv, 0.08) : 0;
    }
}
