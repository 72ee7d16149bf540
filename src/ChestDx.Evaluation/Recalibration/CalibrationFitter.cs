using ChestDx.Core.Models;
using ChestDx.Evaluation.Inputs;

namespace ChestDx.Evaluation.Recalibration;

/// <summary>
/// Fits one recalibration per class of a model on its validation predictions joined to their labels: per class, the
/// cases with a known label, logits recovered from the probabilities (<see cref="CalibrationLogits"/>), and the
/// log-loss minimiser (<see cref="LogLossFit"/>). A class is left without a calibration, with the reason, when it has
/// no column on both sides, no positives or no negatives, no finite minimum, or a minimum with slope ≤ 0 (a
/// calibration that reversed the model's ranking would change more than its calibration).
/// </summary>
public static class CalibrationFitter
{
    /// <param name="modelClasses">The model's classes (names as the model file spells them, which the calibrations
    /// keep); each is found among the set's classes by name and synonym.</param>
    public static IReadOnlyList<ClassFit> Fit(
        EvaluationSet set, IReadOnlyList<string> modelClasses, CalibrationMethod method)
    {
        var fits = new List<ClassFit>(modelClasses.Count);
        foreach (string name in modelClasses)
        {
            int c = EvaluationSet.Find(set.Classes, name);
            if (c < 0)
            {
                fits.Add(new ClassFit(name, 0, 0, 0, 0, double.NaN, null, 0, null,
                    "no column in both the predictions and the labels"));
                continue;
            }
            fits.Add(FitClass(name, set.Scores[c], set.Labels[c], method));
        }
        return fits;
    }

    /// <summary>One class: <paramref name="probabilities"/> and <paramref name="labels"/> (1, 0, or unknown) by
    /// row.</summary>
    public static ClassFit FitClass(string name, double[] probabilities, sbyte[] labels, CalibrationMethod method)
    {
        var z = new List<double>(probabilities.Length);
        var y = new List<bool>(probabilities.Length);
        int clipped = 0, unknown = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            if (labels[i] == ReferenceLabels.Unknown) { unknown++; continue; }
            if (CalibrationLogits.IsClipped(probabilities[i])) clipped++;
            z.Add(CalibrationLogits.FromProbability(probabilities[i]));
            y.Add(labels[i] == 1);
        }
        double[] zs = [.. z];
        bool[] ys = [.. y];
        int positives = ys.Count(v => v);
        double before = zs.Length == 0 ? double.NaN : LogLossFit.LogLoss(zs, ys, 1, 0);
        ClassFit Skip(string why, int iterations = 0) =>
            new(name, zs.Length, positives, unknown, clipped, before, null, iterations, null, why);

        if (zs.Length == 0) return Skip("no labelled cases");
        if (positives == 0) return Skip("no positives");
        if (positives == zs.Length) return Skip("no negatives");
        LogLossMinimum m = method == CalibrationMethod.Platt
            ? LogLossFit.Platt(zs, ys)
            : LogLossFit.Temperature(zs, ys);
        if (m.Failure is { } failure) return Skip(failure, m.Iterations);
        if (!(m.Slope > 0))
            return Skip($"the fitted slope {m.Slope:G4} is not positive: the logits rank the cases the wrong way",
                m.Iterations);
        var fitted = new ClassCalibration { Class = name, Method = method, Slope = m.Slope, Intercept = m.Intercept };
        return new ClassFit(
            name, zs.Length, positives, unknown, clipped, before, m.LogLoss, m.Iterations, fitted, null);
    }
}
