using System.Text;
using ChestDx.Evaluation.Subgroups;

namespace ChestDx.Evaluation.Reports;

/// <summary>
/// The "Subgroups" section of report.html: the method, the underdiagnosis table and its forest plot of differences to
/// the whole population, and per class a table and a forest plot of AUROC with DeLong intervals against the whole
/// population's AUROC. Too-small subgroups show their reason in place of a mark.
/// </summary>
public static class SubgroupHtml
{
    public static string Section(SubgroupAnalysisResult s)
    {
        // Intervals of differences are long ("-0.130 (-0.270–-0.019)"): keep each on one line.
        var sb = new StringBuilder("<style>.subgroup-table td,#underdiagnosis-table td{white-space:nowrap}</style>");
        sb.Append($"<p>{Page.Esc(SubgroupText.Method(s))}</p>");
        if (s.Notes.Count > 0)
            sb.Append("<ul class=\"subgroup-notes\">" + string.Concat(s.Notes.Select(n => $"<li>{Page.Esc(n)}</li>"))
                + "</ul>");
        sb.Append("<h3>Underdiagnosis</h3>");
        sb.Append($"<p>{Page.Esc(SubgroupText.Underdiagnosis(s.Underdiagnosis).Replace("**", ""))}</p>");
        sb.Append(UnderdiagnosisTable(s));
        sb.Append(UnderdiagnosisForest(s));
        sb.Append("<h3>AUROC, sensitivity, specificity and false-positive rate per class</h3>");
        foreach (var group in s.Classes.GroupBy(c => c.Class))
        {
            sb.Append($"<figure class=\"subgroup-class\" data-class=\"{Page.Esc(group.Key)}\">");
            sb.Append($"<figcaption>{Page.Esc(group.Key)}</figcaption>");
            sb.Append(ClassTable(group.ToList()));
            sb.Append(ClassForest(group.Key, group.ToList()));
            sb.Append("</figure>");
        }
        return Page.Section("subgroups", "Subgroups", sb.ToString());
    }

    private static string UnderdiagnosisTable(SubgroupAnalysisResult s)
    {
        var sb = new StringBuilder("<table id=\"underdiagnosis-table\" class=\"numbers\"><thead><tr><th>Attribute</th>"
            + "<th>Group</th><th>Images</th><th>With a finding</th><th>Called healthy</th><th>Rate</th>"
            + "<th>Difference to all (CI)</th></tr></thead><tbody>");
        foreach (UnderdiagnosisRate u in s.UnderdiagnosisRates)
        {
            string rate = u.TooSmall is { } why ? $"too small ({why})" : Format.Num(u.Rate);
            sb.Append($"<tr><td>{Page.Esc(u.Attribute)}</td><td>{Page.Esc(u.Group)}</td><td>{u.Images}</td>"
                + $"<td>{u.WithFinding}</td><td>{u.CalledHealthy}</td><td>{Page.Esc(rate)}</td>"
                + $"<td>{Page.Esc(SubgroupText.Difference(u.Difference))}</td></tr>");
        }
        return sb.Append("</tbody></table>").ToString();
    }

    private static string UnderdiagnosisForest(SubgroupAnalysisResult s)
    {
        if (s.Underdiagnosis.UndefinedReason is not null) return "";
        var plot = new ForestPlot("forest-underdiagnosis", "Underdiagnosis rate: subgroup − all",
            "Difference in underdiagnosis rate (positive: more underdiagnosed)", 0, "no difference");
        foreach (var attribute in s.UnderdiagnosisRates.Where(u => u.Attribute != SubgroupAnalysis.All)
                     .GroupBy(u => u.Attribute))
        {
            plot.Heading(attribute.Key);
            foreach (UnderdiagnosisRate u in attribute)
                plot.Row(u.Group, u.Difference?.Value, u.Difference?.Ci?.Low, u.Difference?.Ci?.High,
                    u.TooSmall is { } why ? $"too small: {why}"
                        : $"{Format.Num(u.Rate)} (Δ {SubgroupText.Difference(u.Difference)})");
        }
        return plot.ToString();
    }

    private static string ClassTable(IReadOnlyList<SubgroupClassMetrics> rows)
    {
        var sb = new StringBuilder("<table class=\"numbers subgroup-table\"><thead><tr><th>Attribute</th><th>Group</th>"
            + "<th>n</th><th>Pos</th><th>Prevalence</th><th>AUROC (DeLong CI)</th><th>Δ AUROC (CI)</th>"
            + "<th>Sensitivity</th><th>Δ (CI)</th><th>Specificity</th><th>Δ (CI)</th><th>FPR</th><th>Δ FPR (CI)</th>"
            + "</tr></thead><tbody>");
        foreach (SubgroupClassMetrics c in rows)
        {
            sb.Append($"<tr data-group=\"{Page.Esc(c.Attribute + ":" + c.Group)}\"><td>{Page.Esc(c.Attribute)}</td>"
                + $"<td>{Page.Esc(c.Group)}</td><td>{c.N}</td><td>{c.Positives}</td>"
                + $"<td>{Format.Num(c.Prevalence)}</td>");
            if (c.TooSmall is { } why)
            {
                sb.Append($"<td colspan=\"8\" class=\"too-small\">too small ({Page.Esc(why)})</td></tr>");
                continue;
            }
            sb.Append($"<td>{Format.WithCi(c.Auroc, c.DeLong?.CiLow, c.DeLong?.CiHigh)}</td>"
                + $"<td>{SubgroupText.Difference(c.AurocDifference)}</td><td>{Format.Num(c.Sensitivity)}</td>"
                + $"<td>{SubgroupText.Difference(c.SensitivityDifference)}</td><td>{Format.Num(c.Specificity)}</td>"
                + $"<td>{SubgroupText.Difference(c.SpecificityDifference)}</td>"
                + $"<td>{Format.Num(c.FalsePositiveRate)}</td>"
                + $"<td>{SubgroupText.Difference(c.FalsePositiveRateDifference)}</td></tr>");
        }
        return sb.Append("</tbody></table>").ToString();
    }

    private static string ClassForest(string name, IReadOnlyList<SubgroupClassMetrics> rows)
    {
        SubgroupClassMetrics all = rows[0];
        var plot = new ForestPlot("forest-auroc", $"AUROC by subgroup — {name}", "AUROC (DeLong CI)", all.Auroc,
            $"all: AUROC {Format.Num(all.Auroc)}");
        plot.Row("all", all.Auroc, all.DeLong?.CiLow, all.DeLong?.CiHigh, Label(all));
        foreach (var attribute in rows.Skip(1).GroupBy(c => c.Attribute))
        {
            plot.Heading(attribute.Key);
            foreach (SubgroupClassMetrics c in attribute)
                plot.Row(c.Group, c.Auroc, c.DeLong?.CiLow, c.DeLong?.CiHigh, Label(c));
        }
        return plot.ToString();
    }

    private static string Label(SubgroupClassMetrics c) => c.TooSmall is { } why
        ? $"too small: {why}"
        : $"{Format.WithCi(c.Auroc, c.DeLong?.CiLow, c.DeLong?.CiHigh)}, n {c.N}";
}
