using ChestDx.Core.Randomness;
using ChestDx.Phantoms.Anatomy;
using ChestDx.Phantoms.Determinism;
using static ChestDx.Phantoms.Geometry.Profiles;

namespace ChestDx.Phantoms.Findings;

/// <summary>One lobe of a mass: offset from the mass centre and radius, in frame units.</summary>
public readonly record struct MassLobe(double OffsetU, double OffsetV, double Radius);

/// <summary>
/// Mass: a solid opacity larger than 3 cm (Fleischner glossary), lobulated: a main sphere with up to two smaller
/// lobes, drawn as their union (the longest chord through any lobe), so the outline is lobulated but the density
/// does not pile up where lobes overlap.
/// </summary>
public sealed record Mass(int Side, double U, double V, double Density, IReadOnlyList<MassLobe> Lobes) : PlantedFinding
{
    /// <summary>Main-lobe radius 0.11–0.16 frame units: 4.4–6.4 cm across, 7–11 pixels at 64².</summary>
    public static ParameterRange RadiusRange { get; } =
        new(0.11, 0.16, "frame units", "main lobe radius (diameter 4.4–6.4 cm)");
    public static ParameterRange DensityRange { get; } = new(1.0, 1.4, "attenuation per frame unit", "solid density");
    public static ParameterRange LobeRange { get; } =
        new(0, 2, "lobes", "extra lobes of 0.45–0.7× the main radius, centred 0.45–0.7 radii away");

    public override FindingKind Kind => FindingKind.Mass;

    public static Mass Sample(ref SeededRandom random, ChestAnatomy anatomy)
    {
        double radius = random.Uniform(RadiusRange);
        double density = random.Uniform(DensityRange);
        int extra = random.NextInt(3);
        var lobes = new List<MassLobe> { new(0, 0, radius) };
        for (int i = 0; i < extra; i++)
        {
            double angle = PortableMath.Radians(random.Uniform(0, 360));
            double distance = radius * random.Uniform(0.45, 0.7);
            lobes.Add(new MassLobe(distance * PortableMath.Cos(angle), distance * PortableMath.Sin(angle),
                radius * random.Uniform(0.45, 0.7)));
        }
        var (side, u, v) = LesionPlacement.Place(ref random, anatomy, radius * 1.3, 0.02);
        return new Mass(side, u, v, density, lobes);
    }

    public override void Accumulate(double u, double v, double edge, ChestAnatomy anatomy, ref FindingEffects effects)
    {
        double chord = 0;
        foreach (MassLobe lobe in Lobes)
        {
            double du = u - U - lobe.OffsetU, dv = v - V - lobe.OffsetV;
            double d = Math.Sqrt(du * du + dv * dv);
            if (d < lobe.Radius) chord = Math.Max(chord, 2 * lobe.Radius * Chord(d / lobe.Radius));
        }
        effects.Density += Density * chord;
    }

    public override PatientBox Extent(ChestAnatomy anatomy)
    {
        double minU = U, maxU = U, minV = V, maxV = V;
        foreach (MassLobe lobe in Lobes)
        {
            minU = Math.Min(minU, U + lobe.OffsetU - lobe.Radius);
            maxU = Math.Max(maxU, U + lobe.OffsetU + lobe.Radius);
            minV = Math.Min(minV, V + lobe.OffsetV - lobe.Radius);
            maxV = Math.Max(maxV, V + lobe.OffsetV + lobe.Radius);
        }
        return new PatientBox(minU, minV, maxU, maxV);
    }
}
