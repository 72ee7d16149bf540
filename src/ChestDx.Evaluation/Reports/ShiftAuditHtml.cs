using System.Text;
using ChestDx.Evaluation.Shift;

namespace ChestDx.Evaluation.Reports;

/// <summary>The dataset-shift audit that opens report.html in an external validation: what was compared, the
/// distributions side by side, and the prevalence of every class the two packs share.</summary>
public static class ShiftAuditHtml
{
    public static string Section(ShiftAuditResult a)
    {
        var sb = new StringBuilder($"<p class=\"shift-statement\">{Page.Esc(a.Statement)}</p>");
        sb.Append("<table id=\"shift-table\" class=\"numbers\"><thead><tr><th>Attribute</th><th>Value</th>"
            + "<th>Training pack</th><th>Evaluation pack</th></tr></thead><tbody>");
        foreach (var (attribute, value, train, eval) in ShiftAuditText.Distributions(a))
            sb.Append($"<tr data-attribute=\"{Page.Esc(attribute)}\"><td>{Page.Esc(attribute)}</td>"
                + $"<td>{Page.Esc(value)}</td><td>{Page.Esc(train)}</td><td>{Page.Esc(eval)}</td></tr>");
        sb.Append("</tbody></table>");
        sb.Append("<table id=\"shift-prevalence\" class=\"numbers\"><thead><tr><th>Class (training pack)</th>"
            + "<th>Class (evaluation pack)</th><th>Training prevalence</th><th>Evaluation prevalence</th>"
            + "<th>Evaluated</th></tr></thead><tbody>");
        foreach (MatchedPrevalence m in a.Matched)
            sb.Append($"<tr><td>{Page.Esc(m.TrainClass)}</td><td>{Page.Esc(m.EvaluationClass)}</td>"
                + $"<td>{Page.Esc(ShiftAuditText.Prevalence(m.TrainPositives, m.TrainKnown, m.TrainPrevalence))}</td>"
                + $"<td>{Page.Esc(ShiftAuditText.Prevalence(m.EvaluationPositives, m.EvaluationKnown,
                    m.EvaluationPrevalence))}</td><td>{(m.Evaluated ? "yes" : "no (not predicted)")}</td></tr>");
        sb.Append("</tbody></table>");
        sb.Append($"<p class=\"shift-unmatched\">{Page.Esc(ShiftAuditText.Unmatched(a))}</p>");
        return Page.Section("shift-audit", "External validation: training pack vs evaluation pack", sb.ToString());
    }
}
