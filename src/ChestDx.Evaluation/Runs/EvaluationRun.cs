using ChestDx.Core;
using ChestDx.Core.IO;
using ChestDx.Core.Models;
using ChestDx.Core.Predictions;
using ChestDx.Core.Progress;
using ChestDx.Evaluation.Inputs;
using ChestDx.Evaluation.Pipeline;
using ChestDx.Evaluation.Readers;
using ChestDx.Evaluation.Reports;
using ChestDx.Evaluation.Shift;
using ChestDx.Evaluation.Subgroups;

namespace ChestDx.Evaluation.Runs;

/// <summary>
/// The evaluation stage's entry point: reads the predictions and labels, joins them, chooses thresholds on the
/// validation predictions when given, evaluates, and writes metrics.json, per_class.csv, thresholds.csv, report.md and
/// report.html. Locking the output against a second run is the caller's (the CLI's) business.
/// </summary>
public static class EvaluationRun
{
    public static EvaluationOutcome Run(
        EvaluationRequest request, IProgressSink progress, CancellationToken cancel = default)
    {
        // Probe the output folder before reading inputs and bootstrapping for minutes.
        Directory.CreateDirectory(request.Output);
        AtomicFile.CheckWritable(request.Output);
        if (request.Options.Bootstrap.Resamples < 0) throw new ChestDxException("--bootstrap cannot be negative");

        ReferenceLabels labels = LabelReader.Read(request.Labels, request.LabelOptions);
        var predictions = PredictionTable.Read(request.Predictions, request.Scale);
        EvaluationSet test = EvaluationSet.Join(predictions, labels, request.Match, request.Classes);
        ModelPackage? calibrationModel = RecalibrationStep.Prepare(predictions, request.Calibration);

        EvaluationSet? validation = null;
        string? vp = request.ValidationPredictions, vl = request.ValidationLabels;
        if ((vp is null) != (vl is null)) throw new ChestDxException("--val-predictions and --val-labels go together");
        if (vp is not null)
        {
            var validationPredictions = PredictionTable.Read(vp, request.Scale);
            validation = EvaluationSet.Join(validationPredictions, LabelReader.Read(vl!), request.Match, test.Classes);
        }

        EvaluationSet? comparison = request.ComparePredictions is { } cp
            ? EvaluationSet.Join(PredictionTable.Read(cp, request.Scale), labels, request.Match, test.Classes)
            : null;

        // Subgroup metadata and the shift audit fail fast, before the bootstrap runs for minutes.
        SubgroupMetadata? metadata = SubgroupMetadataOf(request);
        ShiftAuditResult? audit = Audit(request, test, cancel);

        EvaluationResult result = Evaluator.Run(test, request.Options, validation, comparison, progress, cancel);
        result = RecalibrationStep.Add(result, predictions, request.Calibration, calibrationModel);
        IReadOnlyList<OperatingPoint> points = request.Readers.Count > 0
            ? ReaderPoints.Against(test, request.Readers)
            : [];
        var additions = new ReportAdditions
        {
            Subgroups = metadata is null
                ? null
                : SubgroupAnalysis.Run(result, metadata, new SubgroupOptions { Attributes = request.Subgroups },
                    progress, cancel),
            Audit = audit,
            Provenance = ProvenanceCollector.Collect(request, predictions, test),
        };
        EvaluationReport.WriteAll(request.Output, result, points, additions);
        return new EvaluationOutcome(result, request.Output, EvaluationReport.FilesFor(additions))
        {
            Subgroups = additions.Subgroups,
            Audit = audit,
        };
    }

    private static ShiftAuditResult? Audit(EvaluationRequest request, EvaluationSet test, CancellationToken cancel)
    {
        if (request.TrainPack is not { } train) return null;
        if (!PackLabels.IsPack(train)) throw ChestDxException.ForFile(train, "--train-pack: not a dataset pack");
        if (!PackLabels.IsPack(request.Labels))
            throw new ChestDxException("--train-pack compares two packs: --labels must be the evaluation pack");
        return ShiftAudit.Compare(train, request.Labels, test, cancel);
    }

    private static SubgroupMetadata? SubgroupMetadataOf(EvaluationRequest request)
    {
        if (request.Subgroups.Count == 0)
        {
            if (request.SubgroupFile is not null) throw new ChestDxException("--subgroup-file needs --subgroups");
            return null;
        }
        string? pack = PackLabels.IsPack(request.Labels) ? request.Labels : null;
        SubgroupMetadata metadata = SubgroupMetadata.Load(pack, request.SubgroupFile);
        metadata.Require(request.Subgroups);
        return metadata;
    }
}
