using ChestDx.Core.Models;
using ChestDx.Evaluation.Inputs;
using ChestDx.Evaluation.Metrics;

namespace ChestDx.Evaluation.Recalibration;

/// <summary>
/// Applies a model's fitted recalibration to evaluated predictions and measures calibration before and after, with
/// the same bins and the same cases (known labels only) as the evaluation. The evaluation itself (AUROC, thresholds)
/// stays on the predictions as given: only this comparison sees the calibrated probabilities.
/// </summary>
public static class RecalibrationComparison
{
    /// <param name="modelPath">The model file <paramref name="calibrations"/> were read from.</param>
    public static RecalibrationResult Compute(
        EvaluationSet test, string modelPath, IReadOnlyList<ClassCalibration> calibrations, int bins)
    {
        var classes = new List<ClassRecalibration>(test.Classes.Count);
        for (int c = 0; c < test.Classes.Count; c++)
        {
            string name = test.Classes[c];
            ClassCalibration? calibration =
                calibrations.FirstOrDefault(k => EvaluationSet.SameClass(k.Class, name));
            classes.Add(Compare(name, calibration, test.Scores[c], test.Labels[c], bins));
        }
        return new RecalibrationResult(modelPath, classes);
    }

    public static ClassRecalibration Compare(
        string name, ClassCalibration? calibration, double[] scores, sbyte[] labels, int bins)
    {
        var p = new List<double>(scores.Length);
        var y = new List<bool>(scores.Length);
        for (int i = 0; i < scores.Length; i++)
        {
            if (labels[i] == ReferenceLabels.Unknown) continue;
            p.Add(scores[i]);
            y.Add(labels[i] == 1);
        }
        double[] before = [.. p];
        bool[] positive = [.. y];
        CalibrationSummary? summaryBefore = Calibration.Compute(before, positive, bins);
        double[] z = before.Select(CalibrationLogits.FromProbability).ToArray();
        int clipped = before.Count(CalibrationLogits.IsClipped);
        double? lossBefore = z.Length > 0 ? LogLossFit.LogLoss(z, positive, 1, 0) : null;
        if (calibration is null)
            return new ClassRecalibration(name, null, before.Length, summaryBefore, null, lossBefore, null, clipped,
                "the model has no calibration for this class");
        double[] after = z.Select(calibration.Apply).ToArray();
        double? lossAfter = z.Length > 0
            ? LogLossFit.LogLoss(z, positive, calibration.Slope, calibration.Intercept)
            : null;
        return new ClassRecalibration(name, calibration, before.Length, summaryBefore,
            Calibration.Compute(after, positive, bins), lossBefore, lossAfter, clipped,
            before.Length == 0 ? "no labelled cases" : null);
    }
}
