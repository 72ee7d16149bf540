using ChestDx.Core.Randomness;
using ChestDx.Phantoms.Anatomy;

namespace ChestDx.Phantoms.Findings;

/// <summary>
/// Where a focal finding may go: uniformly over the area of both lung fields, whole within the lung with a margin,
/// and not behind the heart — not even behind the largest heart cardiomegaly could give this patient, so that where a
/// lesion goes does not depend on whether the heart is enlarged. Rejection sampling from the lungs' bounding box, so
/// larger lungs receive proportionally more findings.
/// </summary>
public static class LesionPlacement
{
    private const int MaxAttempts = 2000;

    public static (int Side, double U, double V) Place(ref SeededRandom random, ChestAnatomy anatomy, double radius,
        double margin)
    {
        LungShape right = anatomy.RightLung, left = anatomy.LeftLung;
        HeartShape largest = new Cardiomegaly(Cardiomegaly.CtrRange.Max).Reshape(anatomy).Heart;
        double minU = -right.WallX, maxU = left.WallX;
        double minV = Math.Min(right.ApexV, left.ApexV), maxV = Math.Max(right.CostophrenicV, left.CostophrenicV);
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            double u = random.Uniform(minU, maxU), v = random.Uniform(minV, maxV);
            LungShape lung = u < anatomy.Mediastinum.MidlineU ? right : left;
            if (!lung.ContainsWithMargin(u, v, radius * 0.6 + margin)) continue;
            if (largest.Chord(u, v) > 0) continue;
            return (lung.Side, u, v);
        }
        // Unreachable for the anatomy ranges phantoms use; a fixed mid-zone point keeps generation total.
        return (-1, -(right.MedialX + right.WallX) / 2, right.ApexV + 0.45 * right.Height);
    }
}
