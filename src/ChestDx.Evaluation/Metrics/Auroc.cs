namespace ChestDx.Evaluation.Metrics;

/// <summary>
/// Area under the ROC curve, exact with ties: the Mann–Whitney U statistic with midranks divided by n₊·n₋, which
/// equals the trapezoidal area under the empirical ROC curve and scikit-learn's roc_auc_score.
/// </summary>
public static class Auroc
{
    /// <summary>AUROC of <paramref name="scores"/> for the binary truth <paramref name="positive"/>; null when one class is absent.</summary>
    public static double? Compute(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positive)
    {
        if (scores.Length != positive.Length)
            throw new ArgumentException($"{scores.Length} scores but {positive.Length} labels");
        int n = scores.Length;
        long nPos = 0;
        foreach (bool p in positive) if (p) nPos++;
        long nNeg = n - nPos;
        if (nPos == 0 || nNeg == 0) return null;
        foreach (double s in scores)
            if (double.IsNaN(s)) throw new ArgumentException("a score is NaN");

        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        double[] keys = scores.ToArray();
        Array.Sort(keys, order);

        // Sum of the positives' midranks (1-based); a run of equal scores shares the mean of its ranks.
        double positiveRankSum = 0;
        for (int start = 0; start < n;)
        {
            int end = start + 1;
            while (end < n && keys[end] == keys[start]) end++;
            double midrank = (start + 1 + end) / 2.0;
            int positivesInRun = 0;
            for (int k = start; k < end; k++) if (positive[order[k]]) positivesInRun++;
            positiveRankSum += positivesInRun * midrank;
            start = end;
        }
        double u = positiveRankSum - nPos * (nPos + 1) / 2.0;
        return u / ((double)nPos * nNeg);
    }
}
