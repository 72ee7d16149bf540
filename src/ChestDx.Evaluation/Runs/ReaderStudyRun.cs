using ChestDx.Core;
using ChestDx.Core.Predictions;
using ChestDx.Core.Progress;
using ChestDx.Evaluation.Inputs;
using ChestDx.Evaluation.Readers;

namespace ChestDx.Evaluation.Runs;

/// <summary>
/// The reader study's entry point: reads the readers' calls and the reference (a labels file or their majority vote),
/// turns the model's predictions into calls at thresholds given or chosen on validation data, scores everyone, and
/// writes readers.json, readers.md and readers.html.
/// </summary>
public static class ReaderStudyRun
{
    public static ReaderStudyOutcome Run(
        ReaderStudyRequest request, IProgressSink progress, CancellationToken cancel = default)
    {
        var (ids, ratings) = ReaderFiles.Read(request.Readers);
        ReferenceLabels? reference = request.Reference is { } r ? LabelReader.Read(r) : null;
        if (request.Options.Bootstrap.Resamples < 0) throw new ChestDxException("--bootstrap cannot be negative");

        ReaderRatings? model = null;
        string? thresholdText = null;
        if (request.Predictions is { } p)
        {
            PredictionTable table = PredictionTable.Read(p, request.Scale);
            (var perClass, thresholdText) = ModelThresholds.Resolve(
                request.Thresholds, table, request.ValidationPredictions, request.ValidationLabels, request.Scale);
            model = ModelCalls.FromPredictions(table, ids, perClass);
        }
        ReaderStudyResult result = ReaderStudy.Run(
            ids, ratings, reference, model, request.Options, thresholdText, request.Classes, progress, cancel);
        ReadersReport.WriteAll(request.Output, result);
        return new ReaderStudyOutcome(result, request.Output, ReadersReport.Files);
    }
}
