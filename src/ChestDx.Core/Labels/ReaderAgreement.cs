namespace ChestDx.Core.Labels;

/// <summary>
/// Fleiss' kappa (Fleiss 1971, "Measuring nominal scale agreement among many raters") for one binary finding rated by
/// the same number n of readers on each of N items: with n_i readers marking item i positive,
/// P_i = (n_i(n_i − 1) + (n − n_i)(n − n_i − 1)) / (n(n − 1)), P̄ the mean of P_i, p = Σ n_i / (N n) and
/// P_e = p² + (1 − p)², kappa = (P̄ − P_e) / (1 − P_e). Undefined (null) when P_e = 1: every reader gave every item
/// the same label, so there is no disagreement to measure and no chance agreement to correct for.
/// </summary>
public static class ReaderAgreement
{
    /// <param name="positives">n_i per item.</param>
    /// <param name="readers">n, the same for every item (at least 2).</param>
    public static double? FleissKappa(IReadOnlyList<int> positives, int readers)
    {
        if (readers < 2)
            throw new ArgumentOutOfRangeException(nameof(readers), "Fleiss' kappa needs 2 or more readers");
        if (positives.Count == 0) return null;
        double n = readers, sumP = 0, sumPositive = 0;
        foreach (int k in positives)
        {
            if (k < 0 || k > readers) throw new ArgumentOutOfRangeException(nameof(positives), $"{k} of {readers}");
            sumP += (k * (k - 1.0) + (n - k) * (n - k - 1.0)) / (n * (n - 1.0));
            sumPositive += k;
        }
        double pBar = sumP / positives.Count;
        double p = sumPositive / (positives.Count * n);
        double pE = p * p + (1 - p) * (1 - p);
        return pE >= 1 ? null : (pBar - pE) / (1 - pE);
    }
}
