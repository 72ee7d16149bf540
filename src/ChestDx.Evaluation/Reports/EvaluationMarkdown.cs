using System.Text;
using ChestDx.Evaluation.Pipeline;

namespace ChestDx.Evaluation.Reports;

/// <summary>
/// report.md: what was evaluated and how, the per-class table, the means and what they leave out, and published
/// results beside ours.
/// </summary>
public static class EvaluationMarkdown
{
    public static string Render(EvaluationResult r)
    {
        var sb = new StringBuilder();
        var o = r.Options;
        bool boot = o.Bootstrap.Resamples > 0;
        string ci = boot
            ? $"{o.ConfidenceLevel * 100:0.#}% percentile bootstrap, {o.Bootstrap.Resamples:N0}"
              + $" stratified resamples, seed {o.Bootstrap.Seed}"
            : $"{o.ConfidenceLevel * 100:0.#}% DeLong";
        sb.AppendLine("# ChestDx evaluation report").AppendLine();
        sb.AppendLine($"- Predictions: `{r.Data.PredictionsPath}`");
        sb.AppendLine($"- Labels: `{r.Data.LabelsPath}` — {r.Data.LabelsDescription}");
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
        foreach (ClassEvaluation c in r.Classes)
        {
            string auroc = c.UndefinedReason is { } why ? $"undefined ({why})"
                : boot ? Format.WithCi(c.Auroc, c.Bootstrap?.Auroc)
                : Format.WithCi(c.Auroc, c.DeLong?.CiLow, c.DeLong?.CiHigh);
            sb.AppendLine($"| {c.Name} | {c.N} | {c.Positives} | {c.Unknown} | {auroc}"
                        + $" | {Format.Num(c.AveragePrecision)} | {Format.Num(c.Threshold)} | "
                        + $"{Format.Num(c.Counts?.Sensitivity)} | {Format.Num(c.Counts?.Specificity)}"
                        + $" | {Format.Num(c.Counts?.Precision)} | "
                        + $"{Format.Num(c.Counts?.F1)} | {Format.Num(c.Calibration?.Ece)} |");
        }
        sb.AppendLine();
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
        sb.Append(PublishedTable(r));
        if (r.Notes.Count > 0)
        {
            sb.AppendLine().AppendLine("## Notes").AppendLine();
            foreach (string n in r.Notes) sb.AppendLine($"- {n}");
        }
        return sb.ToString();
    }

    private static string PublishedTable(EvaluationResult r)
    {
        var sb = new StringBuilder();
        var sources = PublishedBaselines.Sources;
        sb.AppendLine("## Published results (different test splits: context, not a paired comparison)").AppendLine();
        sb.AppendLine("| Class | This evaluation | " + string.Join(" | ", sources) + " |");
        sb.AppendLine("|---|---:|" + string.Concat(sources.Select(_ => "---:|")));
        foreach (ClassEvaluation c in r.Classes)
        {
            if (!sources.Any(s => PublishedBaselines.Find(s, c.Name) is not null)) continue;
            sb.AppendLine($"| {c.Name} | {Format.Num(c.Auroc)} | "
                + string.Join(" | ", sources.Select(s => Format.Num(PublishedBaselines.Find(s, c.Name), 4))) + " |");
        }
        sb.AppendLine().AppendLine("Sources: " + string.Join("; ", PublishedBaselines.All.GroupBy(p => p.Source)
            .Select(g => $"{g.Key}: {g.First().Citation} (test set: {g.First().TestSet})")) + ".");
        return sb.ToString();
    }
}
