using ChestDx.Evaluation.Bootstrap;

namespace ChestDx.Evaluation.Subgroups;

/// <summary>The underdiagnosis rate in the whole population and in every subgroup, and its bootstrap samples.</summary>
internal sealed class UnderdiagnosisGroups
{
    private UnderdiagnosisGroups() { }

    public required CalledHealthy Called { get; init; }
    public required UnderdiagnosisRate Overall { get; init; }

    /// <summary>[attribute][subgroup].</summary>
    public required UnderdiagnosisRate[][] Groups { get; init; }

    /// <summary>[attribute][subgroup] differences to the whole population per resample; null where not
    /// estimated.</summary>
    public double[]?[][]? Samples { get; set; }

    public required double Level { get; init; }

    public bool Defined => Called.Definition.UndefinedReason is null;

    public static UnderdiagnosisGroups Build(CalledHealthy called, GroupLayout layout, SubgroupOptions options,
        double level)
    {
        bool defined = called.Definition.UndefinedReason is null;
        UnderdiagnosisRate Estimate(string attribute, string group, Func<int, bool> member)
        {
            int images = 0, withFinding = 0, healthy = 0;
            for (int i = 0; i < called.WithFinding.Length; i++)
            {
                if (!member(i) || called.WithFinding[i] is not { } f) continue;
                images++;
                if (!f) continue;
                withFinding++;
                if (called.Healthy[i]) healthy++;
            }
            string? small = !defined || withFinding >= options.MinPositives ? null
                : $"{withFinding} image{(withFinding == 1 ? "" : "s")} with a finding, "
                  + $"fewer than {options.MinPositives}";
            return new UnderdiagnosisRate
            {
                Attribute = attribute, Group = group, Images = images, WithFinding = withFinding,
                CalledHealthy = healthy, TooSmall = small,
                Rate = defined && small is null ? (double)healthy / withFinding : null,
            };
        }

        return new UnderdiagnosisGroups
        {
            Called = called,
            Overall = Estimate(SubgroupAnalysis.All, SubgroupAnalysis.All, _ => true),
            Groups = layout.Names.Select((names, a) => names
                .Select((g, v) => Estimate(layout.AttributeName(a), g, i => layout.GroupOf[a][i] == v)).ToArray())
                .ToArray(),
            Level = level,
        };
    }

    public IReadOnlyList<UnderdiagnosisRate> Rows(GroupLayout layout)
    {
        var rows = new List<UnderdiagnosisRate> { Overall };
        for (int a = 0; a < Groups.Length; a++)
            for (int v = 0; v < Groups[a].Length; v++)
            {
                UnderdiagnosisRate g = Groups[a][v];
                if (g.Rate is null || Overall.Rate is null)
                {
                    rows.Add(g);
                    continue;
                }
                double[]? s = Samples?[a][v];
                rows.Add(g with
                {
                    Difference = new MetricDifference(g.Rate - Overall.Rate,
                        s is null ? null : PercentileInterval.Of(s, Level)),
                });
            }
        return rows;
    }
}
