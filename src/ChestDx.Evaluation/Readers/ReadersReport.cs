using System.Text;
using ChestDx.Core.IO;
using ChestDx.Evaluation.Reports;

namespace ChestDx.Evaluation.Readers;

/// <summary>Writes a reader study's readers.json, readers.md and readers.html (atomically).</summary>
public static class ReadersReport
{
    public static readonly string[] Files = ["readers.json", "readers.md", "readers.html"];

    public static void WriteAll(string directory, ReaderStudyResult result)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.Write(Path.Combine(directory, "readers.json"), s => ReadersJson.Write(s, result));
        AtomicFile.WriteAllText(Path.Combine(directory, "readers.md"), Markdown(result));
        AtomicFile.WriteAllText(Path.Combine(directory, "readers.html"), Html(result));
    }

    public static string Markdown(ReaderStudyResult r)
    {
        var sb = new StringBuilder("# ChestDx reader study\n\n");
        sb.AppendLine($"- Images: {r.ImageIds.Count}; readers: {string.Join(", ", r.Readers)}");
        sb.AppendLine($"- Reference: {r.Reference}; even splits in majority votes count as {r.TieRule}");
        if (r.ModelName is not null) sb.AppendLine($"- Model: `{r.ModelName}` at thresholds {r.ModelThresholds}");
        sb.AppendLine($"- Intervals: {r.Options.Bootstrap.ConfidenceLevel * 100:0.#}% percentile bootstrap, "
            + $"{r.Options.Bootstrap.Resamples:N0} image-level resamples (seed {r.Options.Bootstrap.Seed}"
            + $"), shared by all raters");
        foreach (ClassReaderStudy c in r.Classes)
        {
            sb.AppendLine().AppendLine($"## {c.Class}").AppendLine();
            sb.AppendLine($"Reference: {c.ReferencePositives} positive of {c.ReferenceKnown}"
                + (c.ReferenceTies > 0 ? $" ({c.ReferenceTies} tied votes → {r.TieRule})" : "") + ".").AppendLine();
            sb.AppendLine("| Rater | F1 (95% CI) | Sensitivity | Specificity | Precision | Cohen's κ |");
            sb.AppendLine("|---|---|---:|---:|---:|---:|");
            foreach (RaterScore s in c.VersusReference)
                sb.AppendLine($"| {s.Name}{(s.InReference ? " (in reference)" : "")} | {Format.WithCi(s.F1, s.F1Ci)}"
                    + $" | {Format.Num(s.Sensitivity)} | {Format.Num(s.Specificity)} | {Format.Num(s.Precision)}"
                    + $" | {Format.Num(s.Kappa)} |");
            sb.AppendLine().AppendLine("Pairwise Cohen's κ: "
                + string.Join(", ", c.Pairwise.Select(k => $"{k.A}–{k.B} {Format.Num(k.Kappa)}"))
                + $"; Fleiss' κ {Format.Num(c.FleissKappa)} (n = {c.FleissN}).");
            if (c.Protocol is { } p)
            {
                sb.AppendLine().AppendLine("CheXNet protocol (F1 against the majority of the other readers):")
                    .AppendLine();
                sb.AppendLine("| Rater | F1 (95% CI) |").AppendLine("|---|---|");
                foreach (RaterScore s in p.Readers) sb.AppendLine($"| {s.Name} | {Format.WithCi(s.F1, s.F1Ci)} |");
                sb.AppendLine($"| **Readers' mean** | {Format.WithCi(p.ReadersMeanF1, p.ReadersMeanCi)} |");
                if (p.ModelMeanF1 is not null)
                {
                    sb.AppendLine($"| **Model** (mean over the same references) | "
                        + $"{Format.WithCi(p.ModelMeanF1, p.ModelMeanCi)} |");
                    sb.AppendLine($"| **Model − readers** | {Format.WithCi(p.Difference, p.DifferenceCi)} |");
                }
            }
        }
        if (r.Notes.Count > 0)
        {
            sb.AppendLine().AppendLine("## Notes").AppendLine();
            foreach (string n in r.Notes) sb.AppendLine($"- {n}");
        }
        return sb.ToString();
    }

    public static string Html(ReaderStudyResult r)
    {
        var sb = new StringBuilder(Page.Head("ChestDx reader study"));
        sb.Append("<h1>ChestDx reader study</h1>");
        sb.Append(Page.Section("notes", "Read this first", r.Notes.Count == 0
            ? "<p>No warnings.</p>"
            : "<ul>" + string.Concat(r.Notes.Select(n => $"<li>{Page.Esc(n)}</li>")) + "</ul>"));
        sb.Append(Page.Section("summary", "Study", "<table class=\"settings\">"
            + $"<tr><th>Images</th><td>{r.ImageIds.Count}</td></tr>"
            + $"<tr><th>Readers</th><td>{Page.Esc(string.Join(", ", r.Readers))}</td></tr>"
            + $"<tr><th>Reference</th><td>{Page.Esc(r.Reference)}; ties count as {r.TieRule}</td></tr>"
            + (r.ModelName is null
                ? ""
                : $"<tr><th>Model</th><td>{Page.Esc(r.ModelName)} at {Page.Esc(r.ModelThresholds ?? "")}</td></tr>")
            + $"<tr><th>Intervals</th><td>{r.Options.Bootstrap.ConfidenceLevel * 100:0.#}% percentile bootstrap, "
            + $"{r.Options.Bootstrap.Resamples:N0} image-level resamples, seed {r.Options.Bootstrap.Seed}</td></tr>"
            + "</table>"));
        var body = new StringBuilder();
        foreach (ClassReaderStudy c in r.Classes)
        {
            body.Append($"<h3>{Page.Esc(c.Class)}</h3><table class=\"numbers reader-table\" data-class=\""
                + $"{Page.Esc(c.Class)}\"><thead><tr><th>Rater</th><th>F1 vs reference (95% CI)</th>"
                + $"<th>Sensitivity</th><th>Specificity</th><th>Precision</th><th>κ</th>"
                + $"<th>F1 vs other readers (CheXNet)</th></tr></thead><tbody>");
            foreach (RaterScore s in c.VersusReference)
            {
                RaterScore? proto = c.Protocol?.Readers.FirstOrDefault(x => x.Name == s.Name && !s.IsModel);
                string protoText = s.IsModel
                    ? Format.WithCi(c.Protocol?.ModelMeanF1, c.Protocol?.ModelMeanCi)
                    : Format.WithCi(proto?.F1, proto?.F1Ci);
                body.Append($"<tr><td>{Page.Esc(s.Name)}</td><td>{Format.WithCi(s.F1, s.F1Ci)}</td><td>"
                    + $"{Format.Num(s.Sensitivity)}</td><td>{Format.Num(s.Specificity)}</td><td>"
                    + $"{Format.Num(s.Precision)}</td><td>{Format.Num(s.Kappa)}</td><td>{protoText}</td></tr>");
            }
            if (c.Protocol is { } p)
            {
                body.Append($"<tr><th>Readers' mean</th><td colspan=\"5\"></td><td>"
                    + $"{Format.WithCi(p.ReadersMeanF1, p.ReadersMeanCi)}</td></tr>");
                if (p.Difference is not null)
                    body.Append($"<tr><th>Model − readers</th><td colspan=\"5\"></td><td>"
                        + $"{Format.WithCi(p.Difference, p.DifferenceCi)}</td></tr>");
            }
            body.Append("</tbody></table><p>Pairwise κ: "
                + Page.Esc(string.Join(", ", c.Pairwise.Select(k => $"{k.A}–{k.B} {Format.Num(k.Kappa)}")))
                + $"; Fleiss' κ {Format.Num(c.FleissKappa)} (n = {c.FleissN}).</p>");
        }
        sb.Append(Page.Section("classes", "Per class", body.ToString()));
        sb.Append(Page.Foot());
        return sb.ToString();
    }
}
