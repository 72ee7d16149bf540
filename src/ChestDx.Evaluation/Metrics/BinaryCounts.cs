namespace ChestDx.Evaluation.Metrics;

/// <summary>
/// A 2×2 confusion table and the rates read off it. A rate whose denominator is zero is null ("undefined"), never
/// 0 or NaN: scikit-learn's zero_division=0 would turn "no predicted positives" into a precision of 0.
/// F1 = 2TP / (2TP + FP + FN), which is defined (0) whenever anything was positive in truth or prediction.
/// </summary>
public readonly record struct BinaryCounts(
    long TruePositives, long FalsePositives, long FalseNegatives, long TrueNegatives)
{
    public long Total => TruePositives + FalsePositives + FalseNegatives + TrueNegatives;
    public long Positives => TruePositives + FalseNegatives;
    public long Negatives => FalsePositives + TrueNegatives;

    /// <summary>Recall, true-positive rate: TP / (TP + FN).</summary>
    public double? Sensitivity => Ratio(TruePositives, TruePositives + FalseNegatives);

    /// <summary>True-negative rate: TN / (TN + FP).</summary>
    public double? Specificity => Ratio(TrueNegatives, TrueNegatives + FalsePositives);

    /// <summary>Precision, positive predictive value: TP / (TP + FP).</summary>
    public double? Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    /// <summary>Negative predictive value: TN / (TN + FN).</summary>
    public double? Npv => Ratio(TrueNegatives, TrueNegatives + FalseNegatives);

    public double? F1 => Ratio(2 * TruePositives, 2 * TruePositives + FalsePositives + FalseNegatives);

    public double? Accuracy => Ratio(TruePositives + TrueNegatives, Total);

    /// <summary>
    /// Cohen's kappa of the two binary ratings this table cross-tabulates: (pₒ − pₑ)/(1 − pₑ), Cohen 1960;
    /// null when pₑ = 1 (both raters constant and equal), as scikit-learn's cohen_kappa_score gives NaN there.
    /// </summary>
    public double? CohenKappa
    {
        get
        {
            double n = Total;
            if (n == 0) return null;
            double po = (TruePositives + TrueNegatives) / n;
            double pe = ((double)(TruePositives + FalsePositives) * (TruePositives + FalseNegatives)
                       + (double)(TrueNegatives + FalseNegatives) * (TrueNegatives + FalsePositives)) / (n * n);
            return pe == 1 ? null : (po - pe) / (1 - pe);
        }
    }

    private static double? Ratio(long numerator, long denominator) =>
        denominator == 0 ? null : (double)numerator / denominator;
}
