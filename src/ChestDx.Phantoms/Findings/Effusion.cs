using ChestDx.Core.Randomness;
using ChestDx.Phantoms.Anatomy;
using static ChestDx.Phantoms.Geometry.Profiles;

namespace ChestDx.Phantoms.Findings;

/// <summary>Pleural fluid at one lung base: how high it climbs the lateral wall and medially above the
/// costophrenic angle.</summary>
public readonly record struct EffusionLayer(int Side, double LateralHeight, double MedialHeight, double Gradient,
    double FluidDensity);

/// <summary>
/// Pleural effusion on an erect film: fluid fills the costophrenic angle first (blunting it) and rises higher along
/// the lateral chest wall than medially — the meniscus sign — with a hazy upper margin because the fluid layer thins
/// upward. Fluid replaces lung air, so the base turns as dense as the abdomen and the diaphragm silhouette is lost.
/// Unilateral (right or left) or bilateral.
/// </summary>
public sealed record Effusion(IReadOnlyList<EffusionLayer> Layers) : PlantedFinding
{
    /// <summary>Height of the meniscus at the chest wall above the costophrenic angle: 0.18–0.45 frame units
    /// (about 4–9 cm; ≥ 6 pixels at 64²).
    /// Smaller effusions (&lt; 200 ml) do not blunt the angle on a PA film anyway.</summary>
    public static ParameterRange LateralHeightRange { get; } =
        new(0.18, 0.45, "frame units", "fluid height at the lateral chest wall");
    /// <summary>Attenuation of the fluid layer itself where it is full thickness,
    /// on top of the lung air it displaces.</summary>
    public static ParameterRange FluidDensityRange { get; } =
        new(0.08, 0.16, "attenuation", "added attenuation of the fluid layer");
    public static ParameterRange MedialRatioRange { get; } =
        new(0.15, 0.55, "ratio", "medial fluid height / lateral height (meniscus curvature)");
    public static ParameterRange GradientRange { get; } =
        new(0.06, 0.14, "frame units", "height over which the meniscus fades upward");
    public const double BilateralProbability = 0.25;

    public override FindingKind Kind => FindingKind.Effusion;

    public static Effusion Sample(ref SeededRandom random)
    {
        bool bilateral = random.Bernoulli(BilateralProbability);
        int firstSide = random.Sign();
        var layers = new List<EffusionLayer>();
        for (int i = 0; i < (bilateral ? 2 : 1); i++)
        {
            double lateral = random.Uniform(LateralHeightRange);
            layers.Add(new EffusionLayer(
                i == 0 ? firstSide : -firstSide, lateral, lateral * random.Uniform(MedialRatioRange),
                random.Uniform(GradientRange), random.Uniform(FluidDensityRange)));
        }
        return new Effusion(layers);
    }

    public override void Accumulate(double u, double v, double edge, ChestAnatomy anatomy, ref FindingEffects effects)
    {
        foreach (EffusionLayer layer in Layers)
        {
            LungShape lung = anatomy.Lung(layer.Side);
            double x = layer.Side * u;
            if (x < lung.MedialX - 0.05) continue;
            double r = Clamp01((x - lung.MedialX) / (lung.WallX - lung.MedialX));
            double surface =
                lung.CostophrenicV - (layer.MedialHeight + (layer.LateralHeight - layer.MedialHeight) * r * r);
            double depth = v - surface;
            if (depth <= -edge) continue;
            double rise = Clamp01(depth / layer.Gradient);
            double fill = rise * rise * (3 - 2 * rise) * Step(depth, edge);
            effects.AddFill(fill);
            effects.AddMarkingsLoss(fill);
            effects.Density += layer.FluidDensity * fill * lung.Mask(u, v, edge);
        }
    }

    public override PatientBox Extent(ChestAnatomy anatomy)
    {
        double minU = double.MaxValue, maxU = double.MinValue, minV = double.MaxValue, maxV = double.MinValue;
        foreach (EffusionLayer layer in Layers)
        {
            LungShape lung = anatomy.Lung(layer.Side);
            double a = layer.Side * (lung.MedialX - 0.05), b = layer.Side * (lung.WallX + 0.05);
            minU = Math.Min(minU, Math.Min(a, b));
            maxU = Math.Max(maxU, Math.Max(a, b));
            minV = Math.Min(minV, lung.CostophrenicV - layer.LateralHeight - 0.02);
            maxV = Math.Max(maxV, lung.CostophrenicV + 0.05);
        }
        return new PatientBox(minU, minV, maxU, maxV);
    }
}
