using ChestDx.Core.Randomness;
using ChestDx.Phantoms.Anatomy;
using static ChestDx.Phantoms.Geometry.Profiles;

namespace ChestDx.Phantoms.Findings;

/// <summary>
/// Nodule: a small round solid opacity, ≤ 3 cm (Fleischner Society glossary, Hansell et al., Radiology 2008). Drawn
/// as a sphere of soft-tissue-like density; it adds attenuation only inside its disc, so a nodule phantom differs
/// from its finding-free twin only there. Ribs may overlap it, as on real films.
/// </summary>
public sealed record Nodule(int Side, double U, double V, double Radius, double Density) : PlantedFinding
{
    /// <summary>Radius 0.065–0.075 frame units is 2.6–3 cm in diameter: 4.5–5.5 pixels across at 64² and 9–11 at 128²,
    /// the largest a nodule can be (≤ 3 cm) because smaller ones are not reliably learnable at 64²
    /// from 600 films.</summary>
    public static ParameterRange RadiusRange { get; } =
        new(0.065, 0.075, "frame units", "sphere radius (diameter 2.6–3 cm)");
    /// <summary>Attenuation per frame unit of chord: two to three times soft tissue (a dense, partly calcified nodule),
    /// so that it stands out from rib crossings and vessels seen end-on by 40–80 grey levels at 64².</summary>
    public static ParameterRange DensityRange { get; } = new(2.2, 3.0, "attenuation per frame unit", "solid density");

    public override FindingKind Kind => FindingKind.Nodule;

    public static Nodule Sample(ref SeededRandom random, ChestAnatomy anatomy)
    {
        double radius = random.Uniform(RadiusRange);
        double density = random.Uniform(DensityRange);
        var (side, u, v) = LesionPlacement.Place(ref random, anatomy, radius, 0.02);
        return new Nodule(side, u, v, radius, density);
    }

    public override void Accumulate(double u, double v, double edge, ChestAnatomy anatomy, ref FindingEffects effects)
    {
        double du = u - U, dv = v - V;
        double d = Math.Sqrt(du * du + dv * dv);
        if (d >= Radius) return;
        effects.Density += Density * 2 * Radius * Chord(d / Radius);
    }

    public override PatientBox Extent(ChestAnatomy anatomy) => PatientBox.Around(U, V, Radius);
}
