using ChestDx.Core.Models;
using ChestDx.Evaluation.Recalibration;

namespace ChestDx.Evaluation.Runs;

/// <summary>What <see cref="CalibrationRun.Run"/> fitted and wrote.</summary>
/// <param name="Fits">One per model class, in output order, fitted or with the reason it was not.</param>
/// <param name="Replaced">The calibration the model file held before, now replaced; null when it had none.</param>
/// <param name="Written">The model file written.</param>
/// <param name="Notes">Warnings the user must see.</param>
public sealed record CalibrationOutcome(
    IReadOnlyList<ClassFit> Fits, IReadOnlyList<ClassCalibration>? Replaced, string Written,
    IReadOnlyList<string> Notes);
