using System.Globalization;
using ChestDx.Core;

namespace ChestDx.Evaluation.Thresholds;

public enum ThresholdRule
{
    /// <summary>A given probability, the same for every class.</summary>
    Fixed,
    /// <summary>Per class, the threshold maximising F1 (common CheXNet practice; see anchors §5).</summary>
    MaxF1,
    /// <summary>Per class, the threshold maximising Youden's J = sensitivity + specificity − 1 (Youden 1950).</summary>
    Youden,
    /// <summary>Per class, the highest threshold whose sensitivity reaches the target.</summary>
    TargetSensitivity,
}

/// <summary>
/// How scores become yes/no calls: <c>fixed:0.5</c>, <c>max-f1</c>, <c>youden</c> or <c>sensitivity:0.9</c>.
/// Every rule calls a score positive when it is ≥ the threshold (scikit-learn's convention). The data-driven rules
/// should be chosen on validation predictions and applied to test; the result records which data chose them.
/// </summary>
public sealed record ThresholdPolicy(ThresholdRule Rule, double Value = 0)
{
    /// <summary>The default, <c>fixed:0.5</c>: a probability of one half.</summary>
    public static ThresholdPolicy Default { get; } = new(ThresholdRule.Fixed, 0.5);

    public bool ChosenFromData => Rule != ThresholdRule.Fixed;

    public static ThresholdPolicy Parse(string text)
    {
        string t = text.Trim().ToLowerInvariant();
        if (t is "max-f1" or "maxf1") return new ThresholdPolicy(ThresholdRule.MaxF1);
        if (t == "youden") return new ThresholdPolicy(ThresholdRule.Youden);
        int colon = t.IndexOf(':');
        if (colon > 0)
        {
            string name = t[..colon], arg = t[(colon + 1)..];
            bool ok = double.TryParse(arg, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
                && double.IsFinite(v);
            if (name == "fixed" && ok) return new ThresholdPolicy(ThresholdRule.Fixed, v);
            if (name == "sensitivity" && ok && v > 0 && v <= 1)
                return new ThresholdPolicy(ThresholdRule.TargetSensitivity, v);
        }
        throw new ChestDxException(
            $"threshold policy \"{text}\": expected fixed:T (e.g. fixed:0.5), max-f1, youden or sensitivity:S "
            + "with 0 < S ≤ 1 (e.g. sensitivity:0.9)");
    }

    public override string ToString() => Rule switch
    {
        ThresholdRule.Fixed => $"fixed:{Value.ToString("R", CultureInfo.InvariantCulture)}",
        ThresholdRule.MaxF1 => "max-f1",
        ThresholdRule.Youden => "youden",
        _ => $"sensitivity:{Value.ToString("R", CultureInfo.InvariantCulture)}",
    };
}
