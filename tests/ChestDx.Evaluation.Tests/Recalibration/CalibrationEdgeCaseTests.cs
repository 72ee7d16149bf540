using ChestDx.Core.Models;
using ChestDx.Evaluation.Recalibration;

namespace ChestDx.Evaluation.Tests.Recalibration;

/// <summary>
/// Probabilities at 0 and 1, classes that cannot be fitted, and a fit that recovers known parameters.
/// </summary>
public sealed class CalibrationEdgeCaseTests
{
    private static readonly double MaxLogit = Math.Log((1 << 24) - 1.0);

    [Fact]
    public void Probabilities_at_zero_and_one_are_clipped_to_plus_minus_ln_of_2_pow_24_minus_1()
    {
        Assert.Equal(-MaxLogit, CalibrationLogits.FromProbability(0), 12);
        Assert.Equal(MaxLogit, CalibrationLogits.FromProbability(1), 12);
        Assert.Equal(MaxLogit, CalibrationLogits.FromProbability(1 - 1e-9), 12);
        Assert.True(CalibrationLogits.IsClipped(0) && CalibrationLogits.IsClipped(1 - 1e-9));
        Assert.False(CalibrationLogits.IsClipped(CalibrationLogits.Epsilon));
        Assert.False(CalibrationLogits.IsClipped(0.99999994f)); // the largest float32 below 1 is kept
    }

    [Theory]
    [InlineData(0.5, 0.0)]
    [InlineData(0.25, -1.0986122886681098)] // ln(1/3)
    [InlineData(1e-7, -16.118095550958316)] // ln(1e-7) − ln(1 − 1e-7), just inside the clip
    [InlineData(0.9, 2.1972245773362196)] // ln 9
    public void Logits_inside_the_clip_are_exact(double p, double z) =>
        Assert.Equal(z, CalibrationLogits.FromProbability(p), 13);

    [Fact]
    public void Unknown_labels_are_excluded_and_counted()
    {
        double[] p = [0.1, 0.2, 0.8, 0.9, 0.5, 0.7, 0.3];
        sbyte[] y = [0, 1, 1, 0, -1, 1, 0];

        ClassFit fit = CalibrationFitter.FitClass("A", p, y, CalibrationMethod.Temperature);
        ClassFit without = CalibrationFitter.FitClass("A", [0.1, 0.2, 0.8, 0.9, 0.7, 0.3], [0, 1, 1, 0, 1, 0],
            CalibrationMethod.Temperature);

        Assert.Equal(6, fit.N);
        Assert.Equal(1, fit.Unknown);
        Assert.Equal(without.Fitted!.Slope, fit.Fitted!.Slope);
    }

    [Theory]
    [InlineData(CalibrationMethod.Temperature)]
    [InlineData(CalibrationMethod.Platt)]
    public void A_class_without_positives_is_not_calibrated_and_says_why(CalibrationMethod method)
    {
        ClassFit fit = CalibrationFitter.FitClass("Hernia", [0.1, 0.2, 0.3], [0, 0, 0], method);

        Assert.Null(fit.Fitted);
        Assert.Equal("no positives", fit.Reason);
    }

    [Theory]
    [InlineData(CalibrationMethod.Temperature)]
    [InlineData(CalibrationMethod.Platt)]
    public void Logits_that_separate_the_labels_have_no_finite_minimum(CalibrationMethod method)
    {
        ClassFit fit = CalibrationFitter.FitClass("A", [0.1, 0.2, 0.3, 0.7, 0.8, 0.9], [0, 0, 0, 1, 1, 1], method);

        Assert.Null(fit.Fitted);
        Assert.Contains("no finite minimum", fit.Reason);
    }

    [Fact]
    public void Logits_ranking_the_cases_the_wrong_way_are_refused()
    {
        ClassFit fit = CalibrationFitter.FitClass("A", [0.1, 0.2, 0.3, 0.7, 0.8, 0.6, 0.4], [1, 1, 0, 0, 0, 1, 0],
            CalibrationMethod.Temperature);

        Assert.Null(fit.Fitted);
        Assert.Contains("wrong way", fit.Reason);
    }

    [Theory]
    [InlineData(11UL, 0.5, 0.0)]
    [InlineData(12UL, 2.0, 0.0)]
    [InlineData(13UL, 0.8, -0.7)]
    public void Platt_recovers_the_parameters_labels_were_drawn_with(ulong seed, double slope, double intercept)
    {
        // 200,000 cases with labels drawn from σ(slope·z + intercept): the maximum-likelihood fit lies within a few
        // standard errors (about 0.01 here) of the truth.
        var random = new Random((int)seed);
        const int n = 200_000;
        var p = new double[n];
        var y = new sbyte[n];
        for (int i = 0; i < n; i++)
        {
            double z = 3 * (random.NextDouble() * 2 - 1);
            p[i] = 1 / (1 + Math.Exp(-z));
            y[i] = random.NextDouble() < 1 / (1 + Math.Exp(-(slope * z + intercept))) ? (sbyte)1 : (sbyte)0;
        }

        ClassFit fit = CalibrationFitter.FitClass("A", p, y, CalibrationMethod.Platt);

        Assert.True(Math.Abs(fit.Fitted!.Slope - slope) < 0.05 && Math.Abs(fit.Fitted.Intercept - intercept) < 0.05,
            $"seed {seed}: fitted {fit.Fitted.Slope}, {fit.Fitted.Intercept}; drawn with {slope}, {intercept}");
        Assert.True(fit.LogLossAfter < fit.LogLossBefore || slope == 1, $"seed {seed}: the fit did not lower the loss");
    }
}
