using ChestDx.Evaluation.Bootstrap;
using ChestDx.Evaluation.Inputs;
using ChestDx.Evaluation.Pipeline;
using ChestDx.Evaluation.Subgroups;
using ChestDx.Evaluation.Thresholds;

namespace ChestDx.Evaluation.Tests.Subgroups;

/// <summary>Which images count as having a finding and which the model calls healthy, for the underdiagnosis
/// rate.</summary>
public sealed class CalledHealthyTests
{
    private static EvaluationResult Evaluate(string[] classes, double[][] scores, sbyte[][] labels,
        ThresholdPolicy? policy = null) =>
        Evaluator.Run(new EvaluationSet
        {
            PredictionsPath = "p.csv",
            LabelsPath = "l.csv",
            LabelsDescription = "test",
            Ids = Enumerable.Range(0, scores[0].Length).Select(i => $"i{i}").ToArray(),
            Classes = classes,
            Scores = scores,
            Labels = labels,
            JoinSummary = new JoinSummary(IdMatch.Exact, 0, 0, [], [], []),
        }, new EvaluationOptions
        {
            Threshold = policy ?? ThresholdPolicy.Default,
            Bootstrap = new BootstrapOptions { Resamples = 0 },
        });

    [Fact]
    public void A_no_finding_output_is_used_at_its_threshold_and_its_label_is_the_truth()
    {
        // Image 0: finding, No Finding score 0.7 >= 0.5: called healthy (underdiagnosed) although Effusion scores high.
        // Image 1: finding, No Finding 0.2: not called healthy. Image 2: no finding. Image 3: No Finding unknown.
        EvaluationResult r = Evaluate(["Effusion", "No Finding"],
            [[0.9, 0.1, 0.1, 0.9], [0.7, 0.2, 0.8, 0.6]],
            [[1, 1, 0, 1], [0, 0, 1, ReferenceLabels.Unknown]]);
        CalledHealthy c = CalledHealthy.Of(r);
        Assert.Equal([true, true, false, null], c.WithFinding);
        Assert.Equal([true, false, true, true], c.Healthy);
        Assert.Contains("No Finding score is at or above its threshold", c.Definition.CalledHealthy);
        Assert.Null(c.Definition.UndefinedReason);
    }

    [Fact]
    public void Without_no_finding_an_image_is_called_healthy_when_no_class_reaches_its_threshold()
    {
        // Image 0: Effusion positive, both scores below 0.5: underdiagnosed. Image 1: Mass scores 0.5 (>=): not.
        // Image 2: all negative: no finding. Image 3: no positive, Mass unknown: left out.
        EvaluationResult r = Evaluate(["Effusion", "Mass"],
            [[0.4, 0.1, 0.1, 0.2], [0.3, 0.5, 0.2, 0.1]],
            [[1, 1, 0, 0], [0, 0, 0, ReferenceLabels.Unknown]]);
        CalledHealthy c = CalledHealthy.Of(r);
        Assert.Equal([true, true, false, null], c.WithFinding);
        Assert.Equal([true, false, true, true], c.Healthy);
        Assert.Contains("no evaluated class scores at or above its threshold", c.Definition.CalledHealthy);
    }

    [Fact]
    public void A_class_without_a_threshold_leaves_underdiagnosis_undefined_with_the_reason()
    {
        // Youden's J needs both classes: Mass has no positives, so no threshold, so no "called healthy".
        EvaluationResult r = Evaluate(["Effusion", "Mass"],
            [[0.4, 0.1, 0.1, 0.2], [0.3, 0.5, 0.2, 0.1]],
            [[1, 1, 0, 0], [0, 0, 0, 0]], new ThresholdPolicy(ThresholdRule.Youden));
        CalledHealthy c = CalledHealthy.Of(r);
        Assert.StartsWith("Mass has no threshold", c.Definition.UndefinedReason);
        Assert.All(c.WithFinding, x => Assert.Null(x));
    }
}
