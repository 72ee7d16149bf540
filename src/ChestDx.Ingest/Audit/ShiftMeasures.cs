using MathNet.Numerics.Statistics;

namespace ChestDx.Ingest.Audit;

/// <summary>
/// Sizes of the difference between two datasets. Population stability index for categorical mixes and binned
/// intensities: PSI = Σ (p − q)·ln(p / q), with empty bins floored at 1e-4 (the usual credit-scoring convention;
/// &lt; 0.1 stable, 0.1–0.25 moderate shift, &gt; 0.25 major shift). Two-sample Kolmogorov–Smirnov for continuous
/// values: D = sup |F_A − F_B| over MathNet's empirical CDFs, p from the asymptotic Kolmogorov distribution with
/// Stephens' small-sample correction (Numerical Recipes 3rd ed. §14.3.3).
/// </summary>
public static class ShiftMeasures
{
    public const double Floor = 1e-4;

    public static double Psi(IReadOnlyDictionary<string, int> a, IReadOnlyDictionary<string, int> b)
    {
        double na = Math.Max(1, a.Values.Sum()), nb = Math.Max(1, b.Values.Sum());
        return a.Keys.Union(b.Keys).Sum(k =>
        {
            double p = Math.Max(Floor, a.GetValueOrDefault(k) / na), q = Math.Max(Floor, b.GetValueOrDefault(k) / nb);
            return (p - q) * Math.Log(p / q);
        });
    }

    public static double Psi(IReadOnlyList<double> p, IReadOnlyList<double> q) =>
        p.Zip(q, (x, y) => (Math.Max(Floor, x), Math.Max(Floor, y)))
            .Sum(t => (t.Item1 - t.Item2) * Math.Log(t.Item1 / t.Item2));

    /// <returns>D and its p-value; (NaN, NaN) when either sample is empty.</returns>
    public static (double D, double P) KolmogorovSmirnov(double[] a, double[] b)
    {
        if (a.Length == 0 || b.Length == 0) return (double.NaN, double.NaN);
        Func<double, double> fa = Statistics.EmpiricalCDFFunc(a), fb = Statistics.EmpiricalCDFFunc(b);
        // The supremum is attained at a sample point of either set (both CDFs are right-continuous steps).
        double d = a.Concat(b).Distinct().Max(x => Math.Abs(fa(x) - fb(x)));
        double en = Math.Sqrt((double)a.Length * b.Length / (a.Length + b.Length));
        return (d, KolmogorovQ((en + 0.12 + 0.11 / en) * d));
    }

    /// <summary>
    /// Q_KS(λ) = 2 Σ_{j≥1} (−1)^{j−1} exp(−2 j² λ²), the probability that D exceeds the observed value.
    /// </summary>
    public static double KolmogorovQ(double lambda)
    {
        if (lambda < 1e-3) return 1;
        double sum = 0;
        for (int j = 1; j <= 100; j++)
        {
            double term = 2 * (j % 2 == 1 ? 1 : -1) * Math.Exp(-2.0 * j * j * lambda * lambda);
            sum += term;
            if (Math.Abs(term) < 1e-12) break;
        }
        return Math.Clamp(sum, 0, 1);
    }
}
