using System.Text.Json;
using ChestDx.Core.Models;
using ChestDx.Core.Predictions;
using ChestDx.Evaluation.Inputs;

namespace ChestDx.Evaluation.Tests.Recalibration;

/// <summary>
/// jrzech/reproduce-chexnet's 22,433 real predictions joined to NIH's labels (as JrzechReproductionTests joins them),
/// and the reference fits of tests/data/calibration-reference (scipy and scikit-learn; see its PROVENANCE.md).
/// </summary>
internal static class JrzechCalibrationSet
{
    private static string Data(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "data", .. parts]);

    public static string PredictionsPath => Data("nih-reference-eval", "jrzech_preds.csv");

    public static string LabelsPath => Data("nih", "Data_Entry_2017_v2020.csv.gz");

    private static readonly Lazy<EvaluationSet> LazySet = new(() => EvaluationSet.Join(
        PredictionTable.Read(PredictionsPath), LabelReader.Read(LabelsPath)));

    private static readonly Lazy<JsonElement> LazyReference = new(() =>
        JsonDocument.Parse(File.ReadAllText(Data("calibration-reference", "calibration_reference.json")))
            .RootElement.GetProperty("classes"));

    public static EvaluationSet Set => LazySet.Value;

    public static JsonElement Reference(string cls) => LazyReference.Value.GetProperty(cls);

    public static TheoryData<string> Classes()
    {
        var data = new TheoryData<string>();
        foreach (JsonProperty c in LazyReference.Value.EnumerateObject()) data.Add(c.Name);
        return data;
    }

    public static (double[] Scores, sbyte[] Labels) Column(string cls)
    {
        int c = EvaluationSet.Find(Set.Classes, cls);
        return (Set.Scores[c], Set.Labels[c]);
    }

    /// <summary>Asserts |actual − expected| ≤ tolerance·max(1, |expected|).</summary>
    public static void Near(double expected, double actual, double tolerance, string what)
    {
        double allowed = tolerance * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(actual - expected) <= allowed,
            $"{what}: expected {expected:R}, got {actual:R} (|difference| {Math.Abs(actual - expected):E2} > "
            + $"{allowed:E2})");
    }

    /// <summary>A calibration of class <paramref name="cls"/> as the reference fitted it.</summary>
    public static ClassCalibration ReferenceCalibration(string cls, CalibrationMethod method)
    {
        JsonElement fit = Reference(cls).GetProperty(method == CalibrationMethod.Platt ? "platt" : "temperature");
        return new ClassCalibration
        {
            Class = cls, Method = method, Slope = fit.GetProperty("slope").GetDouble(),
            Intercept = method == CalibrationMethod.Platt ? fit.GetProperty("intercept").GetDouble() : 0,
        };
    }
}
