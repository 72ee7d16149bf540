using ChestDx.Core.Randomness;
using ChestDx.Phantoms.Anatomy;
using ChestDx.Phantoms.Determinism;
using static ChestDx.Phantoms.Geometry.Profiles;

namespace ChestDx.Phantoms.Findings;

/// <summary>Which lobe collapsed.</summary>
public enum CollapsedLobe
{
    /// <summary>Upper lobe (either lung): a wedge from the hilum up to the apex and mediastinum.</summary>
    Upper,
    /// <summary>Right lower lobe: a triangle from the hilum down along the mediastinum to the diaphragm.</summary>
    Lower,
}

/// <summary>
/// Atelectasis as lobar collapse: the airless lobe is a wedge of increased density with its apex at the hilum and
/// straight, sharp margins where the displaced fissures bound it (Felson's signs of lobar collapse). Lower-lobe
/// collapse also raises the hemidiaphragm (volume loss), so its twin differs at the diaphragm too.
/// </summary>
public sealed record Atelectasis(int Side, CollapsedLobe Lobe, double Dir1U, double Dir1V, double Dir2U, double Dir2V,
    double Fill, double Density, double Elevation) : PlantedFinding
{
    /// <summary>Wedge opening angle: 40–75°, 7–15 pixels wide at 64² a wedge-length from the hilum.</summary>
    public static ParameterRange AngleRange { get; } =
        new(40, 75, "degrees", "opening angle of the collapsed-lobe wedge");
    /// <summary>Share of the air lost along a ray through the wedge: the collapsed lobe is airless, but aerated lobes
    /// in front of or behind it keep some, so the wedge is a veil rather than a whiteout.</summary>
    public static ParameterRange FillRange { get; } = new(0.5, 0.75, "fraction", "share of the air lost in the wedge");
    /// <summary>The airless lobe is denser than the aerated lung it came from: crowded vessels and bronchi.</summary>
    public static ParameterRange DensityRange { get; } =
        new(0.02, 0.05, "attenuation", "added attenuation of the collapsed lobe");
    public static ParameterRange ElevationRange { get; } =
        new(0.02, 0.05, "frame units", "hemidiaphragm elevation (lower lobe only)");
    public const double UpperLobeProbability = 0.55;

    public override FindingKind Kind => FindingKind.Atelectasis;

    public static Atelectasis Sample(ref SeededRandom random)
    {
        bool upper = random.Bernoulli(UpperLobeProbability);
        int side = upper ? random.Sign() : -1; // left lower-lobe collapse hides behind the heart at 64 px
        double opening = random.Uniform(AngleRange);
        double fill = random.Uniform(FillRange);
        double density = random.Uniform(DensityRange);
        double elevation = upper ? 0 : random.Uniform(ElevationRange);
        // Angles in the lung's own (lateral x, downward v) plane, measured from +x (lateral) toward +v (down).
        double first = upper ? random.Uniform(-105, -90) : random.Uniform(95, 105);  // along the mediastinum
        double second = upper ? first + opening : first - opening;                   // the displaced fissure
        double a1 = PortableMath.Radians(first), a2 = PortableMath.Radians(second);
        return new Atelectasis(side, upper ? CollapsedLobe.Upper : CollapsedLobe.Lower,
            side * PortableMath.Cos(a1), PortableMath.Sin(a1), side * PortableMath.Cos(a2), PortableMath.Sin(a2), fill,
                density, elevation);
    }

    public override ChestAnatomy Reshape(ChestAnatomy anatomy)
    {
        if (Elevation == 0) return anatomy;
        LungShape lung = anatomy.Lung(Side);
        LungShape raised = lung with { DomeV = lung.DomeV - Elevation, CostophrenicV = lung.CostophrenicV - Elevation };
        return Side < 0 ? anatomy with { RightLung = raised } : anatomy with { LeftLung = raised };
    }

    public override void Accumulate(double u, double v, double edge, ChestAnatomy anatomy, ref FindingEffects effects)
    {
        double hu = Side < 0 ? anatomy.RightHilumU : anatomy.LeftHilumU;
        double hv = Side < 0 ? anatomy.RightHilumV : anatomy.LeftHilumV;
        double pu = u - hu, pv = v - hv;
        // Inside the wedge between the two rays: both signed distances have the orientation of (dir1 × dir2).
        double orientation = Dir1U * Dir2V - Dir1V * Dir2U > 0 ? 1 : -1;
        double d1 = orientation * (Dir1U * pv - Dir1V * pu);
        double d2 = orientation * (pu * Dir2V - pv * Dir2U);
        double wedge = Step(d1, edge) * Step(d2, edge) * Step(Math.Sqrt(pu * pu + pv * pv) - 0.03, 0.03);
        if (wedge == 0) return;
        double inLung = anatomy.Lung(Side).Mask(u, v, edge);
        effects.AddFill(Fill * wedge * inLung);
        effects.AddMarkingsLoss(0.7 * wedge * inLung);
        effects.Density += Density * wedge * inLung;
    }

    public override PatientBox Extent(ChestAnatomy anatomy)
    {
        LungShape lung = anatomy.Lung(Side);
        double a = Side * (lung.MedialX - 0.05), b = Side * (lung.WallX + 0.05);
        return new PatientBox(Math.Min(a, b), lung.ApexV - 0.05, Math.Max(a, b), lung.CostophrenicV + 0.05);
    }
}
