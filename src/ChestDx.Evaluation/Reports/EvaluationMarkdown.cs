using System.Text;
using ChestDx.Evaluation.Pipeline;
using ChestDx.Core.IO;

namespace ChestDx.Evaluation.Reports;

/// <summary>
/// report.md: what was evaluated and how, the per-class table, the means and what they leave out, and published
/// results beside ours.
/// </summary>
public static class EvaluationMarkdown
{
    public static string Render(EvaluationResult r, ReportAdditions? additions = null)
    {
        var sb = new StringBuilder();
        var o = r.Options;
        bool boot = o.Bootstrap.Resamples > 0;
        string ci = boot
            ? $"{o.ConfidenceLevel * 100:0.#}% percentile bootstrap, {o.Bootstrap.Resamples:N0}"
              + $" stratified resamples, seed {o.Bootstrap.Seed}"
            : $"{o.ConfidenceLevel * 100:0.#}% DeLong";
        sb.AppendLine("# ChestDx evaluation report").AppendLine();
        sb.Append(ProvenanceSections.MarkdownDisclaimer(additions?.Provenance));
        if (additions?.Audit is { } audit) sb.Append(ShiftAuditMarkdown.Render(audit));
        sb.Append(ProvenanceSections.Markdown(additions?.Provenance));
        sb.AppendLine($"- Predictions: `{FileNames.LastPart(r.Data.PredictionsPath)}`");
        sb.AppendLine($"- Labels: `{FileNames.LastPart(r.Data.LabelsPath)}` — {r.Data.LabelsDescription}");
        sb.AppendLine($"- Images evaluated: {r.Data.Ids.Count:N0}"
                    + $" (ids matched by {r.Data.JoinSummary.Match.ToString().ToLowerInvariant()}; "
                    + $"{r.Data.JoinSummary.IgnoredPredictionIds:N0} predictions and "
                    + $"{r.Data.JoinSummary.IgnoredLabelIds:N0} label rows outside the evaluated set)");
        if (r.Data.JoinSummary.PrefixedColumns.Count > 0)
            sb.AppendLine($"- Prediction columns named `prob_<class>` were matched to `<class>` ("
                          + $"{r.Data.JoinSummary.PrefixedColumns.Count} columns).");
        if (r.Data.JoinSummary.NotEvaluated() is { } notEvaluated) sb.AppendLine($"- Not evaluated: {notEvaluated}");
        sb.AppendLine($"- Threshold: `{r.ThresholdOrigin.Policy}`"
                    + (r.ThresholdOrigin.ChosenOn == "fixed"
                        ? ", the same for every class"
                        : $" chosen on **{r.ThresholdOrigin.ChosenOn}**")
                    + (r.ThresholdOrigin.ValidationPath is { } v ? $" (`{v}`)" : "")
                    + "; a score ≥ threshold is called positive.");
        sb.AppendLine($"- AUROC intervals: {ci}"
                    + $"; DeLong intervals are in metrics.json. Mean-AUROC interval: image-level resamples.");
        sb.AppendLine();

        sb.AppendLine("## Per class").AppendLine();
        sb.AppendLine("| Class | n | Pos | Unknown | AUROC (95% CI) | AP | Threshold | Sensitivity | Specificity "
                    + "| PPV | F1 | ECE |");
        sb.AppendLine("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        var blanks = new BlankReasons();
        foreach (ClassEvaluation c in r.Classes)
        {
            string B(string text, string column) =>
                Blank(blanks, text, BlankReasons.Why(c, column, r.ThresholdOrigin));
            string auroc = c.UndefinedReason is { } why ? $"undefined ({why})"
                : boot ? Format.WithCi(c.Auroc, c.Bootstrap?.Auroc)
                : Format.WithCi(c.Auroc, c.DeLong?.CiLow, c.DeLong?.CiHigh);
            sb.AppendLine($"| {c.Name} | {c.N} | {c.Positives} | {c.Unknown} | {auroc}"
                        + $" | {B(Format.Num(c.AveragePrecision), "ap")}"
                        + $" | {B(Format.Num(c.Threshold), "threshold")}"
                        + $" | {B(Format.Num(c.Counts?.Sensitivity), "sensitivity")} | "
                        + $"{B(Format.Num(c.Counts?.Specificity), "specificity")}"
                        + $" | {B(Format.Num(c.Counts?.Precision), "ppv")} | "
                        + $"{B(Format.Num(c.Counts?.F1), "f1")} | {B(Format.Num(c.Calibration?.Ece), "ece")} |");
        }
        sb.AppendLine();
        sb.Append(BlankList(blanks));
        sb.AppendLine($"**Mean AUROC** over {r.MeanAuroc.Classes} classes: "
                    + $"{Format.WithCi(r.MeanAuroc.Value, r.MacroBootstrap?.MeanAuroc)}; "
                    + $"mean AP {Format.Num(r.MeanAveragePrecision.Value)}, mean F1 {Format.Num(r.MeanF1.Value)}, "
                    + $"mean sensitivity {Format.Num(r.MeanSensitivity.Value)}"
                    + $", mean specificity {Format.Num(r.MeanSpecificity.Value)}.");
        if (r.Excluded.Count > 0)
            sb.AppendLine().AppendLine($"Left out of the means because their AUROC is undefined: "
                + $"{string.Join("; ", r.Excluded.Select(e => $"{e.Class} ({e.Reason})"))}.");
        if (r.ComparisonPath is not null)
        {
            sb.AppendLine().AppendLine($"## Compared with `{r.ComparisonPath}`").AppendLine();
            sb.AppendLine("| Class | AUROC | Other AUROC | Difference (bootstrap CI) | DeLong z | p |");
            sb.AppendLine("|---|---:|---:|---|---:|---:|");
            foreach (ClassEvaluation c in r.Classes)
                if (c.Comparison is { } k)
                    sb.AppendLine($"| {c.Name} | {Format.Num(c.Auroc)} | {Format.Num(k.AurocOther)}"
                                + $" | {Format.WithCi(c.Auroc - k.AurocOther, k.DifferenceCi)} | "
                                + $"{Format.Num(k.DeLong?.Z, 3)} | {Format.Num(k.DeLong?.PValue, 4)} |");
        }
        sb.AppendLine();
        if (additions?.Subgroups is { } subgroups) sb.Append(SubgroupMarkdown.Render(subgroups));
        sb.Append(RecalibrationMarkdown.Render(r));
        sb.Append(PublishedTable(r));
        if (r.Notes.Count > 0)
        {
            sb.AppendLine().AppendLine("## Notes").AppendLine();
            foreach (string n in r.Notes) sb.AppendLine($"- {n}");
        }
        return sb.ToString();
    }

    /// <summary>"—" with the number of its reason; any other text as it is.</summary>
    private static string Blank(BlankReasons blanks, string text, string? why) =>
        text != Format.Undefined || why is null ? text : $"{Format.Undefined} [{blanks.Mark(why)}]";

    /// <summary>The reasons of a table's blanks, one line each, under the table.</summary>
    private static string BlankList(BlankReasons blanks) =>
        blanks.Reasons.Count == 0
            ? ""
            : string.Concat(blanks.Reasons.Select((why, i) => $"{Format.Undefined} [{i + 1}]: {why}  \n")) + "\n";

    private static string PublishedTable(EvaluationResult r)
    {
        var sb = new StringBuilder();
        var sources = PublishedBaselines.Sources;
        sb.AppendLine("## Published results (different test splits: context, not a paired comparison)").AppendLine();
        sb.AppendLine("| Class | This evaluation | " + string.Join(" | ", sources) + " |");
        sb.AppendLine("|---|---:|" + string.Concat(sources.Select(_ => "---:|")));
        var blanks = new BlankReasons();
        foreach (ClassEvaluation c in r.Classes)
        {
            if (!sources.Any(s => PublishedBaselines.Find(s, c.Name) is not null)) continue;
            string ours = Blank(blanks, Format.Num(c.Auroc), c.UndefinedReason ?? "AUROC undefined");
            sb.AppendLine($"| {c.Name} | {ours} | " + string.Join(" | ", sources.Select(s =>
                Blank(blanks, Format.Num(PublishedBaselines.Find(s, c.Name), 4), BlankReasons.NotPublished))) + " |");
        }
        sb.AppendLine().Append(BlankList(blanks));
        sb.AppendLine("Sources: " + string.Join("; ", PublishedBaselines.All.GroupBy(p => p.Source)
            .Select(g => $"{g.Key}: {g.First().Citation} (test set: {g.First().TestSet})")) + ".");
        return sb.ToString();
    }
}
