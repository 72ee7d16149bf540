using System.Text;
using System.Text.Json;
using ChestDx.Core.Models;

namespace ChestDx.Evaluation.Reports;

/// <summary>The provenance block (<see cref="ReportProvenance"/>) as report.md, report.html and metrics.json write
/// it.</summary>
public static class ProvenanceSections
{
    /// <summary>The demo's disclaimer, first thing under the title, when the model is a pipeline check.</summary>
    public static string MarkdownDisclaimer(ReportProvenance? p) =>
        p?.Disclaimer is { } d ? $"> **{d}**\n\n" : "";

    public static string HtmlDisclaimer(ReportProvenance? p) =>
        p?.Disclaimer is { } d ? $"<p id=\"disclaimer\" class=\"disclaimer\">{Page.Esc(d)}</p>" : "";

    public static string Markdown(ReportProvenance? p)
    {
        if (p is null) return "";
        var sb = new StringBuilder();
        sb.AppendLine("## Provenance").AppendLine();
        foreach (var (field, value) in p.Rows()) sb.AppendLine($"- {field}: {value}");
        foreach (string w in p.Warnings) sb.AppendLine($"- **Warning**: {w}");
        return sb.AppendLine().ToString();
    }

    public static string Html(ReportProvenance? p)
    {
        if (p is null) return "";
        var sb = new StringBuilder();
        sb.Append(Page.Section("provenance", "Provenance", "<table class=\"settings\">"
            + string.Concat(p.Rows().Select(r => $"<tr data-field=\"{Page.Esc(r.Field)}\"><th>"
                + $"{Page.Esc(r.Field)}</th><td>{Page.Esc(r.Value)}</td></tr>"))
            + string.Concat(p.Warnings.Select(w => $"<tr><th>Warning</th><td>{Page.Esc(w)}</td></tr>"))
            + "</table>"));
        return sb.ToString();
    }

    /// <summary>metrics.json's "provenance" object (eval/METRICS_SCHEMA.md); snake_case, nulls where unknown.</summary>
    public static void Json(Utf8JsonWriter w, ReportProvenance? p)
    {
        if (p is null)
        {
            w.WriteNull("provenance");
            return;
        }
        w.WriteStartObject("provenance");
        if (p.Model is { } m)
        {
            w.WriteStartObject("model");
            w.WriteString("name", m.Name);
            w.WriteString("sha256", m.Sha256);
            w.WriteString("architecture", m.Architecture);
            w.Text("imported_from", m.ImportedFrom);
            Card(w, m.Card);
            w.WriteEndObject();
            w.WriteNull("model_not_recorded");
        }
        else
        {
            w.WriteNull("model");
            w.WriteString("model_not_recorded", ReportProvenance.ModelNotRecorded);
        }
        if (p.PredictedOn is { } d)
        {
            w.WriteStartObject("predicted_on");
            w.Text("pack", d.Pack);
            w.Text("pack_sha256", d.PackSha256);
            w.Text("split", d.Split);
            if (d.ImageInputs is { } n) w.WriteNumber("image_inputs", n); else w.WriteNull("image_inputs");
            w.WriteEndObject();
        }
        else w.WriteNull("predicted_on");
        w.WriteString("predictions", p.Predictions);
        w.WriteStartObject("labels");
        w.WriteString("name", p.Labels);
        w.WriteString("kind", p.LabelsArePack ? "pack" : "file");
        w.WriteString("sha256", p.LabelsSha256);
        w.WriteEndObject();
        w.WriteString("class_set", p.ClassSet);
        w.Strings("classes", p.Classes);
        w.WriteString("chestdx_version", p.Version);
        w.Text("chestdx_commit", p.Commit);
        w.Text("command_line", p.CommandLine);
        w.WriteString("created", p.Created.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'",
            System.Globalization.CultureInfo.InvariantCulture));
        w.Text("disclaimer", p.Disclaimer);
        w.Strings("warnings", p.Warnings);
        w.WriteEndObject();
    }

    private static void Card(Utf8JsonWriter w, ModelCardSummary? c)
    {
        if (c is null)
        {
            w.WriteNull("card");
            return;
        }
        w.WriteStartObject("card");
        w.WriteString("summary", c.Describe());
        w.Text("created", c.Created);
        w.Text("pack", c.Pack);
        w.Text("pack_sha256", c.PackSha256);
        w.Count("train_images", c.TrainImages);
        w.Count("val_images", c.ValImages);
        w.Text("starting_weights", c.StartingWeights);
        w.Count("best_epoch", c.BestEpoch);
        w.Count("epochs", c.Epochs);
        w.Number("best_val_mean_auroc", c.BestValMeanAuroc);
        w.WriteEndObject();
    }

    private static void Text(this Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name); else w.WriteString(name, value);
    }

    private static void Count(this Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v) w.WriteNumber(name, v); else w.WriteNull(name);
    }
}
