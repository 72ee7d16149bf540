using System.Globalization;
using ChestDx.Core.Predictions;

namespace ChestDx.Evaluation.Reports;

/// <summary>
/// What produced an evaluation: the model (from the predictions file's sidecar), the data it predicted on and the
/// labels it was scored against (names and content hashes), the class set, ChestDx's version and commit, the command
/// line and the date. Every report opens with it (report.md, report.html, metrics.json "provenance"), so a number
/// copied out of a report can be traced to the files that made it. Names only, never folders (see
/// <see cref="PredictionsProvenance"/>).
/// </summary>
public sealed record ReportProvenance
{
    /// <summary>What the report says where the predictions file has no sidecar.</summary>
    public const string ModelNotRecorded = "not recorded in the predictions file";

    /// <summary>The model, from the predictions file's sidecar; null when it has none.</summary>
    public PredictedModel? Model { get; init; }

    /// <summary>The data the predictions were made on, from the sidecar.</summary>
    public PredictedData? PredictedOn { get; init; }

    /// <summary>The predictions file's name.</summary>
    public required string Predictions { get; init; }

    /// <summary>The labels file's or pack's name.</summary>
    public required string Labels { get; init; }

    /// <summary>SHA-256 of the labels file, or the pack's content hash (Core's PackFingerprint).</summary>
    public required string LabelsSha256 { get; init; }

    public required bool LabelsArePack { get; init; }

    /// <summary>The evaluated classes' set id (chestxray14, chexpert, … or custom).</summary>
    public required string ClassSet { get; init; }
    public required IReadOnlyList<string> Classes { get; init; }

    /// <summary>The build's informational version, "0.1.0+commit" when the build knew its commit.</summary>
    public required string InformationalVersion { get; init; }

    /// <summary>The command with options, paths reduced to file names; null when run from code.</summary>
    public string? CommandLine { get; init; }

    public required DateTimeOffset Created { get; init; }

    /// <summary>Set when the model is a pipeline check (the demo's), so the report itself says so.</summary>
    public string? Disclaimer { get; init; }

    /// <summary>Disagreements between the files (the predictions were made on another pack than the labels').</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public string Version => InformationalVersion.Split('+')[0];

    /// <summary>The commit the build recorded (the part after '+'), or null.</summary>
    public string? Commit =>
        InformationalVersion.IndexOf('+') is var i and >= 0 && i + 1 < InformationalVersion.Length
            ? InformationalVersion[(i + 1)..] : null;

    public string CreatedText => Created.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'",
        CultureInfo.InvariantCulture);

    /// <summary>The block's rows, in order, shared by report.md and report.html.</summary>
    public IReadOnlyList<(string Field, string Value)> Rows()
    {
        var rows = new List<(string, string)>();
        if (Model is { } m)
        {
            rows.Add(("Model", $"{m.Name} — {m.Architecture}"
                + (m.ImportedFrom is { } from ? $"; imported from {from}" : "")));
            rows.Add(("Model SHA-256", m.Sha256));
            rows.Add(("Model card", m.Card?.Describe() ?? "none beside the model file (an imported or exported "
                + "model)"));
        }
        else rows.Add(("Model", ModelNotRecorded + $" ({Predictions} has no {PredictionsProvenance.Suffix} "
            + "sidecar: written by another tool or an older ChestDx)"));
        if (PredictedOn is { } d)
            rows.Add(("Predicted on", d.Pack is { } pack
                ? $"pack {pack}, split {d.Split ?? "all"} (pack sha256 {d.PackSha256})"
                : $"{d.ImageInputs} image file or folder argument(s), not a pack"));
        rows.Add(("Predictions", Predictions));
        rows.Add(("Labels", (LabelsArePack ? $"pack {Labels} (pack sha256 " : $"{Labels} (sha256 ")
            + LabelsSha256 + ")"));
        rows.Add(("Classes", $"{Classes.Count} ({ClassSet}): {string.Join(", ", Classes)}"));
        rows.Add(("ChestDx", $"{Version}, commit {Commit ?? "not recorded in this build"}"));
        rows.Add(("Command", CommandLine ?? "not recorded (run from code, not the chestdx command)"));
        rows.Add(("Date", CreatedText));
        return rows;
    }
}
