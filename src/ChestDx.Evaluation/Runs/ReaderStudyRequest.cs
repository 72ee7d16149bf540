using ChestDx.Core.Predictions;
using ChestDx.Evaluation.Readers;

namespace ChestDx.Evaluation.Runs;

/// <summary>
/// What one reader study reads and where it writes: the inputs of <c>chestdx readers</c> with every choice already
/// parsed. <see cref="ReaderStudyRun.Run"/> turns it into readers.json, readers.md and readers.html.
/// </summary>
public sealed record ReaderStudyRequest
{
    /// <summary>One CSV per reader, or CSVs with a <c>reader</c> column.</summary>
    public required IReadOnlyList<string> Readers { get; init; }

    /// <summary>A labels file (any supported format); null: the majority vote of the readers
    /// (<see cref="ReaderStudyOptions.MajorityOf"/>).</summary>
    public string? Reference { get; init; }

    /// <summary>Majority vote, ties and bootstrap.</summary>
    public ReaderStudyOptions Options { get; init; } = new();

    /// <summary>Only these classes; null: every class.</summary>
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>The model's predictions on the study images; null: readers only.</summary>
    public string? Predictions { get; init; }

    /// <summary>What the prediction columns hold (the model's and the validation predictions).</summary>
    public ScoreScale Scale { get; init; } = ScoreScale.Probabilities;

    /// <summary>The model's thresholds: <c>fixed:T</c>, a thresholds.csv from <c>chestdx evaluate</c>, or a policy
    /// chosen on <see cref="ValidationPredictions"/> (see <see cref="ModelThresholds"/>).</summary>
    public string Thresholds { get; init; } = "fixed:0.5";

    public string? ValidationPredictions { get; init; }

    public string? ValidationLabels { get; init; }

    /// <summary>Directory for <see cref="ReadersReport.Files"/> (created if missing).</summary>
    public required string Output { get; init; }
}
