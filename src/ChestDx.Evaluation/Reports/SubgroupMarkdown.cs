using System.Text;
using ChestDx.Core.Choices;
using ChestDx.Evaluation.Subgroups;

namespace ChestDx.Evaluation.Reports;

/// <summary>The "Subgroups" section of report.md.</summary>
public static class SubgroupMarkdown
{
    public static string Render(SubgroupAnalysisResult s)
    {
        var sb = new StringBuilder();
        sb.AppendLine("## Subgroups").AppendLine();
        sb.AppendLine(SubgroupText.Method(s)).AppendLine();
        foreach (string n in s.Notes) sb.AppendLine($"- {n}");
        if (s.Notes.Count > 0) sb.AppendLine();

        sb.AppendLine("### Underdiagnosis (images with a finding that the model calls healthy)").AppendLine();
        sb.AppendLine(SubgroupText.Underdiagnosis(s.Underdiagnosis)).AppendLine();
        sb.AppendLine("| Attribute | Group | Images | With a finding | Called healthy | Rate | "
            + "Difference to all (CI) |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---|");
        foreach (UnderdiagnosisRate u in s.UnderdiagnosisRates)
            sb.AppendLine($"| {u.Attribute} | {u.Group} | {u.Images} | {u.WithFinding} | {u.CalledHealthy} | "
                + $"{(u.TooSmall is { } why ? $"too small ({why})" : Format.Num(u.Rate))} | "
                + $"{SubgroupText.Difference(u.Difference)} |");
        sb.AppendLine();

        sb.AppendLine("### Per class").AppendLine();
        sb.AppendLine("| Class | Attribute | Group | n | Pos | Prevalence | AUROC (DeLong CI) | Δ AUROC (CI) | "
            + "Sensitivity | Δ (CI) | Specificity | Δ (CI) | FPR | Δ FPR (CI) |");
        sb.AppendLine("|---|---|---|---:|---:|---:|---|---|---:|---|---:|---|---:|---|");
        foreach (SubgroupClassMetrics c in s.Classes)
        {
            string lead = $"| {c.Class} | {c.Attribute} | {c.Group} | {c.N} | {c.Positives} | "
                + $"{Format.Num(c.Prevalence)} | ";
            if (c.TooSmall is { } why)
            {
                sb.AppendLine(lead + $"too small ({why}) | | | | | | | |");
                continue;
            }
            sb.AppendLine(lead + $"{Format.WithCi(c.Auroc, c.DeLong?.CiLow, c.DeLong?.CiHigh)} | "
                + $"{SubgroupText.Difference(c.AurocDifference)} | {Format.Num(c.Sensitivity)} | "
                + $"{SubgroupText.Difference(c.SensitivityDifference)} | {Format.Num(c.Specificity)} | "
                + $"{SubgroupText.Difference(c.SpecificityDifference)} | {Format.Num(c.FalsePositiveRate)} | "
                + $"{SubgroupText.Difference(c.FalsePositiveRateDifference)} |");
        }
        sb.AppendLine();
        return sb.ToString();
    }
}

/// <summary>Sentences shared by the Markdown and HTML subgroup sections.</summary>
internal static class SubgroupText
{
    public static string Method(SubgroupAnalysisResult s) =>
        $"Subgroups by {string.Join(", ", s.Attributes.Select(Choice<SubgroupAttribute>.Name))}, from the "
        + $"{s.MetadataSource}; {s.Images:N0} images of {s.Patients:N0} patients. Age bands "
        + $"{string.Join(", ", AgeBands.Names)} years (Seyyed-Kalantari et al., Nature Medicine 2021; lower bound "
        + $"inclusive). Images without a value form the {SubgroupAnalysis.Unknown} subgroup. A subgroup with fewer "
        + $"than {s.MinPositives} positives or {s.MinNegatives} negatives of a class is reported as too small, with no "
        + "estimate. AUROC intervals: DeLong. Sensitivity, specificity and false-positive rate (FPR) at each class's "
        + "threshold of this evaluation. Δ: subgroup minus the whole population ('all'); "
        + (s.Resamples > 0
            ? $"{s.ConfidenceLevel * 100:0.#}% percentile intervals from {s.Resamples:N0} patient-level bootstrap "
              + $"resamples (patients drawn with replacement, all their images together; seed {s.Seed})."
            : "no intervals (bootstrap off).");

    public static string Underdiagnosis(UnderdiagnosisDefinition d) =>
        $"Rate = share of the images with a finding that the model calls healthy (Seyyed-Kalantari et al.: the "
        + $"false-positive rate of \"No Finding\"). With a finding: {d.WithFinding}. Called healthy: {d.CalledHealthy}."
        + (d.UndefinedReason is { } why ? $" **Not computed: {why}.**" : "");

    public static string Difference(MetricDifference? d) =>
        d is null ? Format.Undefined : Format.WithCi(d.Value, d.Ci, 3);
}
