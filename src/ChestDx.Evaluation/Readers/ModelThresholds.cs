using ChestDx.Core;
using ChestDx.Core.Predictions;
using ChestDx.Evaluation.Inputs;
using ChestDx.Evaluation.Thresholds;

namespace ChestDx.Evaluation.Readers;

/// <summary>
/// The model's per-class thresholds in a reader study: a fixed value, a thresholds.csv written by
/// <c>chestdx evaluate</c>, or a policy chosen on validation predictions by <see cref="ValidationThresholds"/>.
/// </summary>
public static class ModelThresholds
{
    /// <summary>Per-class thresholds for <paramref name="predictions"/>' classes and how they were set (for the
    /// report).</summary>
    public static (Dictionary<string, double> PerClass, string Description) Resolve(
        string spec, PredictionTable predictions, string? valPredictions, string? valLabels, ScoreScale scale)
    {
        if (File.Exists(spec)) return (ModelCalls.ReadThresholds(spec), spec);
        ThresholdPolicy policy = ThresholdPolicy.Parse(spec);
        if (!policy.ChosenFromData)
            return (predictions.Classes.ToDictionary(c => c, _ => policy.Value), policy.ToString());
        if (valPredictions is null || valLabels is null)
            throw new ChestDxException($"--thresholds {policy} is chosen on validation data: "
                + "give --val-predictions and --val-labels (or a thresholds.csv)");
        PredictionTable validationPredictions = PredictionTable.Read(valPredictions, scale);
        EvaluationSet validation = EvaluationSet.Join(validationPredictions, LabelReader.Read(valLabels));
        Dictionary<string, double> result = ValidationThresholds.ChooseAll(policy, validation);
        return (result, $"{policy} chosen on validation ({valPredictions})");
    }
}
