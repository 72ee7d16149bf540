using System.Text;
using ChestDx.Evaluation.Pipeline;
using ChestDx.Evaluation.Recalibration;

namespace ChestDx.Evaluation.Reports;

/// <summary>report.html's "Recalibration" section, the same table as report.md's.</summary>
internal static class RecalibrationHtml
{
    public static string Section(EvaluationResult r)
    {
        if (r.Recalibration is not { } recalibration) return "";
        var sb = new StringBuilder();
        sb.Append($"<p>The calibration fitted into <code>{Page.Esc(recalibration.ModelPath)}</code> (chestdx "
                  + $"calibrate) applied to these predictions: {Page.Esc(RecalibrationJson.Rule)}. The metrics above "
                  + $"are of the predictions as given; ECE uses the same {r.Options.CalibrationBins} bins before and "
                  + "after.</p>");
        sb.Append("<table class=\"numbers\"><thead><tr><th>Class</th><th>Method</th><th>T or slope, intercept</th>"
                  + "<th>n</th><th>ECE before</th><th>ECE after</th><th>Brier before</th><th>Brier after</th>"
                  + "<th>Log loss before</th><th>Log loss after</th></tr></thead><tbody>");
        foreach (ClassRecalibration c in recalibration.Classes)
        {
            sb.Append($"<tr><td>{Page.Esc(c.Name)}</td><td>{Page.Esc(RecalibrationMarkdown.Method(c))}</td>");
            sb.Append($"<td>{Page.Esc(RecalibrationMarkdown.Parameters(c))}</td><td>{c.N}</td>");
            foreach (double? v in new[]
                     {
                         c.Before?.Ece, c.After?.Ece, c.Before?.Brier, c.After?.Brier, c.LogLossBefore, c.LogLossAfter,
                     })
                sb.Append($"<td>{Format.Num(v, 4)}</td>");
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table>");
        return Page.Section("recalibration", "Recalibration", sb.ToString());
    }
}
