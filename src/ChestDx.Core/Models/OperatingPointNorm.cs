namespace ChestDx.Core.Models;

/// <summary>
/// torchxrayvision's <c>op_norm</c> (torchxrayvision/models.py; data-manifests/MODEL_FORMAT.md, "Importing models"):
/// maps a sigmoid output p so that the class's operating point t lands on 0.5, piecewise linearly and monotonically:
/// p &lt; t → p / (2t); p ≥ t → 1 − (1 − p) / (2(1 − t)); no operating point (NaN) → 0.5. The result is a score whose
/// 0.5 is the decision threshold, not a probability; AUROC is unchanged (monotone map).
/// </summary>
public static class OperatingPointNorm
{
    /// <summary>op_norm of one sigmoid output <paramref name="p"/> at operating point <paramref name="t"/>.</summary>
    public static float Apply(float p, float t)
    {
        if (float.IsNaN(t)) return 0.5f;
        // In float32, in xrv's order of operations, so outputs equal torchxrayvision's to the last bit or so.
        return p < t ? p / (t * 2f) : 1f - (1f - p) / ((1f - t) * 2f);
    }

    /// <summary>
    /// op_norm of each class's output in place; <paramref name="points"/> in the model's class order.
    /// </summary>
    public static void Apply(Span<float> probabilities, IReadOnlyList<double> points)
    {
        if (probabilities.Length != points.Count)
            throw new ArgumentException($"{probabilities.Length} outputs for {points.Count} operating points");
        for (int c = 0; c < probabilities.Length; c++) probabilities[c] = Apply(probabilities[c], (float)points[c]);
    }
}
