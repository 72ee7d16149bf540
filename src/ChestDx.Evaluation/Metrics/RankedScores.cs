namespace ChestDx.Evaluation.Metrics;

/// <summary>
/// One class's scores grouped into runs of equal score ("tie groups"), highest score first, with the number of
/// positives and negatives in each run. Every threshold metric, curve, AUROC, average precision and DeLong's
/// structural components are sums over these runs, and a bootstrap resample only changes the counts, never the runs:
/// the sort is done once per class and each resample is a linear sweep.
/// </summary>
public sealed class RankedScores
{
    private RankedScores(double[] values, int[] positives, int[] negatives, int[] groupOf, int totalPositives)
    {
        Values = values;
        Positives = positives;
        Negatives = negatives;
        GroupOf = groupOf;
        TotalPositives = totalPositives;
        TotalNegatives = groupOf.Length - totalPositives;
    }

    /// <summary>The distinct scores, strictly decreasing.</summary>
    public double[] Values { get; }

    /// <summary>Positives with score <c>Values[g]</c>.</summary>
    public int[] Positives { get; }

    /// <summary>Negatives with score <c>Values[g]</c>.</summary>
    public int[] Negatives { get; }

    /// <summary>For each input item (input order), the index of its tie group.</summary>
    public int[] GroupOf { get; }

    public int TotalPositives { get; }
    public int TotalNegatives { get; }
    public int Count => GroupOf.Length;
    public int Groups => Values.Length;

    /// <summary>True when both classes are present, i.e. AUROC and the ROC curve are defined.</summary>
    public bool HasBothClasses => TotalPositives > 0 && TotalNegatives > 0;

    public static RankedScores Build(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positive)
    {
        if (scores.Length != positive.Length)
            throw new ArgumentException($"{scores.Length} scores but {positive.Length} labels");
        int n = scores.Length;
        var keys = new double[n];
        var order = new int[n];
        int totalPositives = 0;
        for (int i = 0; i < n; i++)
        {
            double s = scores[i];
            if (double.IsNaN(s)) throw new ArgumentException($"score {i} is NaN");
            // Negated so that an ascending sort puts the highest score first.
            keys[i] = -s;
            order[i] = i;
            if (positive[i]) totalPositives++;
        }
        Array.Sort(keys, order);

        var values = new List<double>();
        var positives = new List<int>();
        var negatives = new List<int>();
        var groupOf = new int[n];
        for (int start = 0; start < n;)
        {
            int end = start + 1;
            while (end < n && keys[end] == keys[start]) end++;
            int g = values.Count, p = 0;
            for (int k = start; k < end; k++)
            {
                groupOf[order[k]] = g;
                if (positive[order[k]]) p++;
            }
            values.Add(-keys[start]);
            positives.Add(p);
            negatives.Add(end - start - p);
            start = end;
        }
        return new RankedScores([.. values], [.. positives], [.. negatives], groupOf, totalPositives);
    }

    /// <summary>
    /// Number of tie groups whose score is at least <paramref name="threshold"/> (predicted positive at it).
    /// </summary>
    public int GroupsAtOrAbove(double threshold)
    {
        // Values decrease: binary search for the first value below the threshold.
        int lo = 0, hi = Values.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Values[mid] >= threshold) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>
    /// Confusion counts when scores ≥ <paramref name="threshold"/> are called positive (scikit-learn's convention).
    /// </summary>
    public BinaryCounts CountsAt(double threshold)
    {
        int cut = GroupsAtOrAbove(threshold);
        long tp = 0, fp = 0;
        for (int g = 0; g < cut; g++) { tp += Positives[g]; fp += Negatives[g]; }
        return new BinaryCounts(tp, fp, TotalPositives - tp, TotalNegatives - fp);
    }

    /// <summary>Mann–Whitney AUROC with midranks; null when a class is absent.</summary>
    public double? Auroc() =>
        HasBothClasses ? AurocFromCounts(Positives, Negatives, TotalPositives, TotalNegatives) : null;

    /// <summary>
    /// Average precision as scikit-learn defines it: Σₙ (Rₙ − Rₙ₋₁)·Pₙ over the distinct thresholds, a step
    /// function with no interpolation; null when there are no positives.
    /// </summary>
    public double? AveragePrecision() =>
        TotalPositives > 0 ? AveragePrecisionFromCounts(Positives, Negatives, TotalPositives) : null;

    internal static double AurocFromCounts(
        ReadOnlySpan<int> positives, ReadOnlySpan<int> negatives, long totalPositives, long totalNegatives)
    {
        double u = 0;
        long negativesAbove = 0;
        for (int g = 0; g < positives.Length; g++)
        {
            long below = totalNegatives - negativesAbove - negatives[g];
            u += positives[g] * (below + 0.5 * negatives[g]);
            negativesAbove += negatives[g];
        }
        return u / ((double)totalPositives * totalNegatives);
    }

    internal static double AveragePrecisionFromCounts(
        ReadOnlySpan<int> positives, ReadOnlySpan<int> negatives, long totalPositives)
    {
        double sum = 0;
        long tp = 0, fp = 0;
        for (int g = 0; g < positives.Length; g++)
        {
            tp += positives[g];
            fp += negatives[g];
            if (positives[g] > 0) sum += positives[g] * ((double)tp / (tp + fp));
        }
        return sum / totalPositives;
    }
}
