using System.Runtime.CompilerServices;

namespace ChestDx.Evaluation.Bootstrap;

/// <summary>
/// Every per-class statistic of one resample in a single pass over the tie groups (highest score first), given how
/// many positives P[g] and negatives N[g] the resample drew in each group: the Mann–Whitney AUROC (ties ½),
/// scikit-learn's average precision, the confusion counts at a threshold cut, and the ROC's sensitivity at a grid of
/// false-positive rates. The grid is compared in counts (FPR·n), so the only divisions are one per positive group
/// (precision) and one per grid point.
/// </summary>
internal static class ResampleSweep
{
    /// <param name="cut">Groups [0, cut) are called positive; −1 for no threshold.</param>
    /// <param name="gridFp">Grid false-positive rates times n, increasing; empty for no band.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(
        ReadOnlySpan<int> p, ReadOnlySpan<int> q, long m, long n, int cut, ReadOnlySpan<double> gridFp,
        Span<double> band, out double auroc, out double averagePrecision, out long tpAtCut, out long fpAtCut)
    {
        double u = 0, ap = 0;
        long tp = 0, fp = 0;
        tpAtCut = 0;
        fpAtCut = 0;
        int k = 0;
        int groups = p.Length;
        for (int g = 0; g < groups; g++)
        {
            if (g == cut) { tpAtCut = tp; fpAtCut = fp; }
            int pg = p[g], ng = q[g];
            long fp1 = fp + ng;
            // Positives are rare in chest X-ray classes (0.2–18 % on NIH), so most groups drew none: the branch is
            // predicted well and skips the division average precision needs per positive group (the costliest
            // instruction here). Adding pg = 0 terms would change nothing, so results are bit-identical either way.
            long tp1 = tp;
            if (pg != 0)
            {
                tp1 = tp + pg;
                // Negatives strictly below this group count 1, tied negatives ½.
                u += pg * ((n - fp1) + 0.5 * ng);
                ap += pg * ((double)tp1 / (tp1 + fp1));
            }
            // ROC band: grid points on the segment from (fp, tp) to (fp1, tp1); a point equal to fp1 is revisited by
            // the next segment, which can only be higher (the top of a vertical run).
            for (int j = k; j < gridFp.Length && gridFp[j] <= fp1; j++)
                band[j] = ng == 0 ? (double)tp1 / m : (tp + (gridFp[j] - fp) / ng * pg) / m;
            while (k < gridFp.Length && gridFp[k] < fp1) k++;
            tp = tp1;
            fp = fp1;
        }
        if (cut >= groups) { tpAtCut = tp; fpAtCut = fp; }
        auroc = m > 0 && n > 0 ? u / ((double)m * n) : double.NaN;
        averagePrecision = m > 0 ? ap / m : double.NaN;
    }
}
