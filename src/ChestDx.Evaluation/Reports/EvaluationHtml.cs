using System.Net;
using System.Text;
using ChestDx.Evaluation.Pipeline;
using ChestDx.Core.IO;

namespace ChestDx.Evaluation.Reports;

/// <summary>
/// report.html: one self-contained file (inline CSS and SVG, no scripts, no external resources) that opens on an
/// air-gapped workstation. Per class: ROC with its bootstrap band, the operating point at the threshold and any
/// readers' points; precision–recall; reliability curve.
/// </summary>
public static class EvaluationHtml
{
    private const string ModelColor = "#1f5fa8", BandColor = "#6a9fd8", ReaderColor = "#d9822b";

    public static string Render(EvaluationResult r, IReadOnlyList<OperatingPoint>? readers = null,
        ReportAdditions? additions = null)
    {
        var sb = new StringBuilder();
        sb.Append(Page.Head("ChestDx evaluation report"));
        sb.Append("<h1>ChestDx evaluation report</h1>");
        sb.Append(ProvenanceSections.HtmlDisclaimer(additions?.Provenance));
        if (additions?.Audit is { } audit) sb.Append(ShiftAuditHtml.Section(audit));
        sb.Append(ProvenanceSections.Html(additions?.Provenance));
        sb.Append(Page.Section("notes", "Read this first", Markdownish(r.Notes)));
        sb.Append(Page.Section("summary", "Inputs and settings", Settings(r)));
        sb.Append(Page.Section("per-class", "Per class", PerClassTable(r)));
        if (additions?.Subgroups is { } subgroups) sb.Append(SubgroupHtml.Section(subgroups));
        sb.Append(RecalibrationHtml.Section(r));
        sb.Append(Page.Section("published", "Published results", PublishedTable(r)));
        sb.Append(Page.Section("plots", "Curves", Plots(r, readers ?? [])));
        sb.Append(Page.Foot());
        return sb.ToString();
    }

    private static string Markdownish(IReadOnlyList<string> notes) =>
        notes.Count == 0
            ? "<p>No warnings.</p>"
            : "<ul>" + string.Concat(notes.Select(n => $"<li>{Page.Esc(n)}</li>")) + "</ul>";

    private static string Settings(EvaluationResult r)
    {
        var o = r.Options;
        var rows = new List<(string, string)>
        {
            ("Predictions", FileNames.LastPart(r.Data.PredictionsPath)),
            ("Labels", $"{FileNames.LastPart(r.Data.LabelsPath)} — {r.Data.LabelsDescription}"),
            ("Images evaluated", $"{r.Data.Ids.Count:N0} (ids matched by "
                + $"{r.Data.JoinSummary.Match.ToString().ToLowerInvariant()}; "
                + $"{r.Data.JoinSummary.IgnoredPredictionIds:N0} predictions and "
                + $"{r.Data.JoinSummary.IgnoredLabelIds:N0} label rows not evaluated)"),
            ("Threshold", $"{r.ThresholdOrigin.Policy}, "
                + $"{(r.ThresholdOrigin.ChosenOn == "fixed"
                    ? "the same for every class"
                    : "chosen on " + r.ThresholdOrigin.ChosenOn)}"
                + $"{(r.ThresholdOrigin.ValidationPath is { } v ? $" ({v})" : "")}; score ≥ threshold is positive"),
            ("Intervals", o.Bootstrap.Resamples > 0
                ? $"{o.ConfidenceLevel * 100:0.#}% percentile bootstrap, {o.Bootstrap.Resamples:N0}"
                    + $" resamples (per class stratified; mean AUROC image-level), seed {o.Bootstrap.Seed}"
                : $"{o.ConfidenceLevel * 100:0.#}% DeLong (bootstrap off)"),
            ("Mean AUROC", $"{Format.WithCi(r.MeanAuroc.Value, r.MacroBootstrap?.MeanAuroc)}"
                + $" over {r.MeanAuroc.Classes} classes"
                + (r.Excluded.Count > 0
                    ? $"; left out: {string.Join(", ", r.Excluded.Select(e => $"{e.Class} ({e.Reason})"))}"
                    : "")),
        };
        if (r.Data.JoinSummary.PrefixedColumns.Count > 0)
            rows.Add(("Column names", "prob_<class> prediction columns matched to <class>"));
        if (r.Data.JoinSummary.NotEvaluated() is { } notEvaluated) rows.Add(("Not evaluated", notEvaluated));
        return "<table class=\"settings\">"
            + string.Concat(rows.Select(x => $"<tr><th>{Page.Esc(x.Item1)}</th><td>{Page.Esc(x.Item2)}</td></tr>"))
            + "</table>";
    }

    private static string PerClassTable(EvaluationResult r)
    {
        bool boot = r.Options.Bootstrap.Resamples > 0;
        var blanks = new BlankReasons();
        var sb = new StringBuilder("<table id=\"per-class-table\" class=\"numbers\"><thead><tr>"
            + "<th>Class</th><th>n</th><th>Pos</th><th>Unknown</th>"
            + "<th>AUROC (95% CI)</th><th>AP</th><th>Threshold</th><th>Sensitivity</th><th>Specificity</th>"
            + "<th>PPV</th><th>NPV</th><th>F1 (95% CI)</th><th>ECE</th></tr></thead><tbody>");
        foreach (ClassEvaluation c in r.Classes)
        {
            string auroc = c.UndefinedReason is { } why ? $"undefined ({why})"
                : boot ? Format.WithCi(c.Auroc, c.Bootstrap?.Auroc)
                : Format.WithCi(c.Auroc, c.DeLong?.CiLow, c.DeLong?.CiHigh);
            string B(string text, string column) =>
                Blank(blanks, text, BlankReasons.Why(c, column, r.ThresholdOrigin));
            sb.Append($"<tr data-class=\"{Page.Esc(c.Name)}\"><td>{Page.Esc(c.Name)}</td><td>{c.N}</td><td>"
                + $"{c.Positives}</td><td>{c.Unknown}</td><td>{Page.Esc(auroc)}</td>"
                + $"<td>{B(Format.Num(c.AveragePrecision), "ap")}</td><td>{B(Format.Num(c.Threshold), "threshold")}"
                + $"</td><td>{B(Format.WithCi(c.Counts?.Sensitivity, c.Bootstrap?.Sensitivity), "sensitivity")}</td>"
                + $"<td>{B(Format.WithCi(c.Counts?.Specificity, c.Bootstrap?.Specificity), "specificity")}</td><td>"
                + $"{B(Format.Num(c.Counts?.Precision), "ppv")}</td><td>{B(Format.Num(c.Counts?.Npv), "npv")}</td>"
                + $"<td>{B(Format.WithCi(c.Counts?.F1, c.Bootstrap?.F1), "f1")}</td><td>"
                + $"{B(Format.Num(c.Calibration?.Ece), "ece")}</td></tr>");
        }
        string M(string text) => Blank(blanks, text, BlankReasons.NoMean);
        sb.Append($"</tbody><tfoot><tr><th>Mean</th><td colspan=\"3\">{r.MeanAuroc.Classes} classes</td><td>"
            + $"{M(Format.WithCi(r.MeanAuroc.Value, r.MacroBootstrap?.MeanAuroc))}</td>"
            + $"<td>{M(Format.Num(r.MeanAveragePrecision.Value))}</td><td></td>"
            + $"<td>{M(Format.Num(r.MeanSensitivity.Value))}</td><td>{M(Format.Num(r.MeanSpecificity.Value))}</td>"
            + $"<td></td><td></td><td>{M(Format.Num(r.MeanF1.Value))}</td><td></td></tr></tfoot></table>");
        sb.Append(BlankList(blanks));
        return sb.ToString();
    }

    private static string PublishedTable(EvaluationResult r)
    {
        var sources = PublishedBaselines.Sources;
        var blanks = new BlankReasons();
        var sb = new StringBuilder("<p>Each published number was measured on a different test split; "
            + "they give context, not a paired comparison.</p>"
            + "<table id=\"published-table\" class=\"numbers\"><thead><tr><th>Class</th><th>This evaluation</th>"
            + string.Concat(sources.Select(s => $"<th>{Page.Esc(s)}</th>")) + "</tr></thead><tbody>");
        foreach (ClassEvaluation c in r.Classes)
        {
            if (!sources.Any(s => PublishedBaselines.Find(s, c.Name) is not null)) continue;
            sb.Append($"<tr><td>{Page.Esc(c.Name)}</td>"
                + $"<td>{Blank(blanks, Format.Num(c.Auroc), c.UndefinedReason ?? "AUROC undefined")}</td>"
                + string.Concat(sources.Select(s =>
                    $"<td>{Blank(blanks, Format.Num(PublishedBaselines.Find(s, c.Name), 4), BlankReasons.NotPublished)}"
                    + "</td>"))
                + "</tr>");
        }
        sb.Append("</tbody></table>").Append(BlankList(blanks)).Append("<ol class=\"citations\">");
        foreach (var g in PublishedBaselines.All.GroupBy(p => p.Source))
            sb.Append($"<li><b>{Page.Esc(g.Key)}</b>: {Page.Esc(g.First().Citation)}"
                + $". Test set: {Page.Esc(g.First().TestSet)}.</li>");
        sb.Append("</ol>");
        return sb.ToString();
    }

    /// <summary>"—" with the number of its reason (the reason also as a tooltip); any other text as it is.</summary>
    private static string Blank(BlankReasons blanks, string text, string? why) =>
        text != Format.Undefined || why is null
            ? Page.Esc(text)
            : $"{Format.Undefined}<sup class=\"why\" title=\"{Page.Esc(why)}\">[{blanks.Mark(why)}]</sup>";

    private static string BlankList(BlankReasons blanks) =>
        blanks.Reasons.Count == 0
            ? ""
            : "<ul class=\"blank-reasons\">" + string.Concat(blanks.Reasons.Select((why, i) =>
                $"<li>{Format.Undefined} [{i + 1}]: {Page.Esc(why)}</li>")) + "</ul>";

    private static string Plots(EvaluationResult r, IReadOnlyList<OperatingPoint> readers)
    {
        var sb = new StringBuilder(PlotLegends.Html(r, readers.Count > 0));
        foreach (ClassEvaluation c in r.Classes)
        {
            sb.Append($"<figure class=\"class-plots\" data-class=\"{Page.Esc(c.Name)}\"><figcaption>"
                + $"{Page.Esc(c.Name)}: n = {c.N}, {c.Positives} positive"
                + (c.UndefinedReason is { } why ? $" — AUROC undefined ({Page.Esc(why)})" : "") + "</figcaption>");
            sb.Append(Roc(c, readers.Where(p => p.Class == c.Name).ToList()));
            sb.Append(PrecisionRecall(c));
            sb.Append(Reliability(c));
            sb.Append("</figure>");
        }
        return sb.ToString();
    }

    public static string Roc(ClassEvaluation c, IReadOnlyList<OperatingPoint> readers)
    {
        var chart = new SvgChart("roc", $"ROC — {c.Name}", "1 − specificity", "Sensitivity");
        chart.Line([(0, 0), (1, 1)], "chance", "#aaa", 1, "4 3");
        if (c.Bootstrap is { RocBandLow: { } lo, RocBandHigh: { } hi } b)
            chart.Band(b.RocGrid, lo, hi, "roc-band", BandColor);
        chart.Line(c.Roc.Select(p => (p.X, p.Y)), "roc-curve", ModelColor);
        if (c.Counts is { Sensitivity: { } se, Specificity: { } sp })
            chart.Marker(1 - sp, se, "operating-point", ModelColor, "",
                $"model at threshold {Format.Num(c.Threshold)}"
                + $": sensitivity {Format.Num(se)}, specificity {Format.Num(sp)}",
                square: true);
        foreach (OperatingPoint p in readers)
            if (p.Counts is { Sensitivity: { } rse, Specificity: { } rsp })
                chart.Marker(1 - rsp, rse, "reader-point", ReaderColor, p.Name,
                    $"{p.Name}: sensitivity {Format.Num(rse)}, specificity {Format.Num(rsp)}");
        if (c.Auroc is { } a) chart.Note($"AUROC {Format.Num(a)}");
        return chart.ToString();
    }

    private static string PrecisionRecall(ClassEvaluation c)
    {
        var chart = new SvgChart("pr", $"Precision–recall — {c.Name}", "Recall (sensitivity)", "Precision (PPV)");
        if (c.N > 0)
            chart.Line(
                [(0, (double)c.Positives / c.N), (1, (double)c.Positives / c.N)], "prevalence", "#aaa", 1, "4 3");
        // Drawn as scikit-learn defines AP: a step function, precision held until recall next increases.
        var steps = new List<(double, double)>();
        double lastRecall = 0;
        foreach (var p in c.PrecisionRecall)
        {
            steps.Add((lastRecall, p.Y));
            steps.Add((p.X, p.Y));
            lastRecall = p.X;
        }
        chart.Line(steps, "pr-curve", ModelColor);
        if (c.AveragePrecision is { } ap) chart.Note($"AP {Format.Num(ap)}");
        return chart.ToString();
    }

    private static string Reliability(ClassEvaluation c)
    {
        var chart = new SvgChart(
            "calibration", $"Reliability — {c.Name}", "Mean predicted probability", "Observed frequency");
        chart.Line([(0, 0), (1, 1)], "ideal", "#aaa", 1, "4 3");
        if (c.Calibration is { } cal)
        {
            var bins = cal.Bins.Where(b => b.Count > 0).ToList();
            chart.Line(
                bins.Select(b => (b.MeanPredicted!.Value, b.ObservedRate!.Value)), "reliability-curve", ModelColor);
            foreach (var b in bins)
                chart.Marker(b.MeanPredicted!.Value, b.ObservedRate!.Value, "reliability-bin", ModelColor, "",
                    $"[{Format.Num(b.Low, 1)}, {Format.Num(b.High, 1)}): n = {b.Count}"
                    + $", predicted {Format.Num(b.MeanPredicted)}, observed {Format.Num(b.ObservedRate)}");
            chart.Note($"ECE {Format.Num(cal.Ece)}, Brier {Format.Num(cal.Brier)}");
        }
        else chart.Note($"undefined: {c.CalibrationUndefinedReason}");
        return chart.ToString();
    }
}
