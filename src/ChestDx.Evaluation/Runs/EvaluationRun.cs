using ChestDx.Core;
using ChestDx.Core.IO;
using ChestDx.Core.Models;
using ChestDx.Core.Predictions;
using ChestDx.Core.Progress;
using ChestDx.Evaluation.Inputs;
using ChestDx.Evaluation.Pipeline;
using ChestDx.Evaluation.Readers;
using ChestDx.Evaluation.Reports;

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

        EvaluationResult result = Evaluator.Run(test, request.Options, validation, comparison, progress, cancel);
        result = RecalibrationStep.Add(result, predictions, request.Calibration, calibrationModel);
        IReadOnlyList<OperatingPoint> points = request.Readers.Count > 0
            ? ReaderPoints.Against(test, request.Readers)
            : [];
        EvaluationReport.WriteAll(request.Output, result, points);
        return new EvaluationOutcome(result, request.Output, EvaluationReport.Files);
    }
}
