using MathNet.Numerics;

namespace ChestDx.Evaluation.Metrics;

/// <summary>The standard normal distribution's CDF and quantile, accurate to ~1e-15 (MathNet's erf/erfc⁻¹).</summary>
public static class StandardNormal
{
    public static double Cdf(double x) => 0.5 * SpecialFunctions.Erfc(-x / Math.Sqrt(2));

    public static double Quantile(double p)
    {
        if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "must lie strictly between 0 and 1");
        return -Math.Sqrt(2) * SpecialFunctions.ErfcInv(2 * p);
    }

    /// <summary>Two-sided p-value of a z statistic: 2·Φ(−|z|).</summary>
    public static double TwoSidedP(double z) => 2 * Cdf(-Math.Abs(z));
}
