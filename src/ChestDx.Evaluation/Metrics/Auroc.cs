using System.Buffers;

namespace ChestDx.Evaluation.Metrics;

/// <summary>
/// Area under the ROC curve, exact with ties: the Mann–Whitney U statistic with midranks divided by n₊·n₋, which
/// equals the trapezoidal area under the empirical ROC curve and scikit-learn's roc_auc_score.
/// </summary>
public static class Auroc
{
    /// <summary>AUROC of <paramref name="scores"/> for the binary truth <paramref name="positive"/>; null when one class is absent.</summary>
    /// <remarks>
    /// Training calls this for 14 classes every epoch, so it allocates nothing per call beyond two pooled buffers:
    /// the positives' and the negatives' scores are sorted separately (primitive sorts, no index swapping) and merged,
    /// counting for each positive the negatives below it plus half of those tied with it.
    /// </remarks>
    public static double? Compute(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positive)
    {
        if (scores.Length != positive.Length)
            throw new ArgumentException($"{scores.Length} scores but {positive.Length} labels");
        int n = scores.Length;
        int nPos = 0;
        foreach (bool p in positive) if (p) nPos++;
        int nNeg = n - nPos;
        if (nPos == 0 || nNeg == 0) return null;

        double[] posBuffer = ArrayPool<double>.Shared.Rent(nPos);
        double[] negBuffer = ArrayPool<double>.Shared.Rent(nNeg);
        try
        {
            Span<double> pos = posBuffer.AsSpan(0, nPos), neg = negBuffer.AsSpan(0, nNeg);
            int ip = 0, ineg = 0;
            for (int i = 0; i < n; i++)
            {
                double s = scores[i];
                if (double.IsNaN(s)) throw new ArgumentException($"score {i} is NaN");
                if (positive[i]) pos[ip++] = s; else neg[ineg++] = s;
            }
            pos.Sort();
            neg.Sort();

            // For a run of equal positive scores, negatives strictly below count 1 and tied negatives count ½.
            double u = 0;
            int below = 0, belowOrEqual = 0;
            for (int i = 0; i < nPos;)
            {
                double v = pos[i];
                int run = i + 1;
                while (run < nPos && pos[run] == v) run++;
                while (below < nNeg && neg[below] < v) below++;
                if (belowOrEqual < below) belowOrEqual = below;
                while (belowOrEqual < nNeg && neg[belowOrEqual] == v) belowOrEqual++;
                u += (run - i) * (below + 0.5 * (belowOrEqual - below));
                i = run;
            }
            return u / ((double)nPos * nNeg);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(posBuffer);
            ArrayPool<double>.Shared.Return(negBuffer);
        }
    }
}
