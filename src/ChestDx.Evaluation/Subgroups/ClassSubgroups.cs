using ChestDx.Evaluation.Bootstrap;
using ChestDx.Evaluation.Inputs;
using ChestDx.Evaluation.Metrics;

namespace ChestDx.Evaluation.Subgroups;

/// <summary>Bootstrap values of one subgroup's differences to the whole population, one per resample (NaN where the
/// resample left the statistic undefined).</summary>
internal sealed class DifferenceSamples(int resamples)
{
    public double[] Auroc { get; } = new double[resamples];
    public double[] Sensitivity { get; } = new double[resamples];
    public double[] Specificity { get; } = new double[resamples];
    public double[] FalsePositiveRate { get; } = new double[resamples];
}

/// <summary>
/// One class's point estimates in the whole population and in every subgroup, and what its bootstrap needs: the
/// known-label images ranked once over the whole population (a subgroup's counts per tie group of that ranking give
/// its AUROC and its counts at the threshold exactly).
/// </summary>
internal sealed class ClassSubgroups
{
    private ClassSubgroups() { }

    public required SubgroupClassMetrics Overall { get; init; }

    /// <summary>[attribute][subgroup].</summary>
    public required SubgroupClassMetrics[][] Groups { get; init; }

    /// <summary>[attribute][subgroup]; null where the subgroup (or the whole population) is too small.</summary>
    public DifferenceSamples?[][]? Samples { get; set; }

    public required double Level { get; init; }

    /// <summary>Known-label images of the class: image index, tie group and truth, in input order.</summary>
    public required int[] Image { get; init; }
    public required int[] TieGroup { get; init; }
    public required bool[] Positive { get; init; }
    public required int TieGroups { get; init; }

    /// <summary>Tie groups [0, Cut) are called positive; −1 when the class has no threshold.</summary>
    public required int Cut { get; init; }

    public static ClassSubgroups Build(EvaluationSet set, int c, double? threshold, GroupLayout layout,
        SubgroupOptions options, double level)
    {
        string name = set.Classes[c];
        sbyte[] labels = set.Labels[c];
        int[] known = Enumerable.Range(0, labels.Length).Where(i => labels[i] != ReferenceLabels.Unknown).ToArray();
        double[] scores = known.Select(i => set.Scores[c][i]).ToArray();
        bool[] positive = known.Select(i => labels[i] == 1).ToArray();
        RankedScores ranked = RankedScores.Build(scores, positive);

        SubgroupClassMetrics Estimate(string attribute, string group, int[] items)
        {
            double[] s = items.Select(k => scores[k]).ToArray();
            bool[] p = items.Select(k => positive[k]).ToArray();
            int m = p.Count(x => x), n = p.Length - m;
            string? small = m < options.MinPositives
                ? $"{m} positive{(m == 1 ? "" : "s")}, fewer than {options.MinPositives}"
                : n < options.MinNegatives ? $"{n} negative{(n == 1 ? "" : "s")}, fewer than {options.MinNegatives}"
                : null;
            var metrics = new SubgroupClassMetrics
            {
                Attribute = attribute, Group = group, Class = name, N = p.Length, Positives = m, TooSmall = small,
                Threshold = threshold,
            };
            if (small is not null) return metrics;
            RankedScores r = RankedScores.Build(s, p);
            return metrics with
            {
                Auroc = r.Auroc(),
                DeLong = DeLong.Estimate(r, level),
                Counts = threshold is { } t ? r.CountsAt(t) : null,
            };
        }

        int[] all = Enumerable.Range(0, known.Length).ToArray();
        var groups = new SubgroupClassMetrics[layout.Attributes.Count][];
        for (int a = 0; a < groups.Length; a++)
        {
            int[] groupOf = layout.GroupOf[a];
            groups[a] = layout.Names[a]
                .Select((g, v) =>
                    Estimate(layout.AttributeName(a), g, all.Where(k => groupOf[known[k]] == v).ToArray()))
                .ToArray();
        }
        return new ClassSubgroups
        {
            Overall = Estimate(SubgroupAnalysis.All, SubgroupAnalysis.All, all),
            Groups = groups,
            Level = level,
            Image = known,
            TieGroup = ranked.GroupOf,
            Positive = positive,
            TieGroups = ranked.Groups,
            Cut = threshold is { } t ? ranked.GroupsAtOrAbove(t) : -1,
        };
    }

    /// <summary>The whole population, then every subgroup with its differences to it.</summary>
    public IEnumerable<SubgroupClassMetrics> Rows(GroupLayout layout)
    {
        yield return Overall;
        for (int a = 0; a < Groups.Length; a++)
            for (int v = 0; v < Groups[a].Length; v++)
            {
                SubgroupClassMetrics g = Groups[a][v];
                if (g.TooSmall is not null || Overall.TooSmall is not null)
                {
                    yield return g;
                    continue;
                }
                DifferenceSamples? s = Samples?[a][v];
                yield return g with
                {
                    AurocDifference = Difference(g.Auroc, Overall.Auroc, s?.Auroc),
                    SensitivityDifference = Difference(g.Sensitivity, Overall.Sensitivity, s?.Sensitivity),
                    SpecificityDifference = Difference(g.Specificity, Overall.Specificity, s?.Specificity),
                    FalsePositiveRateDifference =
                        Difference(g.FalsePositiveRate, Overall.FalsePositiveRate, s?.FalsePositiveRate),
                };
            }
    }

    private MetricDifference Difference(double? group, double? overall, double[]? samples) =>
        new(group - overall, samples is null || group is null || overall is null
            ? null
            : PercentileInterval.Of(samples, Level));
}
