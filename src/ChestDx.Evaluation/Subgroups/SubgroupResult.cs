using ChestDx.Evaluation.Bootstrap;
using ChestDx.Evaluation.Metrics;

namespace ChestDx.Evaluation.Subgroups;

/// <summary>A subgroup's value minus the whole population's, with the patient-level bootstrap interval of that
/// difference (null when the bootstrap is off or no resample had a value).</summary>
public sealed record MetricDifference(double? Value, PercentileInterval? Ci);

/// <summary>
/// One class in one subgroup (or in the whole population: <see cref="Attribute"/> and <see cref="Group"/> are
/// <see cref="SubgroupAnalysis.All"/>). Only images with a known label for the class count. A subgroup with fewer
/// positives or negatives than the minimum has <see cref="TooSmall"/> set and no estimates at all.
/// </summary>
public sealed record SubgroupClassMetrics
{
    public required string Attribute { get; init; }
    public required string Group { get; init; }
    public required string Class { get; init; }
    public required int N { get; init; }
    public required int Positives { get; init; }
    public int Negatives => N - Positives;
    public double? Prevalence => N > 0 ? (double)Positives / N : null;

    /// <summary>Why no estimate is given ("3 positives, fewer than 10"); null when the subgroup was
    /// estimated.</summary>
    public string? TooSmall { get; init; }

    public double? Auroc { get; init; }
    public DeLongEstimate? DeLong { get; init; }

    /// <summary>The class's threshold of the evaluation (chosen on validation when given), the same in every
    /// subgroup.</summary>
    public double? Threshold { get; init; }
    public BinaryCounts? Counts { get; init; }
    public double? Sensitivity => Counts?.Sensitivity;
    public double? Specificity => Counts?.Specificity;
    public double? FalsePositiveRate => Counts?.Specificity is { } s ? 1 - s : null;

    public MetricDifference? AurocDifference { get; init; }
    public MetricDifference? SensitivityDifference { get; init; }
    public MetricDifference? SpecificityDifference { get; init; }
    public MetricDifference? FalsePositiveRateDifference { get; init; }
}

/// <summary>How the underdiagnosis rate was computed: which images have a finding, and when the model calls an image
/// healthy; <see cref="UndefinedReason"/> when it cannot be computed (a class without a threshold).</summary>
public sealed record UnderdiagnosisDefinition(string WithFinding, string CalledHealthy, string? UndefinedReason);

/// <summary>
/// The underdiagnosis rate of Seyyed-Kalantari et al. (2021) in one subgroup: of the images with a finding, the share
/// the model calls healthy ("No Finding"), i.e. the false-positive rate of the No Finding call.
/// </summary>
public sealed record UnderdiagnosisRate
{
    public required string Attribute { get; init; }
    public required string Group { get; init; }

    /// <summary>Images whose finding status is known.</summary>
    public required int Images { get; init; }
    public required int WithFinding { get; init; }
    public required int CalledHealthy { get; init; }
    public string? TooSmall { get; init; }
    public double? Rate { get; init; }
    public MetricDifference? Difference { get; init; }
}

/// <summary>Everything <see cref="SubgroupAnalysis.Run"/> measured.</summary>
public sealed record SubgroupAnalysisResult
{
    public required IReadOnlyList<SubgroupAttribute> Attributes { get; init; }
    public required string MetadataSource { get; init; }
    public required int MinPositives { get; init; }
    public required int MinNegatives { get; init; }

    /// <summary>Per class: the whole population first, then each attribute's subgroups in order.</summary>
    public required IReadOnlyList<SubgroupClassMetrics> Classes { get; init; }
    public required UnderdiagnosisDefinition Underdiagnosis { get; init; }

    /// <summary>The whole population first, then each attribute's subgroups.</summary>
    public required IReadOnlyList<UnderdiagnosisRate> UnderdiagnosisRates { get; init; }

    public required int Images { get; init; }
    public required int Patients { get; init; }
    public required int Resamples { get; init; }
    public required ulong Seed { get; init; }
    public required double ConfidenceLevel { get; init; }
    public required IReadOnlyList<string> Notes { get; init; }
}
