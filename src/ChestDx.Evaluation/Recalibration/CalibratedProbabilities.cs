using ChestDx.Core;
using ChestDx.Core.Models;
using ChestDx.Evaluation.Inputs;

namespace ChestDx.Evaluation.Recalibration;

/// <summary>
/// Calibrated probabilities for <c>predict --calibrated</c>: each class's probability (after any ten-crop averaging,
/// as predictions.csv holds it and as <c>chestdx calibrate</c> fitted on it) through the model's calibration of that
/// class, the same arithmetic as <c>evaluate --calibration</c> (<see cref="CalibrationLogits.Calibrate"/>).
/// </summary>
public static class CalibratedProbabilities
{
    /// <summary>
    /// The model's calibration of each of its classes, in output order. Every class must have one: a file whose
    /// columns were partly calibrated would be marked calibrated as a whole and misread.
    /// </summary>
    public static ClassCalibration[] ForClasses(ModelPackage model, string modelPath)
    {
        if (model.Calibration is not { Count: > 0 } calibrations)
            throw ChestDxException.ForFile(modelPath,
                "the model has no fitted calibration (run chestdx calibrate first, or predict without --calibrated)");
        var byClass = new ClassCalibration[model.Classes.Count];
        var missing = new List<string>();
        for (int c = 0; c < byClass.Length; c++)
        {
            ClassCalibration? k = calibrations.FirstOrDefault(x => EvaluationSet.SameClass(x.Class, model.Classes[c]));
            if (k is null) missing.Add(model.Classes[c]);
            else byClass[c] = k;
        }
        if (missing.Count > 0)
            throw ChestDxException.ForFile(modelPath,
                $"the model has no calibration for {string.Join(", ", missing)} (chestdx calibrate could not fit "
                + "them); predict without --calibrated");
        return byClass;
    }

    public static float[] Apply(IReadOnlyList<ClassCalibration> byClass, float[] probabilities)
    {
        if (probabilities.Length != byClass.Count)
            throw new ArgumentException($"{probabilities.Length} probabilities for {byClass.Count} classes");
        var calibrated = new float[probabilities.Length];
        for (int c = 0; c < calibrated.Length; c++)
            calibrated[c] = (float)CalibrationLogits.Calibrate(byClass[c], probabilities[c]);
        return calibrated;
    }
}
