namespace ChestDx.Evaluation.Metrics;

/// <summary>One vertex of an empirical ROC or precision–recall curve, reached by calling scores ≥ Threshold positive.</summary>
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

    /// <summary>Precision–recall vertices (X = recall, Y = precision), highest threshold first; empty without positives.</summary>
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

    /// <summary>
    /// Sensitivity at each false-positive rate of <paramref name="grid"/> along the ROC polyline (linear within a tie
    /// group; the top of a vertical segment where the curve rises at constant FPR). Used for the pointwise bootstrap
    /// band, where every resample is read at the same grid.
    /// </summary>
    public static void SensitivityAtFpr(ReadOnlySpan<int> positives, ReadOnlySpan<int> negatives, long totalPositives,
        long totalNegatives, ReadOnlySpan<double> grid, Span<double> sensitivity)
    {
        int k = 0;
        double x0 = 0, y0 = 0;
        long tp = 0, fp = 0;
        for (int g = 0; g < positives.Length; g++)
        {
            tp += positives[g];
            fp += negatives[g];
            double x1 = (double)fp / totalNegatives, y1 = (double)tp / totalPositives;
            // Grid points on this segment; one equal to x1 is revisited by the next segment, which can only be higher.
            for (int j = k; j < grid.Length && grid[j] <= x1; j++)
                sensitivity[j] = x1 == x0 ? y1 : y0 + (grid[j] - x0) / (x1 - x0) * (y1 - y0);
            while (k < grid.Length && grid[k] < x1) k++;
            x0 = x1;
            y0 = y1;
        }
    }
}
