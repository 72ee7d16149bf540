using System.Text.Json;
using ChestDx.Evaluation.Metrics;
using ChestDx.Evaluation.Thresholds;

namespace ChestDx.Evaluation.Tests.Metrics;

/// <summary>Every per-class value scikit-learn 1.2 computed for the reference case, within 1e-9.</summary>
public sealed class SklearnReferenceTests
{
    private const double Tolerance = 1e-9;
    private static readonly ReferenceCase Case = ReferenceCase.Instance;

    public static TheoryData<string, string> ClassesAndModels()
    {
        var data = new TheoryData<string, string>();
        foreach (string c in ReferenceCase.Instance.Classes)
            foreach (string m in new[] { "model_a", "model_b" }) data.Add(c, m);
        return data;
    }

    private static JsonElement Expected(string cls, string model) =>
        ReferenceCase.Sklearn.GetProperty("per_class").GetProperty(cls).GetProperty(model);

    private static double? NullableDouble(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDouble();

    [Theory]
    [MemberData(nameof(ClassesAndModels))]
    public void Auroc_matches_roc_auc_score(string cls, string model)
    {
        double? expected = NullableDouble(Expected(cls, model).GetProperty("auroc"));
        double? ranked = RankedScores.Build(Case.Scores(model, cls), Case.Truth[cls]).Auroc();
        if (expected is null)
        {
            Assert.Null(ranked);
            return;
        }
        Assert.Equal(expected.Value, ranked!.Value, Tolerance);
    }

    [Theory]
    [MemberData(nameof(ClassesAndModels))]
    public void Average_precision_matches_average_precision_score(string cls, string model)
    {
        double? expected = NullableDouble(Expected(cls, model).GetProperty("average_precision"));
        double? actual = RankedScores.Build(Case.Scores(model, cls), Case.Truth[cls]).AveragePrecision();
        if (expected is null) Assert.Null(actual);
        else Assert.Equal(expected.Value, actual!.Value, Tolerance);
    }

    [Theory]
    [MemberData(nameof(ClassesAndModels))]
    public void Counts_and_rates_at_one_half_match(string cls, string model)
    {
        JsonElement e = Expected(cls, model);
        if (!e.TryGetProperty("at_0.5", out JsonElement at)) return; // Hernia: no positives, nothing to compare
        BinaryCounts c = RankedScores.Build(Case.Scores(model, cls), Case.Truth[cls]).CountsAt(0.5);
        Assert.Equal(at.GetProperty("tp").GetInt64(), c.TruePositives);
        Assert.Equal(at.GetProperty("fp").GetInt64(), c.FalsePositives);
        Assert.Equal(at.GetProperty("fn").GetInt64(), c.FalseNegatives);
        Assert.Equal(at.GetProperty("tn").GetInt64(), c.TrueNegatives);
        Assert.Equal(at.GetProperty("f1").GetDouble(), c.F1!.Value, Tolerance);
        Assert.Equal(at.GetProperty("precision").GetDouble(), c.Precision!.Value, Tolerance);
        Assert.Equal(at.GetProperty("recall").GetDouble(), c.Sensitivity!.Value, Tolerance);
        Assert.Equal(at.GetProperty("specificity").GetDouble(), c.Specificity!.Value, Tolerance);
    }

    [Theory]
    [MemberData(nameof(ClassesAndModels))]
    public void Max_f1_and_youden_thresholds_match(string cls, string model)
    {
        JsonElement e = Expected(cls, model);
        if (!e.TryGetProperty("max_f1", out JsonElement maxF1)) return;
        RankedScores r = RankedScores.Build(Case.Scores(model, cls), Case.Truth[cls]);

        double? t = ThresholdSelector.Choose(new ThresholdPolicy(ThresholdRule.MaxF1), r).Value;
        Assert.Equal(maxF1.GetProperty("threshold").GetDouble(), t!.Value, Tolerance);
        Assert.Equal(maxF1.GetProperty("f1").GetDouble(), r.CountsAt(t.Value).F1!.Value, Tolerance);

        double? youden = ThresholdSelector.Choose(new ThresholdPolicy(ThresholdRule.Youden), r).Value;
        Assert.Equal(e.GetProperty("youden_threshold").GetDouble(), youden!.Value, Tolerance);
    }
}
