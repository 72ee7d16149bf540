using ChestDx.Core.Labels;
using ChestDx.Core.Predictions;
using ChestDx.Evaluation.Inputs;
using ChestDx.Evaluation.Pipeline;
using ChestDx.Evaluation.Subgroups;

namespace ChestDx.Evaluation.Runs;

/// <summary>
/// What one evaluation reads and where it writes: the inputs of <c>chestdx evaluate</c> as files, with every choice
/// already parsed. <see cref="EvaluationRun.Run"/> turns it into metrics.json and the reports.
/// </summary>
public sealed record EvaluationRequest
{
    /// <summary>Predictions CSV of the model under test (the predictions contract, ChestDx.Core.Predictions).</summary>
    public required string Predictions { get; init; }

    /// <summary>Labels in any format ChestDx.Core.Labels reads, or the dataset pack the predictions were made
    /// on.</summary>
    public required string Labels { get; init; }

    /// <summary>Directory for <see cref="Reports.EvaluationReport.Files"/> (created if missing).</summary>
    public required string Output { get; init; }

    /// <summary>What the prediction columns hold; applies to every predictions file of the request.</summary>
    public ScoreScale Scale { get; init; } = ScoreScale.Probabilities;

    /// <summary>How <see cref="Labels"/> is read (e.g. the Set Id of Google's expert labels). The validation labels
    /// are read with the defaults: a subset names rows of the test reference only.</summary>
    public LabelReadOptions LabelOptions { get; init; } = new();

    /// <summary>How prediction ids meet label ids; null: the default for the labels' format.</summary>
    public IdMatch? Match { get; init; }

    /// <summary>Only these classes (matched by name and synonym); null: every class on both sides.</summary>
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>Validation predictions to choose data-driven thresholds on; goes with
    /// <see cref="ValidationLabels"/>.</summary>
    public string? ValidationPredictions { get; init; }

    /// <summary>Labels of <see cref="ValidationPredictions"/>.</summary>
    public string? ValidationLabels { get; init; }

    /// <summary>A second model's predictions on the same images, compared against the same labels.</summary>
    public string? ComparePredictions { get; init; }

    /// <summary>Reader label files whose operating points are drawn on the ROC curves.</summary>
    public IReadOnlyList<string> Readers { get; init; } = [];

    /// <summary>Attributes to analyse subgroups by (<c>--subgroups</c>); empty: no subgroup analysis.</summary>
    public IReadOnlyList<SubgroupAttribute> Subgroups { get; init; } = [];

    /// <summary>A CSV of image metadata keyed by image id (<see cref="SubgroupMetadata"/>); with a pack as
    /// <see cref="Labels"/> it adds to and overrides the manifest's.</summary>
    public string? SubgroupFile { get; init; }

    /// <summary>The pack the model was trained on: the report opens with its dataset-shift audit against the
    /// evaluation pack (<see cref="Labels"/>, which must then be a pack).</summary>
    public string? TrainPack { get; init; }

    /// <summary>A model file whose fitted calibration is applied to the predictions to report ECE and Brier before
    /// and after (<c>--calibration</c>); null: none.</summary>
    public string? Calibration { get; init; }

    /// <summary>The command that asked for this evaluation, paths reduced to file names, for the report's
    /// provenance; null: run from code.</summary>
    public string? CommandLine { get; init; }

    /// <summary>The clock the report's date comes from (the CLI's, so tests fix it).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Threshold policy, bootstrap and the report's settings.</summary>
    public EvaluationOptions Options { get; init; } = new();
}
