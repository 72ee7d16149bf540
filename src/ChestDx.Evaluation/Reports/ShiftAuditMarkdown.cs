using System.Text;
using ChestDx.Evaluation.Shift;

namespace ChestDx.Evaluation.Reports;

/// <summary>The dataset-shift audit that opens report.md in an external validation.</summary>
public static class ShiftAuditMarkdown
{
    public static string Render(ShiftAuditResult a)
    {
        var sb = new StringBuilder();
        sb.AppendLine("## External validation: training pack vs evaluation pack").AppendLine();
        sb.AppendLine(a.Statement).AppendLine();
        sb.AppendLine("| Attribute | Value | Training pack | Evaluation pack |");
        sb.AppendLine("|---|---|---:|---:|");
        foreach (var (attribute, value, train, eval) in ShiftAuditText.Distributions(a))
            sb.AppendLine($"| {attribute} | {value} | {train} | {eval} |");
        sb.AppendLine();
        sb.AppendLine("| Class (training pack) | Class (evaluation pack) | Training prevalence | Evaluation prevalence "
            + "| Evaluated |");
        sb.AppendLine("|---|---|---:|---:|---|");
        foreach (MatchedPrevalence m in a.Matched)
            sb.AppendLine($"| {m.TrainClass} | {m.EvaluationClass} | "
                + $"{ShiftAuditText.Prevalence(m.TrainPositives, m.TrainKnown, m.TrainPrevalence)} | "
                + $"{ShiftAuditText.Prevalence(m.EvaluationPositives, m.EvaluationKnown, m.EvaluationPrevalence)} | "
                + $"{(m.Evaluated ? "yes" : "no (not predicted)")} |");
        sb.AppendLine().AppendLine(ShiftAuditText.Unmatched(a)).AppendLine();
        return sb.ToString();
    }
}
