using ChestDx.Evaluation.Bootstrap;
using ChestDx.Evaluation.Inputs;
using ChestDx.Evaluation.Metrics;

namespace ChestDx.Evaluation.Pipeline;

/// <summary>Where a class's threshold came from: the policy, and the data it was chosen on.</summary>
/// <param name="ChosenOn">"fixed", "validation" or "test" (the last is optimistic and flagged in reports).</param>
public sealed record ThresholdOrigin(string Policy, string ChosenOn, string? ValidationPath);

/// <summary>
/// A second model scored on the same cases: paired DeLong test and the paired bootstrap interval of the difference.
/// </summary>
public sealed record ClassComparison(
    double? AurocOther, PairedDeLongTest? DeLong, PercentileInterval? AurocOtherCi, PercentileInterval? DifferenceCi);

/// <summary>Everything measured for one class.</summary>
public sealed record ClassEvaluation
{
    public required string Name { get; init; }

    /// <summary>Cases with a known label (the ones evaluated).</summary>
    public required int N { get; init; }
    public required int Positives { get; init; }
    public int Negatives => N - Positives;

    /// <summary>Cases whose label was blank/unknown, excluded from this class only.</summary>
    public required int Unknown { get; init; }

    /// <summary>Why AUROC is undefined ("no positives", "no negatives"); null when defined.</summary>
    public string? UndefinedReason { get; init; }

    public double? Auroc { get; init; }
    public DeLongEstimate? DeLong { get; init; }
    public double? AveragePrecision { get; init; }

    public double? Threshold { get; init; }
    public string? ThresholdUndefinedReason { get; init; }
    public BinaryCounts? Counts { get; init; }

    public CalibrationSummary? Calibration { get; init; }
    public string? CalibrationUndefinedReason { get; init; }

    public IReadOnlyList<CurvePoint> Roc { get; init; } = [];
    public IReadOnlyList<CurvePoint> PrecisionRecall { get; init; } = [];

    public ClassBootstrapResult? Bootstrap { get; init; }
    public ClassComparison? Comparison { get; init; }
}

/// <summary>A mean over classes, with the classes it covers.</summary>
public sealed record ClassMean(double? Value, int Classes);

/// <summary>The outcome of <see cref="Evaluator.Run"/>.</summary>
public sealed record EvaluationResult
{
    public required EvaluationSet Data { get; init; }
    public required EvaluationOptions Options { get; init; }
    public required ThresholdOrigin ThresholdOrigin { get; init; }
    public required IReadOnlyList<ClassEvaluation> Classes { get; init; }

    /// <summary>
    /// Unweighted means over the classes with both positives and negatives (the others are listed in
    /// <see cref="Excluded"/>).
    /// </summary>
    public required ClassMean MeanAuroc { get; init; }
    public required ClassMean MeanAveragePrecision { get; init; }
    public required ClassMean MeanF1 { get; init; }
    public required ClassMean MeanSensitivity { get; init; }
    public required ClassMean MeanSpecificity { get; init; }
    public MacroBootstrapResult? MacroBootstrap { get; init; }

    /// <summary>Classes left out of the means, with the reason.</summary>
    public required IReadOnlyList<(string Class, string Reason)> Excluded { get; init; }

    /// <summary>Second predictions file compared with the first, when given.</summary>
    public string? ComparisonPath { get; init; }

    /// <summary>Warnings a reader of the report must see (optimistic thresholds, skipped resamples, …).</summary>
    public required IReadOnlyList<string> Notes { get; init; }
}
