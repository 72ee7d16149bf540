using ChestDx.Core.Models;

namespace ChestDx.Evaluation.Recalibration;

/// <summary>What fitting one class's recalibration found.</summary>
/// <param name="Class">The model's class name.</param>
/// <param name="N">Cases with a known label (the ones fitted on); unknown labels are excluded for this class.</param>
/// <param name="Unknown">Cases whose label was unknown.</param>
/// <param name="Clipped">Probabilities outside [2^−24, 1 − 2^−24], clipped before the logit
/// (<see cref="CalibrationLogits"/>).</param>
/// <param name="LogLossBefore">Mean log loss of the uncalibrated probabilities (after clipping).</param>
/// <param name="Fitted">The fitted calibration; null when none could be fitted (<paramref name="Reason"/>).</param>
public sealed record ClassFit(
    string Class, int N, int Positives, int Unknown, int Clipped, double LogLossBefore, double? LogLossAfter,
    int Iterations, ClassCalibration? Fitted, string? Reason)
{
    public int Negatives => N - Positives;
}
