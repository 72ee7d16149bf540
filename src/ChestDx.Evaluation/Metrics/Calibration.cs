namespace ChestDx.Evaluation.Metrics;

/// <summary>One bin of a reliability curve: cases whose predicted probability falls in [Low, High).</summary>
public sealed record ReliabilityBin(double Low, double High, int Count, double? MeanPredicted, double? ObservedRate);

/// <param name="Ece">
/// Expected calibration error Σ_b (n_b/N)·|observed_b − predicted_b| (Naeini et al., AAAI 2015; Guo et al., ICML
/// 2017).
/// </param>
/// <param name="Brier">Mean squared difference between probability and 0/1 truth (Brier 1950).</param>
public sealed record CalibrationSummary(IReadOnlyList<ReliabilityBin> Bins, double Ece, double Brier);

/// <summary>
/// Reliability curve with equal-width bins over [0, 1] (the last bin closed: a probability of exactly 1 belongs to
/// it) and the expected calibration error. Calibration only means something for probabilities, so scores outside
/// [0, 1] make it undefined rather than clamped.
/// </summary>
public static class Calibration
{
    /// <summary>Null when a score lies outside [0, 1] or there are no cases.</summary>
    public static CalibrationSummary? Compute(
        ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> positive, int bins = 10)
    {
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins), bins, "at least one bin");
        int n = probabilities.Length;
        if (n == 0) return null;
        var count = new int[bins];
        var sumP = new double[bins];
        var sumY = new int[bins];
        double brier = 0;
        for (int i = 0; i < n; i++)
        {
            double p = probabilities[i];
            if (!(p >= 0 && p <= 1)) return null;
            int b = Math.Min(bins - 1, (int)(p * bins));
            count[b]++;
            sumP[b] += p;
            int y = positive[i] ? 1 : 0;
            sumY[b] += y;
            brier += (p - y) * (p - y);
        }
        var result = new ReliabilityBin[bins];
        double ece = 0;
        for (int b = 0; b < bins; b++)
        {
            double? meanP = count[b] > 0 ? sumP[b] / count[b] : null;
            double? rate = count[b] > 0 ? (double)sumY[b] / count[b] : null;
            result[b] = new ReliabilityBin((double)b / bins, (double)(b + 1) / bins, count[b], meanP, rate);
            if (count[b] > 0) ece += (double)count[b] / n * Math.Abs(rate!.Value - meanP!.Value);
        }
        return new CalibrationSummary(result, ece, brier / n);
    }
}
