using System.Text.Json.Serialization;
using ChestDx.Core.Choices;

namespace ChestDx.Core.Models;

/// <summary>
/// A fitted recalibration of one class's logit z: p = σ(Slope·z + Intercept) (model metadata chestdx.calibration).
/// Temperature scaling (Guo et al., ICML 2017) is Slope = 1/T, Intercept = 0; Platt scaling (Platt 1999) fits both.
/// </summary>
public sealed record ClassCalibration
{
    /// <summary>The class name, as in the model's class set.</summary>
    public required string Class { get; init; }

    public required CalibrationMethod Method { get; init; }

    public required double Slope { get; init; }

    public double Intercept { get; init; }

    /// <summary>The calibrated probability for logit <paramref name="logit"/>.</summary>
    public double Apply(double logit) => 1.0 / (1.0 + Math.Exp(-(Slope * logit + Intercept)));
}

/// <summary>How a class's recalibration was fitted.</summary>
[JsonConverter(typeof(ChoiceJsonConverter<CalibrationMethod>))]
public enum CalibrationMethod
{
    /// <summary>"temperature": one temperature T per class, p = σ(z/T).</summary>
    Temperature,

    /// <summary>"platt": p = σ(a·z + b), a logistic regression on the logit.</summary>
    Platt,
}
