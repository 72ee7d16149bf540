using ChestDx.Core.Randomness;
using ChestDx.Phantoms.Anatomy;
using static ChestDx.Phantoms.Geometry.Profiles;

namespace ChestDx.Phantoms.Findings;

/// <summary>
/// Pneumothorax on an erect film: air collects at the apex and along the lateral chest wall. The lung collapses
/// toward its hilum, leaving a rim of pleural air that is darker than lung and has no vessel markings, bounded by
/// the thin white visceral pleural line. The rim is widest at the apex and tapers to nothing further down.
/// </summary>
/// <remarks>
/// A point P is in the pleural air when stepping from P away from the hilum by the local rim width leaves the lung:
/// the collapsed lung's edge is then the chest wall moved inward by that width,
/// which is the sign radiologists look for.
/// </remarks>
public sealed record Pneumothorax(int Side, double RimWidth, double Reach, double ExtraAir) : PlantedFinding
{
    /// <summary>Apical rim width 0.12–0.26 frame units (about 2.5–5 cm; 4–9 pixels at 64²).</summary>
    public static ParameterRange RimWidthRange { get; } =
        new(0.12, 0.26, "frame units", "pleural air rim width at the apex");
    /// <summary>How far down the rim extends, as the vertical direction cosine (from the hilum) where it has tapered
    /// to half: −0.3 keeps it apical, 0.5 takes it well down the lateral wall.</summary>
    public static ParameterRange ReachRange { get; } = new(-0.3, 0.5, "direction cosine", "downward reach of the rim");
    public static ParameterRange ExtraAirRange { get; } =
        new(0.08, 0.14, "attenuation", "extra lucency of pleural air over lung");
    private const double PleuralLine = 0.05;

    public override FindingKind Kind => FindingKind.Pneumothorax;

    public static Pneumothorax Sample(ref SeededRandom random) =>
        new(random.Sign(), random.Uniform(RimWidthRange), random.Uniform(ReachRange), random.Uniform(ExtraAirRange));

    public override void Accumulate(double u, double v, double edge, ChestAnatomy anatomy, ref FindingEffects effects)
    {
        LungShape lung = anatomy.Lung(Side);
        double inLung = lung.Mask(u, v, edge);
        if (inLung == 0) return;
        double hu = Side < 0 ? anatomy.RightHilumU : anatomy.LeftHilumU;
        double hv = Side < 0 ? anatomy.RightHilumV : anatomy.LeftHilumV;
        double du = u - hu, dv = v - hv;
        double length = Math.Sqrt(du * du + dv * dv);
        if (length < 1e-6) return;
        du /= length;
        dv /= length;
        double rim = RimWidth * Step(Reach - dv, 0.3);
        if (rim <= 0) return;
        // The collapsed lung: what is still lung after stepping outward by the rim width.
        double collapsed = lung.Mask(u + du * rim, v + dv * rim, edge);
        double air = inLung * (1 - collapsed);
        effects.ExtraAir += ExtraAir * air;
        effects.AddMarkingsLoss(air);
        // Visceral pleural line: a thin dense edge where the collapsed lung ends.
        double line = lung.Mask(u + du * rim, v + dv * rim, Math.Max(edge, 0.006));
        effects.Density += PleuralLine * 4 * line * (1 - line) * inLung * Math.Min(1, 0.006 / edge);
    }

    public override PatientBox Extent(ChestAnatomy anatomy)
    {
        LungShape lung = anatomy.Lung(Side);
        double a = Side * (lung.MedialX - 0.05), b = Side * (lung.WallX + 0.05);
        return new PatientBox(Math.Min(a, b), lung.ApexV - 0.05, Math.Max(a, b), lung.CostophrenicV + 0.05);
    }
}
