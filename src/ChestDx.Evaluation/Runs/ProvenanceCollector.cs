using ChestDx.Core;
using ChestDx.Core.Classes;
using ChestDx.Core.IO;
using ChestDx.Core.Packs;
using ChestDx.Core.Predictions;
using ChestDx.Evaluation.Inputs;
using ChestDx.Evaluation.Reports;

namespace ChestDx.Evaluation.Runs;

/// <summary>Gathers an evaluation's <see cref="ReportProvenance"/> from its request and inputs.</summary>
public static class ProvenanceCollector
{
    /// <summary>
    /// Below this many training images the report calls the model a pipeline check. CheXNet trained on 98,637 images
    /// (Rajpurkar et al. 2017, eval/published_baselines.csv); fewer than a thousand cannot make a diagnostic model of
    /// 14 findings, and the demo trains on 5. The demo writes no marker of its own into its files (DemoCommand), so
    /// the model card's training-set size is the evidence the report has.
    /// </summary>
    public const int PipelineCheckBelow = 1000;

    public static ReportProvenance Collect(
        EvaluationRequest request, PredictionTable predictions, EvaluationSet test)
    {
        PredictionsProvenance? sidecar = predictions.Provenance;
        bool labelsArePack = PackLabels.IsPack(request.Labels);
        string labelsHash = labelsArePack ? PackFingerprint.Sha256(request.Labels) : FileNames.Sha256(request.Labels);
        var warnings = new List<string>();
        if (labelsArePack && sidecar?.Data.PackSha256 is { } predictedOn && predictedOn != labelsHash)
            warnings.Add($"the predictions were made on pack {sidecar.Data.Pack} (sha256 {Short(predictedOn)}), "
                + $"the labels are those of another pack (sha256 {Short(labelsHash)})");
        return new ReportProvenance
        {
            Model = sidecar?.Model,
            PredictedOn = sidecar?.Data,
            Predictions = Path.GetFileName(request.Predictions),
            Labels = FileNames.LastPart(request.Labels),
            LabelsSha256 = labelsHash,
            LabelsArePack = labelsArePack,
            ClassSet = ClassSet.FromNames(test.Classes).Id,
            Classes = test.Classes,
            InformationalVersion = ChestDxVersion.Informational,
            CommandLine = request.CommandLine,
            Created = request.Clock.GetUtcNow(),
            Disclaimer = sidecar?.Model.Card?.TrainImages is { } n && n < PipelineCheckBelow
                ? $"This model is a pipeline check, not a diagnostic model: it was trained on {n:N0} images "
                  + $"(fewer than {PipelineCheckBelow:N0}), so its numbers show that the pipeline runs, not how well "
                  + "it finds disease."
                : null,
            Warnings = warnings,
        };
    }

    /// <summary>A hash's first 12 characters for a sentence (a hand-edited sidecar may hold a shorter one).</summary>
    private static string Short(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash;
}
