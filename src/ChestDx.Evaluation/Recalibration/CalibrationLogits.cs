using ChestDx.Core.Models;

namespace ChestDx.Evaluation.Recalibration;

/// <summary>
/// The logit z that recalibration fits and applies, recovered from a probability in predictions.csv. ChestDx writes
/// predictions.csv from the float32 sigmoid of the network's logit, as the shortest text that parses back to the same
/// float32 (Core/Predictions/PredictionsCsv), so a probability keeps float32 precision: near 0 it is relatively exact
/// (float32 reaches 1e-38), but the largest float32 below 1 is 1 − 2^−24, so above about 1 − 6e-8 the logit is lost
/// (a logit above ~16.6 is written as 0.99999994 or 1). Other tools may write 0 or 1 outright. Probabilities are
/// therefore clipped to [2^−24, 1 − 2^−24] at both ends, symmetrically, so that swapping a class's positives and
/// negatives gives the mirrored fit: |z| ≤ ln(2^24 − 1) ≈ 16.636. How many were clipped is reported per class.
/// </summary>
public static class CalibrationLogits
{
    /// <summary>2^−24: the spacing of float32 just below 1, the resolution predictions.csv keeps there.</summary>
    public const double Epsilon = 1.0 / (1 << 24);

    /// <summary>logit(clip(p, ε, 1 − ε)) = ln q − ln(1 − q).</summary>
    public static double FromProbability(double p)
    {
        double q = Math.Clamp(p, Epsilon, 1 - Epsilon);
        // 1 − q is exact for q ≥ 1/2 (Sterbenz), and below 1/2 its rounding moves ln(1 − q) by at most ~1e-16.
        return Math.Log(q) - Math.Log(1 - q);
    }

    /// <summary>Whether <paramref name="p"/> lies outside [ε, 1 − ε] and is clipped.</summary>
    public static bool IsClipped(double p) => p < Epsilon || p > 1 - Epsilon;

    /// <summary>The calibrated probability for a probability of the uncalibrated model.</summary>
    public static double Calibrate(ClassCalibration calibration, double p) => calibration.Apply(FromProbability(p));
}
