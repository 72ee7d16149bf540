namespace ChestDx.Evaluation.Metrics;

/// <summary>Chance-corrected agreement between binary ratings of the same cases.</summary>
public static class Agreement
{
    /// <summary>
    /// Cohen's kappa of two raters (Cohen 1960), as scikit-learn's cohen_kappa_score (unweighted); null when chance
    /// agreement is 1 (both raters gave the same single value to everything).
    /// </summary>
    public static double? CohenKappa(ReadOnlySpan<bool> a, ReadOnlySpan<bool> b)
    {
        if (a.Length != b.Length) throw new ArgumentException("the raters must rate the same cases");
        long tp = 0, fp = 0, fn = 0, tn = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i]) { if (b[i]) tp++; else fn++; }
            else if (b[i]) fp++; else tn++;
        }
        return new BinaryCounts(tp, fp, fn, tn).CohenKappa;
    }

    /// <summary>
    /// Fleiss' kappa (Fleiss 1971, Psychological Bulletin 76(5)) for binary ratings:
    /// <paramref name="positiveVotes"/>[i] of <paramref name="raters"/> raters called case i positive.
    /// κ = (P̄ − P̄ₑ)/(1 − P̄ₑ); null when P̄ₑ = 1.
    /// </summary>
    public static double? FleissKappa(ReadOnlySpan<int> positiveVotes, int raters)
    {
        if (raters < 2)
            throw new ArgumentOutOfRangeException(nameof(raters), raters, "Fleiss' kappa needs at least two raters");
        int n = positiveVotes.Length;
        if (n == 0) return null;
        double agreement = 0;
        long totalPositive = 0;
        foreach (int votes in positiveVotes)
        {
            if ((uint)votes > (uint)raters)
                throw new ArgumentOutOfRangeException(nameof(positiveVotes), votes, "more votes than raters");
            int no = raters - votes;
            agreement += ((double)votes * (votes - 1) + (double)no * (no - 1)) / ((double)raters * (raters - 1));
            totalPositive += votes;
        }
        double pBar = agreement / n;
        double p1 = (double)totalPositive / ((double)n * raters);
        double pe = p1 * p1 + (1 - p1) * (1 - p1);
        return pe == 1 ? null : (pBar - pe) / (1 - pe);
    }
}
