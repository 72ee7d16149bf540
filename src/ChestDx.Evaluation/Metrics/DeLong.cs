namespace ChestDx.Evaluation.Metrics;

/// <summary>
/// DeLong's estimate of an AUROC's variance and its normal confidence interval, as R's pROC reports them.
/// </summary>
/// <param name="Variance">
/// S₁₀/m + S₀₁/n; null with fewer than two positives or two negatives (a sample variance needs two).
/// </param>
/// <param name="CiLow">AUROC − z·√Variance, clipped to [0, 1] as pROC's ci.auc does.</param>
public sealed record DeLongEstimate(
    double Auroc, double? Variance, double? CiLow, double? CiHigh, double ConfidenceLevel);

/// <summary>
/// DeLong's paired test of two AUROCs on the same cases (pROC roc.test(paired = TRUE, method = "delong")).
/// </summary>
/// <param name="Z">(AUC_A − AUC_B)/√(Var_A + Var_B − 2·Cov); null when that variance is zero or undefined.</param>
/// <param name="PValue">Two-sided: 2·Φ(−|z|).</param>
/// <param name="DifferenceCiLow">Normal CI of AUC_A − AUC_B (not clipped).</param>
public sealed record PairedDeLongTest(
    double AurocA, double AurocB, double? VarianceA, double? VarianceB, double? Covariance,
    double? Z, double? PValue, double? DifferenceCiLow, double? DifferenceCiHigh);

/// <summary>
/// DeLong, DeLong &amp; Clarke-Pearson (Biometrics 1988) with the O(n log n) algorithm of Sun &amp; Xu (IEEE Signal
/// Processing Letters 21(11), 2014): the structural components are read off midranks. For a positive x,
/// V₁₀(x) = (T_z(x) − T_x(x))/n, the share of negatives below x with ties counted ½; for a negative y,
/// V₀₁(y) = 1 − (T_z(y) − T_y(y))/m. Midranks are constant within a tie group, so both come from one sweep over
/// <see cref="RankedScores"/>. S₁₀, S₀₁ are sample (co)variances (denominator m − 1, n − 1), as in the paper and pROC.
/// </summary>
public static class DeLong
{
    public static DeLongEstimate Estimate(
        ReadOnlySpan<double> scores, ReadOnlySpan<bool> positive, double confidenceLevel = 0.95) =>
        Estimate(RankedScores.Build(scores, positive), confidenceLevel);

    public static DeLongEstimate Estimate(RankedScores ranked, double confidenceLevel = 0.95)
    {
        if (!ranked.HasBothClasses) throw new ArgumentException("DeLong needs at least one positive and one negative");
        var c = Components.Of(ranked);
        double? variance = c.CanEstimateVariance ? c.Variance10() + c.Variance01() : null;
        if (variance is not { } v) return new DeLongEstimate(c.Auroc, null, null, null, confidenceLevel);
        double z = StandardNormal.Quantile(0.5 + confidenceLevel / 2);
        double half = z * Math.Sqrt(v);
        return new DeLongEstimate(
            c.Auroc, v, Math.Max(0, c.Auroc - half), Math.Min(1, c.Auroc + half), confidenceLevel);
    }

    public static PairedDeLongTest Compare(
        ReadOnlySpan<double> scoresA, ReadOnlySpan<double> scoresB, ReadOnlySpan<bool> positive,
        double confidenceLevel = 0.95) =>
        Compare(
            RankedScores.Build(scoresA, positive), RankedScores.Build(scoresB, positive), positive, confidenceLevel);

    /// <param name="positive">The truth both rankings were built from (same items, same order).</param>
    public static PairedDeLongTest Compare(
        RankedScores a, RankedScores b, ReadOnlySpan<bool> positive, double confidenceLevel = 0.95)
    {
        if (a.Count != b.Count || a.Count != positive.Length)
            throw new ArgumentException("the two models must score the same cases");
        if (!a.HasBothClasses) throw new ArgumentException("DeLong needs at least one positive and one negative");
        var ca = Components.Of(a);
        var cb = Components.Of(b);
        if (!ca.CanEstimateVariance)
            return new PairedDeLongTest(ca.Auroc, cb.Auroc, null, null, null, null, null, null, null);

        double m = a.TotalPositives, n = a.TotalNegatives;
        double s10ab = 0, s01ab = 0;
        for (int i = 0; i < positive.Length; i++)
        {
            int ga = a.GroupOf[i], gb = b.GroupOf[i];
            if (positive[i]) s10ab += (ca.V10[ga] - ca.Auroc) * (cb.V10[gb] - cb.Auroc);
            else s01ab += (ca.V01[ga] - ca.Auroc) * (cb.V01[gb] - cb.Auroc);
        }
        double covariance = s10ab / (m - 1) / m + s01ab / (n - 1) / n;
        double varA = ca.Variance10() + ca.Variance01(), varB = cb.Variance10() + cb.Variance01();
        double varDiff = varA + varB - 2 * covariance;
        double diff = ca.Auroc - cb.Auroc;
        if (!(varDiff > 0))
            return new PairedDeLongTest(ca.Auroc, cb.Auroc, varA, varB, covariance, null, null, null, null);
        double se = Math.Sqrt(varDiff);
        double zStat = diff / se;
        double q = StandardNormal.Quantile(0.5 + confidenceLevel / 2);
        return new PairedDeLongTest(ca.Auroc, cb.Auroc, varA, varB, covariance, zStat, StandardNormal.TwoSidedP(zStat),
            diff - q * se, diff + q * se);
    }

    /// <summary>V₁₀ and V₀₁ per tie group (equal for every item in the group), and the AUROC they average to.</summary>
    private sealed class Components
    {
        public required double[] V10 { get; init; }
        public required double[] V01 { get; init; }
        public required double Auroc { get; init; }
        public required RankedScores Ranked { get; init; }

        public bool CanEstimateVariance => Ranked.TotalPositives >= 2 && Ranked.TotalNegatives >= 2;

        public static Components Of(RankedScores r)
        {
            int groups = r.Groups;
            var v10 = new double[groups];
            var v01 = new double[groups];
            double m = r.TotalPositives, n = r.TotalNegatives;
            long negativesAbove = 0, positivesAbove = 0;
            double sum10 = 0;
            for (int g = 0; g < groups; g++)
            {
                long negativesBelow = r.TotalNegatives - negativesAbove - r.Negatives[g];
                v10[g] = (negativesBelow + 0.5 * r.Negatives[g]) / n;
                v01[g] = (positivesAbove + 0.5 * r.Positives[g]) / m;
                sum10 += r.Positives[g] * v10[g];
                negativesAbove += r.Negatives[g];
                positivesAbove += r.Positives[g];
            }
            return new Components { V10 = v10, V01 = v01, Auroc = sum10 / m, Ranked = r };
        }

        public double Variance10()
        {
            double s = 0;
            for (int g = 0; g < V10.Length; g++) s += Ranked.Positives[g] * Sq(V10[g] - Auroc);
            return s / (Ranked.TotalPositives - 1) / Ranked.TotalPositives;
        }

        public double Variance01()
        {
            double s = 0;
            for (int g = 0; g < V01.Length; g++) s += Ranked.Negatives[g] * Sq(V01[g] - Auroc);
            return s / (Ranked.TotalNegatives - 1) / Ranked.TotalNegatives;
        }

        private static double Sq(double x) => x * x;
    }
}
