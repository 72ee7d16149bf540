using ChestDx.Core;
using ChestDx.Core.Predictions;
using ChestDx.Evaluation.Inputs;
using ChestDx.Evaluation.Thresholds;

namespace ChestDx.Evaluation.Tests.Thresholds;

/// <summary>The one choice of validation thresholds that `evaluate` and `readers` share.</summary>
public sealed class ValidationThresholdsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-val-thresholds-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private EvaluationSet Set(string predictions, string labels)
    {
        string p = Path.Combine(_dir, "p.csv"), l = Path.Combine(_dir, "l.csv");
        File.WriteAllText(p, predictions);
        File.WriteAllText(l, labels);
        return EvaluationSet.Join(PredictionTable.Read(p), LabelReader.Read(l));
    }

    [Fact]
    public void Youden_is_chosen_over_known_labels_only_and_a_class_without_positives_is_left_out()
    {
        // A: known rows 1..4 separate perfectly at 0.6 (Youden J = 1); row 5's 0.95 is unlabelled and must not count.
        // B: no positives, so no threshold.
        EvaluationSet v = Set(
            "id,A,B\n1,0.9,0.1\n2,0.6,0.2\n3,0.4,0.3\n4,0.1,0.4\n5,0.95,0.5\n",
            "id,A,B\n1,1,0\n2,1,0\n3,0,0\n4,0,0\n5,,0\n");
        Dictionary<string, double> t = ValidationThresholds.ChooseAll(new ThresholdPolicy(ThresholdRule.Youden), v);
        Assert.Equal(["A"], t.Keys);
        Assert.Equal(0.6, t["A"]);
        Assert.Equal(4, ValidationThresholds.Ranking(v, "A").Count);
    }

    [Fact]
    public void A_test_class_missing_from_validation_is_an_error_naming_the_file()
    {
        EvaluationSet v = Set("id,A\n1,0.9\n2,0.1\n", "id,A\n1,1\n2,0\n");
        var e = Assert.Throws<ChestDxException>(() => ValidationThresholds.Ranking(v, "Edema"));
        Assert.Contains("p.csv", e.Message);
        Assert.Contains("Edema", e.Message);
    }
}
