namespace ChestDx.Evaluation.Tests.Metrics;

/// <summary>
/// AUROC by its definition (Hanley &amp; McNeil 1982): over every positive–negative pair, 1 when the positive scores
/// higher and ½ on a tie, divided by the number of pairs. O(n₊·n₋) and written independently of
/// <see cref="ChestDx.Evaluation.Metrics.RankedScores"/>, as the reference it is checked against. U is a sum of halves
/// far below 2⁵³, so it is exact and so is the one division: any exact implementation gives the same double.
/// </summary>
internal static class PairwiseAuroc
{
    public static double? Of(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        double u = 0;
        long pairs = 0;
        for (int i = 0; i < scores.Count; i++)
        {
            if (!positive[i]) continue;
            for (int j = 0; j < scores.Count; j++)
            {
                if (positive[j]) continue;
                pairs++;
                u += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
            }
        }
        return pairs == 0 ? null : u / pairs;
    }
}
