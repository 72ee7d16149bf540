using ChestDx.Core.Predictions;
namespace ChestDx.Evaluation.Recalibration;

/// <summary>The minimiser of the mean log loss over p = σ(Slope·z + Intercept), or why there is none.</summary>
/// <param name="Iterations">Newton steps taken.</param>
public sealed record LogLossMinimum(double Slope, double Intercept, double LogLoss, int Iterations, string? Failure);

/// <summary>
/// Minimises the mean log loss L(a, b) = mean(ln(1 + e^s) − y·s), s = a·z + b, over the logits z and 0/1 labels y:
/// temperature scaling fits a = 1/T with b = 0 (Guo et al., ICML 2017), Platt scaling fits a and b (Platt 1999), both
/// on the unsmoothed 0/1 targets, i.e. maximum likelihood (what scikit-learn's LogisticRegression(penalty=None) fits
/// on the one feature z). L is convex in (a, b), so Newton's method with step halving converges to its minimum
/// quadratically; it stops when a full Newton step changes no parameter by more than 1e-12 of its size. When the
/// logits separate the labels L has no finite minimum (a grows without bound) and the fit fails with that reason.
/// </summary>
public static class LogLossFit
{
    private const int MaxIterations = 100;
    private const double StepTolerance = 1e-12;

    // Relative rounding error of a mean of up to millions of loss terms, with margin.
    private const double LossRounding = 1e-12;

    // A slope beyond this means a separating logit (L keeps falling as a grows), not a calibration.
    private const double MaxSlope = 1e6;

    public static LogLossMinimum Temperature(ReadOnlySpan<double> z, ReadOnlySpan<bool> y) => Fit(z, y, platt: false);

    public static LogLossMinimum Platt(ReadOnlySpan<double> z, ReadOnlySpan<bool> y) => Fit(z, y, platt: true);

    /// <summary>Mean log loss of σ(a·z + b), each term computed without overflow.</summary>
    public static double LogLoss(ReadOnlySpan<double> z, ReadOnlySpan<bool> y, double a, double b)
    {
        double sum = 0;
        for (int i = 0; i < z.Length; i++)
        {
            double s = a * z[i] + b;
            sum += Softplus(s) - (y[i] ? s : 0);
        }
        return sum / z.Length;
    }

    private static LogLossMinimum Fit(ReadOnlySpan<double> z, ReadOnlySpan<bool> y, bool platt)
    {
        if (z.Length != y.Length) throw new ArgumentException($"{z.Length} logits but {y.Length} labels");
        if (z.Length == 0) return new LogLossMinimum(1, 0, double.NaN, 0, "no labelled cases");
        if (Separated(z, y, platt)) return Fail(1, 0, LogLoss(z, y, 1, 0), 0, Separation);
        double a = 1, b = 0;
        double loss = LogLoss(z, y, a, b);
        for (int iteration = 1; iteration <= MaxIterations; iteration++)
        {
            (double ga, double gb, double haa, double hab, double hbb) = Derivatives(z, y, a, b);
            double da, db;
            if (platt)
            {
                double det = haa * hbb - hab * hab;
                if (!(det > 0)) return Fail(a, b, loss, iteration, "the log loss is flat (all logits equal?)");
                da = -(hbb * ga - hab * gb) / det;
                db = -(haa * gb - hab * ga) / det;
            }
            else
            {
                if (!(haa > 0)) return Fail(a, b, loss, iteration, "the log loss is flat (all logits 0?)");
                da = -ga / haa;
                db = 0;
            }
            // Newton's step, halved while it raises the loss by more than rounding can: far from the minimum a full
            // step may overshoot; near it the loss changes by less than its rounding error, and the full step is
            // taken (halving there on noise would stop the iteration short of the minimum).
            double step = 1, next = LogLoss(z, y, a + da, b + db);
            while (next > loss + LossRounding * Math.Abs(loss) && step > 1e-10)
            {
                step /= 2;
                next = LogLoss(z, y, a + step * da, b + step * db);
            }
            a += step * da;
            b += step * db;
            loss = next;
            if (Math.Abs(a) > MaxSlope)
                return Fail(a, b, loss, iteration, Separation);
            // Converged when the full Newton step (quadratic convergence: the remaining error is about its square)
            // moves no parameter by more than StepTolerance of its size.
            if (step == 1 && Math.Abs(da) <= StepTolerance * Math.Max(1, Math.Abs(a))
                && Math.Abs(db) <= StepTolerance * Math.Max(1, Math.Abs(b)))
                return new LogLossMinimum(a, b, loss, iteration, null);
        }
        return Fail(a, b, loss, MaxIterations, $"did not converge in {MaxIterations} Newton steps");
    }

    private const string Separation = "no finite minimum: the logits separate positives from negatives";

    /// <summary>
    /// Whether the labels are (quasi-)separated, so that the loss keeps falling as the slope grows: Platt, when every
    /// positive's logit is ≥ every negative's (a threshold on z sorts them); temperature (no intercept), when every
    /// positive's logit is ≥ 0 and every negative's ≤ 0.
    /// </summary>
    private static bool Separated(ReadOnlySpan<double> z, ReadOnlySpan<bool> y, bool platt)
    {
        double minPositive = double.PositiveInfinity, maxNegative = double.NegativeInfinity;
        for (int i = 0; i < z.Length; i++)
            if (y[i]) minPositive = Math.Min(minPositive, z[i]);
            else maxNegative = Math.Max(maxNegative, z[i]);
        return platt ? maxNegative <= minPositive : maxNegative <= 0 && minPositive >= 0;
    }

    private static LogLossMinimum Fail(double a, double b, double loss, int iterations, string why) =>
        new(a, b, loss, iterations, why);

    /// <summary>
    /// Gradient and Hessian of the mean loss: g = mean((p − y)·(z, 1)), H = mean(p(1 − p)·(z, 1)(z, 1)ᵀ).
    /// </summary>
    private static (double Ga, double Gb, double Haa, double Hab, double Hbb) Derivatives(
        ReadOnlySpan<double> z, ReadOnlySpan<bool> y, double a, double b)
    {
        double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
        for (int i = 0; i < z.Length; i++)
        {
            double p = PredictionTable.Sigmoid(a * z[i] + b);
            double r = p - (y[i] ? 1 : 0), w = p * (1 - p);
            ga += r * z[i];
            gb += r;
            haa += w * z[i] * z[i];
            hab += w * z[i];
            hbb += w;
        }
        double n = z.Length;
        return (ga / n, gb / n, haa / n, hab / n, hbb / n);
    }

    /// <summary>ln(1 + e^s) = max(s, 0) + ln(1 + e^−|s|), which never overflows.</summary>
    private static double Softplus(double s) => Math.Max(s, 0) + Math.Log(1 + Math.Exp(-Math.Abs(s)));
}
