using ChestDx.Core.Models;
using ChestDx.Evaluation.Metrics;

namespace ChestDx.Evaluation.Recalibration;

/// <summary>
/// One evaluated class's calibration before and after the model's fitted recalibration, on the evaluated cases (those
/// with a known label).
/// </summary>
/// <param name="Name">The class as the evaluation names it.</param>
/// <param name="Calibration">The model's calibration of this class; null when it has none
/// (<paramref name="Reason"/>).</param>
/// <param name="Before">ECE, Brier and reliability bins of the predictions as given.</param>
/// <param name="After">The same for the calibrated probabilities; null without a calibration.</param>
/// <param name="Clipped">Probabilities clipped before the logit (<see cref="CalibrationLogits"/>).</param>
public sealed record ClassRecalibration(
    string Name, ClassCalibration? Calibration, int N, CalibrationSummary? Before, CalibrationSummary? After,
    double? LogLossBefore, double? LogLossAfter, int Clipped, string? Reason);

/// <summary>What <c>evaluate --calibration MODEL</c> adds: each class's calibration before and after.</summary>
/// <param name="ModelPath">The model file whose calibration was applied.</param>
public sealed record RecalibrationResult(string ModelPath, IReadOnlyList<ClassRecalibration> Classes);
