using ChestDx.Core;
using ChestDx.Evaluation.Inputs;
using ChestDx.Evaluation.Metrics;

namespace ChestDx.Evaluation.Thresholds;

/// <summary>
/// Thresholds chosen on held-out validation predictions, the one place `evaluate` and `readers` choose them: per
/// class, over the validation cases whose label is known, by <see cref="ThresholdSelector"/>.
/// </summary>
public static class ValidationThresholds
{
    /// <summary>
    /// The validation set's known-label scores of class <paramref name="name"/>, ranked for choosing its threshold.
    /// </summary>
    public static RankedScores Ranking(EvaluationSet validation, string name)
    {
        int c = validation.Classes.ToList().IndexOf(name);
        if (c < 0)
            throw ChestDxException.ForFile(validation.PredictionsPath,
                $"the validation set has no class \"{name}\" to choose its threshold on");
        sbyte[] labels = validation.Labels[c];
        int[] known = Enumerable.Range(0, labels.Length).Where(i => labels[i] != ReferenceLabels.Unknown).ToArray();
        return RankedScores.Build(
            known.Select(i => validation.Scores[c][i]).ToArray(), known.Select(i => labels[i] == 1).ToArray());
    }

    /// <summary>
    /// The threshold of every validation class, by class name; a class where none can be chosen (no positives, say)
    /// is left out.
    /// </summary>
    public static Dictionary<string, double> ChooseAll(ThresholdPolicy policy, EvaluationSet validation)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string name in validation.Classes)
            if (ThresholdSelector.Choose(policy, Ranking(validation, name)).Value is { } t) result[name] = t;
        return result;
    }
}
