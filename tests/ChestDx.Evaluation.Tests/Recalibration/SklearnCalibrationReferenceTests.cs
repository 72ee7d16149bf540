using System.Text.Json;
using ChestDx.Core.Models;
using ChestDx.Evaluation.Recalibration;
using static ChestDx.Evaluation.Tests.Recalibration.JrzechCalibrationSet;

namespace ChestDx.Evaluation.Tests.Recalibration;

/// <summary>
/// ChestDx's fits on jrzech's 22,433 real predictions against scipy (temperature) and scikit-learn's
/// LogisticRegression(penalty=None, solver="newton-cg", tol=1e-8) (Platt), both on the same clipped logits and 0/1
/// targets: parameters and log loss within 1e-6 relative, ECE and Brier before and after within 1e-9.
/// </summary>
public sealed class SklearnCalibrationReferenceTests
{
    private const double ParameterTolerance = 1e-6;
    private const double MetricTolerance = 1e-9;

    public static TheoryData<string> AllClasses() => Classes();

    [Theory]
    [MemberData(nameof(AllClasses))]
    public void Temperature_matches_the_scipy_minimiser_of_the_log_loss(string cls)
    {
        (double[] scores, sbyte[] labels) = Column(cls);
        JsonElement expected = Reference(cls);

        ClassFit fit = CalibrationFitter.FitClass(cls, scores, labels, CalibrationMethod.Temperature);

        Assert.Null(fit.Reason);
        Assert.Equal(expected.GetProperty("n").GetInt32(), fit.N);
        Assert.Equal(expected.GetProperty("positives").GetInt32(), fit.Positives);
        JsonElement t = expected.GetProperty("temperature");
        Near(t.GetProperty("slope").GetDouble(), fit.Fitted!.Slope, ParameterTolerance, $"{cls} 1/T");
        Assert.Equal(0, fit.Fitted.Intercept);
        Near(t.GetProperty("log_loss").GetDouble(), fit.LogLossAfter!.Value, ParameterTolerance, $"{cls} log loss");
        Near(expected.GetProperty("log_loss_before").GetDouble(), fit.LogLossBefore, MetricTolerance,
            $"{cls} log loss before");
    }

    [Theory]
    [MemberData(nameof(AllClasses))]
    public void Platt_matches_scikit_learn_logistic_regression_on_the_logit(string cls)
    {
        (double[] scores, sbyte[] labels) = Column(cls);
        JsonElement platt = Reference(cls).GetProperty("platt");

        ClassFit fit = CalibrationFitter.FitClass(cls, scores, labels, CalibrationMethod.Platt);

        Assert.Null(fit.Reason);
        Near(platt.GetProperty("slope").GetDouble(), fit.Fitted!.Slope, ParameterTolerance, $"{cls} slope");
        Near(platt.GetProperty("intercept").GetDouble(), fit.Fitted.Intercept, ParameterTolerance, $"{cls} intercept");
        Near(platt.GetProperty("log_loss").GetDouble(), fit.LogLossAfter!.Value, ParameterTolerance, $"{cls} loss");
    }

    [Theory]
    [MemberData(nameof(AllClasses))]
    public void Ece_and_brier_before_and_after_match_numpy(string cls)
    {
        (double[] scores, sbyte[] labels) = Column(cls);
        JsonElement expected = Reference(cls);
        foreach (CalibrationMethod method in new[] { CalibrationMethod.Temperature, CalibrationMethod.Platt })
        {
            // The reference's own parameters, so this checks the before/after arithmetic alone.
            ClassRecalibration r = RecalibrationComparison.Compare(
                cls, ReferenceCalibration(cls, method), scores, labels, bins: 10);
            JsonElement after = expected.GetProperty(method == CalibrationMethod.Platt ? "platt" : "temperature");

            Near(expected.GetProperty("ece_before").GetDouble(), r.Before!.Ece, MetricTolerance, $"{cls} ECE before");
            Near(expected.GetProperty("brier_before").GetDouble(), r.Before.Brier, MetricTolerance, $"{cls} Brier");
            Near(after.GetProperty("ece").GetDouble(), r.After!.Ece, MetricTolerance, $"{cls} {method} ECE after");
            Near(after.GetProperty("brier").GetDouble(), r.After.Brier, MetricTolerance, $"{cls} {method} Brier");
            Near(after.GetProperty("log_loss").GetDouble(), r.LogLossAfter!.Value, MetricTolerance, $"{cls} loss");
            Assert.Equal(expected.GetProperty("clipped_low").GetInt32()
                         + expected.GetProperty("clipped_high").GetInt32(), r.Clipped);
        }
    }
}
