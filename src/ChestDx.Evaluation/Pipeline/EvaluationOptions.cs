using ChestDx.Evaluation.Bootstrap;
using ChestDx.Evaluation.Thresholds;

namespace ChestDx.Evaluation.Pipeline;

/// <summary>Settings of one evaluation; every default is the one stated here and recorded in metrics.json.</summary>
public sealed record EvaluationOptions
{
    /// <summary>
    /// How scores become calls for sensitivity, specificity, PPV, NPV and F1. Defaults to <c>fixed:0.5</c>.
    /// </summary>
    public ThresholdPolicy Threshold { get; init; } = ThresholdPolicy.Default;

    /// <summary>Percentile bootstrap; defaults to 10,000 resamples, seed 0, 95% (CheXNet's method).</summary>
    public BootstrapOptions Bootstrap { get; init; } = new();

    /// <summary>Equal-width bins of the reliability curve. Defaults to 10.</summary>
    public int CalibrationBins { get; init; } = 10;

    /// <summary>
    /// False-positive rates at which the ROC confidence band is computed: 0, 1/(n−1), …, 1. Defaults to 101.
    /// </summary>
    public int RocBandPoints { get; init; } = 101;

    public double ConfidenceLevel => Bootstrap.ConfidenceLevel;

    public void Validate()
    {
        Bootstrap.Validate();
        if (CalibrationBins < 1)
            throw new ArgumentOutOfRangeException(nameof(CalibrationBins), CalibrationBins, "at least 1");
        if (RocBandPoints < 2)
            throw new ArgumentOutOfRangeException(nameof(RocBandPoints), RocBandPoints, "at least 2");
    }
}
