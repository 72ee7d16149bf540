using System.Globalization;
using System.Net;
using System.Text;
using ChestDx.Core.Choices;
using ChestDx.Core.IO;
using ChestDx.Core.Labels;
using ChestDx.Core.Packs;

namespace ChestDx.Ingest.Audit;

/// <summary>One measured difference between two packs.</summary>
public sealed record Shift(string What, string Measure, double Value, double? P, string Verdict);

/// <summary>
/// `chestdx audit`: a dataset report (Markdown and a self-contained HTML page) for one pack, and for two packs
/// (say NIH and a hospital's) the size of every shift with a warning where a model trained on one is at risk on the
/// other: the negative-transfer question starts with how the data differ.
/// </summary>
public sealed class AuditReport
{
    public const double PsiModerate = 0.1, PsiMajor = 0.25, KsLarge = 0.1, KsAlpha = 0.001;

    private AuditReport(DatasetProfile a, DatasetProfile? b, List<Shift> shifts, List<string> warnings)
    {
        A = a;
        B = b;
        Shifts = shifts;
        Warnings = warnings;
    }

    public DatasetProfile A { get; }
    public DatasetProfile? B { get; }
    public IReadOnlyList<Shift> Shifts { get; }
    public IReadOnlyList<string> Warnings { get; }

    public static AuditReport Create(DatasetProfile a, DatasetProfile? b)
    {
        var shifts = new List<Shift>();
        var warnings = new List<string>();
        if (b is not null)
        {
            foreach (string category in a.Categories.Keys.Intersect(b.Categories.Keys).Where(c => c != "split"))
            {
                double psi = ShiftMeasures.Psi(a.Categories[category], b.Categories[category]);
                shifts.Add(new Shift(category, "PSI", psi, null, PsiVerdict(psi)));
                if (psi > PsiMajor)
                    warnings.Add($"{category}: major shift (PSI {psi:0.00}); {Mix(a, category)} vs {Mix(b, category)}");
            }
            double intensity = ShiftMeasures.Psi(Bin(a.Intensity), Bin(b.Intensity));
            shifts.Add(new Shift("intensity histogram (16 bins)", "PSI", intensity, null, PsiVerdict(intensity)));
            if (intensity > PsiMajor)
                warnings.Add(
                    $"intensity distribution: major shift (PSI " +
                    $"{intensity:0.00}); check windowing, inversion (MONOCHROME1) and processing before transfer");
            foreach (string name in a.Continuous.Keys.Intersect(b.Continuous.Keys))
            {
                (double d, double p) = ShiftMeasures.KolmogorovSmirnov(a.Continuous[name], b.Continuous[name]);
                if (double.IsNaN(d)) continue;
                bool large = d >= KsLarge && p < KsAlpha;
                shifts.Add(new Shift(name, "KS D", d, p, large ? "shifted" : "similar"));
                if (large) warnings.Add($"{name}: distributions differ (Kolmogorov–Smirnov D {d:0.00}, p {p:0.0e0})");
            }
            foreach (string cls in a.Info.Classes)
            {
                (double? pa, double? pb) = (Prevalence(a, cls), Prevalence(b, cls));
                if (pa is null || pb is null)
                {
                    if (pa is null != pb is null)
                        warnings.Add($"{cls}: labelled in only one of the packs; " +
                                     $"it cannot be evaluated on {(pa is null ? a.Name : b.Name)}");
                    continue;
                }
                double ratio = (pb.Value + 1e-6) / (pa.Value + 1e-6);
                if (ratio > 2 || ratio < 0.5)
                    warnings.Add($"{cls}: prevalence {pa:P1} vs " +
                                 $"{pb:P1}; thresholds and calibration will not transfer as they are");
            }
            if (warnings.Count > 0)
                warnings.Add("transfer at risk: fine-tune or at least re-validate and re-threshold on the target " +
                             "data before use (negative transfer is possible)");
        }
        return new AuditReport(a, b, shifts, warnings);
    }

    private static string PsiVerdict(double psi) =>
        psi > PsiMajor ? "major shift" : psi > PsiModerate ? "moderate shift" : "stable";

    private static double[] Bin(double[] histogram256) =>
        Enumerable.Range(0, 16).Select(i => histogram256.Skip(i * 16).Take(16).Sum()).ToArray();

    private static double? Prevalence(DatasetProfile p, string cls)
    {
        int pos = p.Info.Splits.Values.Sum(s => s.Positives.GetValueOrDefault(cls));
        int lab = p.Info.Splits.Values.Sum(s => s.Labelled.GetValueOrDefault(cls));
        return lab == 0 ? null : (double)pos / lab;
    }

    private static string Mix(DatasetProfile p, string category)
    {
        var c = p.Categories[category];
        double n = c.Values.Sum();
        return string.Join(", ",
            c.OrderByDescending(kv => kv.Value).Take(3).Select(kv => $"{kv.Key} {kv.Value / n:P0}"));
    }

    /// <summary>Writes audit.md and audit.html into <paramref name="directory"/> (atomically).</summary>
    public void Write(string directory)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, "audit.md"), Markdown());
        AtomicFile.WriteAllText(Path.Combine(directory, "audit.html"), Html());
    }

    private IEnumerable<DatasetProfile> Packs => B is null ? [A] : [A, B];

    public string Markdown()
    {
        var md = new StringBuilder();
        md.Append("# Dataset audit: ").AppendJoin(" vs ", Packs.Select(p => p.Name)).Append("\n\n");
        foreach (DatasetProfile p in Packs)
        {
            string source = p.Info.Settings is { } ps ? LabelTable.FormatName(ps.Labels.Format) : "?";
            md.Append($"- **{p.Name}**: {p.Info.Count} images of {p.Info.ImageSize}², {p.Info.Rejected} rejected, "
                + $"label source {source}\n");
        }
        if (Warnings.Count > 0)
        {
            md.Append("\n## Warnings\n\n");
            foreach (string w in Warnings) md.Append("- ⚠ ").Append(w).Append('\n');
        }
        if (Shifts.Count > 0)
        {
            md.Append("\n## Shift sizes\n\n| what | measure | value | p | verdict |\n|---|---|---|---|---|\n");
            foreach (Shift s in Shifts)
                md.Append($"| {s.What} | {s.Measure} | {F(s.Value)} | " +
                          $"{(s.P is { } p ? p.ToString("0.0e0", CultureInfo.InvariantCulture) : "")} | " +
                          $"{s.Verdict} |\n");
        }
        foreach (string category in A.Categories.Keys)
        {
            md.Append($"\n## {category}\n\n| value | ").AppendJoin(" | ", Packs.Select(p => p.Name)).Append(" |\n|---|")
              .Append(string.Concat(Packs.Select(_ => "---|"))).Append('\n');
            foreach (string key in Packs.SelectMany(p => p.Categories.GetValueOrDefault(category)?.Keys ?? [])
                         .Distinct().Order(StringComparer.Ordinal))
                md.Append($"| {key} | ").AppendJoin(" | ", Packs.Select(p => Share(p, category, key))).Append(" |\n");
        }
        md.Append("\n## Label prevalence per split (positives / labelled; blank = unknown)\n\n| class | ")
          .AppendJoin(" | ", Packs.SelectMany(p => p.Info.Splits.Keys.Select(s => $"{p.Name}:{s}"))).Append(" |\n|---|")
          .Append(string.Concat(Packs.SelectMany(p => p.Info.Splits.Keys).Select(_ => "---|"))).Append('\n');
        foreach (string cls in A.Info.Classes)
            md.Append($"| {cls} | ").AppendJoin(" | ", Packs.SelectMany(p => p.Info.Splits.Values.Select(s =>
                s.Prevalence.GetValueOrDefault(cls) is { } v
                    ? $"{v:P1} ({s.Positives.GetValueOrDefault(cls)}/{s.Labelled.GetValueOrDefault(cls)})"
                    : ""))).Append(" |\n");
        AppendReaderAgreement(md);
        md.Append("\n## Intensity histogram of the pack images (16 bins of 16 grey levels, % of pixels)\n\n| bin | ")
          .AppendJoin(" | ", Packs.Select(p => p.Name)).Append(" |\n|---|")
          .Append(string.Concat(Packs.Select(_ => "---|"))).Append('\n');
        for (int i = 0; i < 16; i++)
            md.Append($"| {i * 16}–{i * 16 + 15} | ")
              .AppendJoin(" | ", Packs.Select(p => $"{Bin(p.Intensity)[i] * 100:0.0}")).Append(" |\n");
        return md.ToString();
    }

    /// <summary>
    /// Fleiss' kappa per class between the readers ingestion combined into one label (VinDr-CXR: three radiologists
    /// per image; pack.json settings.labels.reader_agreement): how far the reference itself can be trusted, class by
    /// class. Packs without it are left out; "—" is a class whose readers all gave every image the same label.
    /// </summary>
    private void AppendReaderAgreement(StringBuilder md)
    {
        var packs = Packs.Where(p => p.Info.Settings?.Labels.ReaderAgreement is { Count: > 0 }).ToList();
        if (packs.Count == 0) return;
        md.Append("\n## Reader agreement (Fleiss' kappa of the readers combined into each label)\n\n| class | ")
          .AppendJoin(" | ", packs.Select(p => p.Info.Settings!.Labels.Readers is { } rule
              ? $"{p.Name} (--readers {Choice<ReaderRule>.Name(rule)})"
              : p.Name))
          .Append(" |\n|---|").Append(string.Concat(packs.Select(_ => "---|"))).Append('\n');
        foreach (string cls in packs.SelectMany(p => p.Info.Settings!.Labels.ReaderAgreement!.Keys).Distinct())
            md.Append($"| {cls} | ").AppendJoin(" | ", packs.Select(p =>
                p.Info.Settings!.Labels.ReaderAgreement!.TryGetValue(cls, out double? kappa)
                    ? kappa is { } k ? k.ToString("0.000", CultureInfo.InvariantCulture) : "—"
                    : "")).Append(" |\n");
    }

    public string Html()
    {
        string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder(
            "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>ChestDx dataset audit</title>\n<style>" +
            "body{font-family:sans-serif;max-width:1100px;margin:2em auto}" +
            "table{border-collapse:collapse;margin:1em 0}" +
            "td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}" +
            "td:first-child,th:first-child{text-align:left}.warn{color:#a40}</style></head><body>\n");
        html.Append("<h1>Dataset audit: ").Append(E(string.Join(" vs ", Packs.Select(p => p.Name)))).Append("</h1>\n");
        if (Warnings.Count > 0)
            html.Append("<h2>Warnings</h2><ul>")
                .Append(string.Concat(Warnings.Select(w => $"<li class=\"warn\">{E(w)}</li>"))).Append("</ul>\n");
        html.Append("<h2>Intensity histograms</h2>\n").Append(Svg()).Append('\n');
        // The tables are the Markdown ones, rendered plainly.
        foreach (string block in Markdown().Split("\n## ").Skip(1))
        {
            string[] lines = block.Split('\n');
            html.Append("<h2>").Append(E(lines[0])).Append("</h2>\n");
            var rows = lines.Skip(1).Where(l => l.StartsWith('|') && !l.StartsWith("|---")).ToList();
            if (rows.Count == 0)
            {
                html.Append("<ul>")
                    .Append(string.Concat(lines.Skip(1).Where(l => l.StartsWith("- "))
                        .Select(l => $"<li>{E(l[2..])}</li>")))
                    .Append("</ul>\n");
                continue;
            }
            html.Append("<table>");
            for (int r = 0; r < rows.Count; r++)
            {
                string tag = r == 0 ? "th" : "td";
                html.Append("<tr>")
                    .Append(string.Concat(rows[r].Trim('|').Split('|').Select(c => $"<{tag}>{E(c.Trim())}</{tag}>")))
                    .Append("</tr>");
            }
            html.Append("</table>\n");
        }
        return html.Append("</body></html>\n").ToString();
    }

    private string Svg()
    {
        const int w = 512, h = 160;
        string[] colours = ["#1f77b4", "#d62728"];
        double max = Packs.Max(p => p.Intensity.Max());
        var svg = new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h + 20}\">");
        int k = 0;
        foreach (DatasetProfile p in Packs)
        {
            string points = string.Join(" ", p.Intensity.Select((v, i) => $"{i * 2},{F(h - v / max * h)}"));
            svg.Append($"<polyline fill=\"none\" stroke=\"{colours[k]}\" points=\"{points}\"/>");
            svg.Append($"<text x=\"{10 + k * 200}\" y=\"{h + 15}\" fill=\"{colours[k]}\">" +
                       $"{WebUtility.HtmlEncode(p.Name)}</text>");
            k++;
        }
        return svg.Append("</svg>").ToString();
    }

    private static string Share(DatasetProfile p, string category, string key)
    {
        var counts = p.Categories.GetValueOrDefault(category);
        if (counts is null) return "";
        double n = counts.Values.Sum();
        int c = counts.GetValueOrDefault(key);
        return $"{c} ({c / n:P1})";
    }

    private static string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
