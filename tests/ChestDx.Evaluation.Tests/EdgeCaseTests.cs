using ChestDx.Core;
using ChestDx.Core.Predictions;
using ChestDx.Evaluation.Bootstrap;
using ChestDx.Evaluation.Inputs;
using ChestDx.Evaluation.Metrics;
using ChestDx.Evaluation.Pipeline;
using ChestDx.Evaluation.Reports;
using ChestDx.Evaluation.Thresholds;

namespace ChestDx.Evaluation.Tests;

/// <summary>
/// The documented behaviour on degenerate inputs: undefined classes, ties, constant scores, one sample, bad ids.
/// </summary>
public sealed class EdgeCaseTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-eval-edge-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static EvaluationOptions Options(int resamples = 100) =>
        new() { Bootstrap = new BootstrapOptions { Resamples = resamples, Seed = 3 } };

    [Fact]
    public void A_class_without_positives_is_undefined_and_left_out_of_the_means()
    {
        string p = Write("p.csv", "id,A,B\n1,0.9,0.1\n2,0.2,0.4\n3,0.6,0.3\n4,0.1,0.2\n");
        string l = Write("l.csv", "id,A,B\n1,1,0\n2,0,0\n3,1,0\n4,0,0\n");
        EvaluationResult r = Evaluator.Run(EvaluationSet.Join(PredictionTable.Read(p), LabelReader.Read(l)), Options());
        ClassEvaluation b = r.Classes.Single(c => c.Name == "B");
        Assert.Equal("no positives", b.UndefinedReason);
        Assert.Null(b.Auroc);
        Assert.Null(b.DeLong);
        Assert.Equal(1.0, r.MeanAuroc.Value);
        Assert.Equal(1, r.MeanAuroc.Classes);
        Assert.Equal([("B", "no positives")], r.Excluded);
        Assert.Contains(r.Notes, n => n.Contains("B (no positives)"));
        // Written as null, never NaN.
        using var s = new MemoryStream();
        MetricsJson.Write(s, r);
        string json = System.Text.Encoding.UTF8.GetString(s.ToArray());
        Assert.DoesNotContain("NaN", json);
        Assert.Contains("\"undefined_reason\": \"no positives\"", json);
    }

    [Fact]
    public void Blank_labels_are_excluded_per_class_and_counted()
    {
        string p = Write("p.csv", "id,A,B\n1,0.9,0.1\n2,0.2,0.8\n3,0.6,0.3\n4,0.1,0.7\n");
        string l = Write("l.csv", "id,A,B\n1,1,\n2,,1\n3,0,0\n4,0,1\n");
        EvaluationResult r = Evaluator.Run(
            EvaluationSet.Join(PredictionTable.Read(p), LabelReader.Read(l)), Options(0));
        Assert.Equal((3, 1), (r.Classes[0].N, r.Classes[0].Unknown));
        Assert.Equal((3, 1), (r.Classes[1].N, r.Classes[1].Unknown));
        Assert.Equal(1.0, r.Classes[0].Auroc);
    }

    [Fact]
    public void All_equal_scores_give_one_half_with_zero_delong_variance()
    {
        bool[] truth = [true, false, true, false, false];
        double[] scores = [0.3, 0.3, 0.3, 0.3, 0.3];
        Assert.Equal(0.5, RankedScores.Build(scores, truth).Auroc());
        DeLongEstimate d = DeLong.Estimate(scores, truth);
        Assert.Equal(0.0, d.Variance);
        Assert.Equal((0.5, 0.5), (d.CiLow!.Value, d.CiHigh!.Value));
        Assert.Equal(0.4, RankedScores.Build(scores, truth).AveragePrecision());
        Assert.Null(DeLong.Compare(scores, scores, truth).Z); // zero variance of the difference: no test
    }

    [Fact]
    public void Ties_between_classes_count_one_half()
    {
        // One positive tied with one of two negatives: U = 1 + ½.
        Assert.Equal(0.75, RankedScores.Build([0.5, 0.5, 0.1], [true, false, false]).Auroc());
    }

    [Fact]
    public void One_sample_is_undefined_everywhere_it_must_be()
    {
        string p = Write("p.csv", "id,A\n1,0.9\n");
        string l = Write("l.csv", "id,A\n1,1\n");
        EvaluationResult r = Evaluator.Run(EvaluationSet.Join(PredictionTable.Read(p), LabelReader.Read(l)), Options());
        ClassEvaluation a = r.Classes[0];
        Assert.Equal("no negatives", a.UndefinedReason);
        Assert.Equal(1.0, a.Counts!.Value.Sensitivity);
        Assert.Null(a.Counts!.Value.Specificity);
        Assert.Null(r.MeanAuroc.Value);
        Assert.Null(r.MacroBootstrap);
    }

    [Fact]
    public void DeLong_needs_two_of_each_class_for_a_variance()
    {
        DeLongEstimate d = DeLong.Estimate([0.9, 0.1, 0.2], [true, false, false]);
        Assert.Equal(1.0, d.Auroc);
        Assert.Null(d.Variance);
    }

    [Fact]
    public void Ids_on_one_side_only_are_an_error_listing_a_few()
    {
        string p = Write("p.csv", "id,A\n" + string.Concat(Enumerable.Range(0, 10).Select(i => $"x{i},0.5\n")));
        string l = Write("l.csv", "id,A\n" + string.Concat(Enumerable.Range(3, 10).Select(i => $"x{i},1\n")));
        var e = Assert.Throws<ChestDxException>(() => EvaluationSet.Join(PredictionTable.Read(p), LabelReader.Read(l)));
        Assert.StartsWith(p + ": 3 of 10 id(s) have no row in " + l + ": x0, x1, x2", e.Message);

        // Matching by labels evaluates the labelled images only if all have predictions.
        var e2 = Assert.Throws<ChestDxException>(
            () => EvaluationSet.Join(PredictionTable.Read(p), LabelReader.Read(l), IdMatch.Labels));
        Assert.Contains("x10, x11, x12", e2.Message);
    }

    [Fact]
    public void Duplicate_ids_are_an_error()
    {
        string p = Write("p.csv", "id,A\na,0.1\nb,0.2\na,0.3\n");
        var e = Assert.Throws<ChestDxException>(() => PredictionTable.Read(p));
        Assert.Equal($"{p}: 1 duplicate id(s): a", e.Message);
        string l = Write("l.csv", "id,A\na,1\na,0\n");
        Assert.Throws<ChestDxException>(() => LabelReader.Read(l));
    }

    [Fact]
    public void Columns_join_by_name_not_position()
    {
        string p = Write("p.csv", "id,B,A\n1,0.1,0.9\n2,0.9,0.1\n");
        string l = Write("l.csv", "id,A,B\n1,1,0\n2,0,1\n");
        EvaluationResult r = Evaluator.Run(
            EvaluationSet.Join(PredictionTable.Read(p), LabelReader.Read(l)), Options(0));
        Assert.All(r.Classes, c => Assert.Equal(1.0, c.Auroc));
    }

    [Fact]
    public void Bad_cells_are_one_line_errors_naming_file_line_and_column()
    {
        string p = Write("p.csv", "id,A\n1,0.5\n2,abc\n");
        var e = Assert.Throws<ChestDxException>(() => PredictionTable.Read(p));
        Assert.Equal($"{p}: line 3: column \"A\": \"abc\" is not a finite number", e.Message);

        string l = Write("l.csv", "id,A\n1,1\n2,-1\n");
        string p2 = Write("p2.csv", "id,A\n1,0.5\n2,0.4\n");
        var e2 = Assert.Throws<ChestDxException>(
            () => EvaluationSet.Join(PredictionTable.Read(p2), LabelReader.Read(l)));
        Assert.Contains("line 3: \"-1\" is not 1, 0 or blank (an uncertain label", e2.Message);
    }

    [Fact]
    public void Scores_outside_zero_one_have_no_calibration_but_still_an_auroc()
    {
        // Reading such a file is refused unless it is declared as logits (ScoresAndHeadersTests); the evaluator itself
        // still guards callers that build a set in memory.
        string p = Write("p.csv", "id,A\n1,2.5\n2,-1.0\n3,0.3\n");
        Assert.Throws<ChestDxException>(() => PredictionTable.Read(p));
        var set = new EvaluationSet
        {
            PredictionsPath = p, LabelsPath = "l.csv", LabelsDescription = "in memory",
            Ids = ["1", "2", "3"], Classes = ["A"], Scores = [[2.5, -1.0, 0.3]], Labels = [[1, 0, 0]],
            JoinSummary = new JoinSummary(IdMatch.Exact, 0, 0, [], [], []),
        };
        ClassEvaluation a = Evaluator.Run(set, Options(0)).Classes[0];
        Assert.Equal(1.0, a.Auroc);
        Assert.Null(a.Calibration);
        Assert.Equal("scores outside [0, 1] are not probabilities", a.CalibrationUndefinedReason);
    }

    [Fact]
    public void Thresholds_chosen_on_validation_are_applied_to_test_and_recorded()
    {
        string vp = Write("vp.csv", "id,A\n1,0.9\n2,0.7\n3,0.4\n4,0.2\n");
        string vl = Write("vl.csv", "id,A\n1,1\n2,1\n3,0\n4,0\n");
        string tp = Write("tp.csv", "id,A\n1,0.8\n2,0.6\n3,0.75\n");
        string tl = Write("tl.csv", "id,A\n1,1\n2,1\n3,0\n");
        var options = new EvaluationOptions
        {
            Threshold = ThresholdPolicy.Parse("max-f1"), Bootstrap = new() { Resamples = 0 },
        };
        EvaluationResult r = Evaluator.Run(EvaluationSet.Join(PredictionTable.Read(tp), LabelReader.Read(tl)), options,
            validation: EvaluationSet.Join(PredictionTable.Read(vp), LabelReader.Read(vl)));
        Assert.Equal(0.7, r.Classes[0].Threshold); // chosen on validation, not on test (where 0.6 would be best)
        Assert.Equal("validation", r.ThresholdOrigin.ChosenOn);
        // Reports name input files by their last part (Core/IO/FileNames): folders may carry patient names.
        Assert.Equal(Path.GetFileName(vp), r.ThresholdOrigin.ValidationPath);
        Assert.Equal(new BinaryCounts(1, 1, 1, 0), r.Classes[0].Counts);

        EvaluationResult own = Evaluator.Run(
            EvaluationSet.Join(PredictionTable.Read(tp), LabelReader.Read(tl)), options);
        Assert.Equal("test", own.ThresholdOrigin.ChosenOn);
        Assert.Contains(own.Notes, n => n.Contains("optimistic"));
    }
}
