using ChestDx.Core;
using ChestDx.Core.Models;
using ChestDx.Core.Predictions;
using ChestDx.Evaluation.Pipeline;
using ChestDx.Evaluation.Recalibration;

namespace ChestDx.Evaluation.Runs;

/// <summary>
/// The part of an evaluation that concerns recalibration: <c>--calibration MODEL</c> adds calibration before and
/// after the model's fitted recalibration (<see cref="RecalibrationComparison"/>), and predictions that are already
/// calibrated (<c>predict --calibrated</c>) are said to be so in the notes, or refused with <c>--calibration</c>,
/// which would calibrate them twice.
/// </summary>
internal static class RecalibrationStep
{
    /// <summary>Reads and checks the model's calibration before the evaluation runs, so a bad input fails
    /// first.</summary>
    public static ModelPackage? Prepare(PredictionTable predictions, string? model)
    {
        if (model is null) return null;
        if (predictions.Calibrated)
            throw ChestDxException.ForFile(predictions.Path, "these are calibrated probabilities (predict "
                + "--calibrated); --calibration applies to the model's uncalibrated predictions");
        ModelPackage package = ModelPackage.Read(model);
        if (package.Calibration is not { Count: > 0 })
            throw ChestDxException.ForFile(model, "the model has no fitted calibration (chestdx calibrate writes one)");
        return package;
    }

    public static EvaluationResult Add(
        EvaluationResult result, PredictionTable predictions, string? modelPath, ModelPackage? model)
    {
        if (predictions.Calibrated)
            return result with
            {
                Notes = [.. result.Notes, "The predictions are calibrated probabilities (predict --calibrated)."],
            };
        if (model is null) return result;
        RecalibrationResult recalibration = RecalibrationComparison.Compute(
            result.Data, modelPath!, model.Calibration!, result.Options.CalibrationBins);
        var uncalibrated = recalibration.Classes.Where(c => c.Calibration is null).Select(c => c.Name).ToList();
        if (uncalibrated.Count == 0) return result with { Recalibration = recalibration };
        return result with
        {
            Recalibration = recalibration,
            Notes = [.. result.Notes, $"The model has no calibration for {string.Join(", ", uncalibrated)}: "
                                      + "no after values for them."],
        };
    }
}
