namespace ChestDx.Evaluation.Metrics;

/// <summary>
/// One vertex of an empirical ROC or precision–recall curve, reached by calling scores ≥ Threshold positive.
/// </summary>
public readonly record struct CurvePoint(double Threshold, double X, double Y);

/// <summary>
/// Empirical ROC and precision–recall curves, one vertex per distinct score (scikit-learn's roc_curve with
/// drop_intermediate=False and precision_recall_curve). Between vertices the ROC is a straight segment, which is what
/// makes its area the Mann–Whitney AUROC with ties counted ½.
/// </summary>
public static class Curves
{
    /// <summary>ROC vertices (X = 1 − specificity, Y = sensitivity) from (0, 0) at threshold +∞ to (1, 1).</summary>
    public static CurvePoint[] Roc(RankedScores r)
    {
        if (!r.HasBothClasses) return [];
        var points = new CurvePoint[r.Groups + 1];
        points[0] = new CurvePoint(double.PositiveInfinity, 0, 0);
        long tp = 0, fp = 0;
        for (int g = 0; g < r.Groups; g++)
        {
            tp += r.Positives[g];
            fp += r.Negatives[g];
            points[g + 1] = new CurvePoint(r.Values[g], (double)fp / r.TotalNegatives, (double)tp / r.TotalPositives);
        }
        return points;
    }

    /// <summary>
    /// Precision–recall vertices (X = recall, Y = precision), highest threshold first; empty without positives.
    /// </summary>
    public static CurvePoint[] PrecisionRecall(RankedScores r)
    {
        if (r.TotalPositives == 0) return [];
        var points = new CurvePoint[r.Groups];
        long tp = 0, fp = 0;
        for (int g = 0; g < r.Groups; g++)
        {
            tp += r.Positives[g];
            fp += r.Negatives[g];
            points[g] = new CurvePoint(r.Values[g], (double)tp / r.TotalPositives, (double)tp / (tp + fp));
        }
        return points;
    }
}
