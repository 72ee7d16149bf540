using ChestDx.Evaluation.Metrics;

namespace ChestDx.Evaluation.Thresholds;

/// <summary>A chosen threshold, or why none could be chosen (e.g. the validation data has no positives).</summary>
public sealed record ThresholdChoice(double? Value, string? UndefinedReason)
{
    public static ThresholdChoice Undefined(string reason) => new(null, reason);
}

/// <summary>
/// Chooses a class's threshold from one set of predictions. Candidates are the distinct scores (calling scores ≥ t
/// positive), as scikit-learn's roc_curve and precision_recall_curve enumerate them. Ties between candidates are broken
/// the way scikit-learn's argmax over those curves breaks them: max-F1 takes the lowest threshold, Youden the highest.
/// </summary>
public static class ThresholdSelector
{
    public static ThresholdChoice Choose(ThresholdPolicy policy, RankedScores? data) => policy.Rule switch
    {
        ThresholdRule.Fixed => new ThresholdChoice(policy.Value, null),
        _ when data is null =>
            throw new ArgumentNullException(nameof(data), $"{policy} needs predictions to choose from"),
        ThresholdRule.MaxF1 => MaxF1(data),
        ThresholdRule.Youden => Youden(data),
        _ => TargetSensitivity(data, policy.Value),
    };

    private static ThresholdChoice MaxF1(RankedScores r)
    {
        if (r.TotalPositives == 0) return ThresholdChoice.Undefined("no positives to choose a max-F1 threshold on");
        long tp = 0, fp = 0;
        double best = -1, threshold = double.NaN;
        for (int g = 0; g < r.Groups; g++)
        {
            tp += r.Positives[g];
            fp += r.Negatives[g];
            double f1 = 2.0 * tp / (2.0 * tp + fp + (r.TotalPositives - tp));
            if (f1 >= best) { best = f1; threshold = r.Values[g]; }
            // scikit-learn's precision_recall_curve stops at full recall; lower thresholds only add false positives.
            if (tp == r.TotalPositives) break;
        }
        return new ThresholdChoice(threshold, null);
    }

    private static ThresholdChoice Youden(RankedScores r)
    {
        if (!r.HasBothClasses) return ThresholdChoice.Undefined("Youden's J needs both positives and negatives");
        long tp = 0, fp = 0;
        double best = double.NegativeInfinity, threshold = double.NaN;
        for (int g = 0; g < r.Groups; g++)
        {
            tp += r.Positives[g];
            fp += r.Negatives[g];
            double j = (double)tp / r.TotalPositives - (double)fp / r.TotalNegatives;
            if (j > best) { best = j; threshold = r.Values[g]; }
        }
        return new ThresholdChoice(threshold, null);
    }

    private static ThresholdChoice TargetSensitivity(RankedScores r, double target)
    {
        if (r.TotalPositives == 0) return ThresholdChoice.Undefined("no positives to reach a target sensitivity on");
        long tp = 0;
        for (int g = 0; g < r.Groups; g++)
        {
            tp += r.Positives[g];
            if ((double)tp / r.TotalPositives >= target) return new ThresholdChoice(r.Values[g], null);
        }
        return new ThresholdChoice(r.Values[^1], null);
    }
}
