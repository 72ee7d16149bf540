using ChestDx.Core.Randomness;
using ChestDx.Phantoms.Anatomy;
using ChestDx.Phantoms.Determinism;
using static ChestDx.Phantoms.Geometry.Profiles;

namespace ChestDx.Phantoms.Findings;

/// <summary>One lump of a consolidation: offset from its centre and radius, in frame units.</summary>
public readonly record struct ConsolidationLump(double OffsetU, double OffsetV, double Radius);

/// <summary>
/// Consolidation: alveolar air replaced by fluid or cells over a segment — an ill-defined, patchy opacity with fuzzy
/// margins that does not change lung volume (unlike atelectasis) and is bounded by the lung (unlike a mass, it never
/// leaves the lung field). Drawn as a cluster of lumps with wide, noise-roughened margins.
/// </summary>
public sealed record Consolidation(int Side, double U, double V, double Fill, double Density, ulong PatchSeed,
    IReadOnlyList<ConsolidationLump> Lumps)
    : PlantedFinding
{
    /// <summary>Lump radius 0.08–0.14; 4–7 lumps within 0.15 of the centre make a 6–12 cm patch (≥ 10
    /// pixels at 64²).</summary>
    public static ParameterRange LumpRadiusRange { get; } = new(0.08, 0.14, "frame units", "radius of each lump");
    public static ParameterRange LumpCountRange { get; } = new(4, 7, "lumps", "lumps per consolidation");
    public static ParameterRange FillRange { get; } =
        new(0.55, 0.8, "fraction", "share of the air replaced where confluent");
    /// <summary>Exudate is denser than the air-and-tissue mix it replaces.</summary>
    public static ParameterRange DensityRange { get; } =
        new(0.03, 0.07, "attenuation", "added attenuation where confluent");
    private const double PatchCell = 0.05;
    private const double MarginNoise = 0.2;

    public override FindingKind Kind => FindingKind.Consolidation;

    public static Consolidation Sample(ref SeededRandom random, ChestAnatomy anatomy)
    {
        int count = (int)LumpCountRange.Min + random.NextInt((int)(LumpCountRange.Max - LumpCountRange.Min) + 1);
        var lumps = new List<ConsolidationLump>(count);
        for (int i = 0; i < count; i++)
        {
            double angle = PortableMath.Radians(random.Uniform(0, 360));
            double distance = i == 0 ? 0 : random.Uniform(0.04, 0.15);
            lumps.Add(new ConsolidationLump(distance * PortableMath.Cos(angle), distance * PortableMath.Sin(angle),
                random.Uniform(LumpRadiusRange)));
        }
        double fill = random.Uniform(FillRange);
        double density = random.Uniform(DensityRange);
        ulong seed = random.NextUInt64();
        var (side, u, v) = LesionPlacement.Place(ref random, anatomy, 0.12, 0.0);
        return new Consolidation(side, u, v, fill, density, seed, lumps);
    }

    public override void Accumulate(double u, double v, double edge, ChestAnatomy anatomy, ref FindingEffects effects)
    {
        // Distance to the nearest lump centre in units of that lump's radius.
        double nearest = double.MaxValue;
        foreach (ConsolidationLump lump in Lumps)
        {
            double du = u - U - lump.OffsetU, dv = v - V - lump.OffsetV;
            nearest = Math.Min(nearest, Math.Sqrt(du * du + dv * dv) / lump.Radius);
        }
        if (nearest >= 1 + MarginNoise) return;
        double inLung = anatomy.Lung(Side).Mask(u, v, edge);
        if (inLung == 0) return;
        // Confluent inside half a radius, then fading over the rest of it along a margin roughened by value noise:
        // ill-defined, unlike a mass's edge. The interior is mottled a little too.
        double d = nearest + MarginNoise * HashNoise.Value(PatchSeed, u, v, PatchCell);
        double fade = Clamp01((d - 0.45) / 0.55);
        double extent = (1 - fade * fade * (3 - 2 * fade))
            * (0.85 + 0.15 * HashNoise.Value(PatchSeed + 1, u, v, PatchCell / 2)) * inLung;
        effects.AddFill(Fill * extent);
        effects.AddMarkingsLoss(0.6 * Fill * extent);
        effects.Density += Density * extent;
    }

    public override PatientBox Extent(ChestAnatomy anatomy)
    {
        double minU = U, maxU = U, minV = V, maxV = V;
        foreach (ConsolidationLump lump in Lumps)
        {
            double reach = lump.Radius * (1 + MarginNoise);
            minU = Math.Min(minU, U + lump.OffsetU - reach);
            maxU = Math.Max(maxU, U + lump.OffsetU + reach);
            minV = Math.Min(minV, V + lump.OffsetV - reach);
            maxV = Math.Max(maxV, V + lump.OffsetV + reach);
        }
        return new PatientBox(minU, minV, maxU, maxV);
    }
}
