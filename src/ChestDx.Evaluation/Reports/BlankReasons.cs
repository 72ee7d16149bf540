using ChestDx.Evaluation.Pipeline;

namespace ChestDx.Evaluation.Reports;

/// <summary>
/// Why a table cell is "—": each distinct reason gets a number, the cell shows "—" with that number, and the reasons
/// are listed under the table, so no blank in a report goes unexplained.
/// </summary>
internal sealed class BlankReasons
{
    private readonly List<string> _reasons = [];

    public IReadOnlyList<string> Reasons => _reasons;

    /// <summary>The number of <paramref name="reason"/> (1-based), added on first use.</summary>
    public int Mark(string reason)
    {
        int i = _reasons.IndexOf(reason);
        if (i >= 0) return i + 1;
        _reasons.Add(reason);
        return _reasons.Count;
    }

    /// <summary>The reason a class's threshold is undefined, naming the predictions it was to be chosen on.</summary>
    public static string Threshold(ClassEvaluation c, ThresholdOrigin origin) =>
        (c.ThresholdUndefinedReason ?? "no threshold")
        + (origin.ChosenOn == "validation" ? " in the validation split"
            : origin.ChosenOn == "test" ? " in the test predictions" : "");

    /// <summary>Why the thresholded metrics of a class are undefined when its threshold is.</summary>
    public static string NoCounts(ClassEvaluation c) =>
        c.N == 0 ? "no labelled cases" : "no threshold, so no calls (see Threshold)";

    public static string? Why(ClassEvaluation c, string column, ThresholdOrigin origin)
    {
        switch (column)
        {
            case "ap": return c.AveragePrecision is null ? c.UndefinedReason ?? "no positives" : null;
            case "threshold": return c.Threshold is null ? Threshold(c, origin) : null;
            case "ece": return c.Calibration is null ? c.CalibrationUndefinedReason ?? "no calibration" : null;
        }
        if (c.Counts is not { } k) return NoCounts(c);
        return column switch
        {
            "sensitivity" when k.Sensitivity is null => "no positives: sensitivity is TP / (TP + FN) = 0/0",
            "specificity" when k.Specificity is null => "no negatives: specificity is TN / (TN + FP) = 0/0",
            "ppv" when k.Precision is null => "no image called positive at the threshold: PPV is 0/0",
            "npv" when k.Npv is null => "no image called negative at the threshold: NPV is 0/0",
            "f1" when k.F1 is null => "no positives and none called positive: F1 is 0/0",
            _ => null,
        };
    }

    public const string NotPublished = "not reported by that source";
    public const string NoMean = "no class has both positives and negatives";
}
