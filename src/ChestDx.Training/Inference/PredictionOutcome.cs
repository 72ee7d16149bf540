using ChestDx.Core.Models;

namespace ChestDx.Training.Inference;

/// <summary>What <see cref="PredictionRun.Run"/> predicted, from which model file, and where it wrote.</summary>
/// <param name="ModelSource">The weights file the model was loaded from.</param>
/// <param name="Output">The predictions.csv written.</param>
/// <param name="CamDirectory">The class activation maps' folder; null when none were asked for.</param>
public sealed record PredictionOutcome(
    PredictResult Result, string ModelSource, string Output, string? CamDirectory, bool TenCrop)
{
    /// <summary>The scores are op_norm values (0.5 = each class's operating point), not probabilities.</summary>
    public bool OperatingPoints { get; init; }

    /// <summary>How the model's inputs were scaled (from its model file).</summary>
    public InputScaling InputScaling { get; init; }
}
