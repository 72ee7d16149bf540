using ChestDx.Core;
using ChestDx.Core.Models;
using ChestDx.Core.Predictions;
using ChestDx.Evaluation.Inputs;

namespace ChestDx.Evaluation.Runs;

/// <summary>
/// What one <c>chestdx calibrate</c> reads and writes, every choice parsed. <see cref="CalibrationRun.Run"/> fits
/// and writes the model file.
/// </summary>
public sealed record CalibrationRequest
{
    /// <summary>The model file (model.safetensors) whose calibration is fitted.</summary>
    public required string Model { get; init; }

    /// <summary>The model's predictions on validation images (never the test images the model is judged
    /// on).</summary>
    public required string Predictions { get; init; }

    /// <summary>Their labels: any format ChestDx.Core.Labels reads, or the dataset pack.</summary>
    public required string Labels { get; init; }

    public CalibrationMethod Method { get; init; } = CalibrationMethod.Temperature;

    /// <summary>Where the calibrated copy of the model is written; null: <see cref="InPlace"/> must be set.</summary>
    public string? Output { get; init; }

    /// <summary>Rewrite <see cref="Model"/> itself (its tensors are copied unchanged).</summary>
    public bool InPlace { get; init; }

    public ScoreScale Scale { get; init; } = ScoreScale.Probabilities;

    /// <summary>How prediction ids meet label ids; null: the default for the labels' format.</summary>
    public IdMatch? Match { get; init; }

    /// <summary>The model file this run writes.</summary>
    public string Target => InPlace ? Model : Output!;

    /// <summary>Checks that need no file: run before the output is claimed.</summary>
    public void Validate()
    {
        if (InPlace == (Output is not null))
            throw new ChestDxException(InPlace
                ? "--out and --in-place exclude each other"
                : "say where the calibrated model goes: --out MODEL (a copy) or --in-place (rewrite the model)");
        if (Output is not null && Path.GetFullPath(Output) == Path.GetFullPath(Model))
            throw new ChestDxException("--out is the model itself: pass --in-place to rewrite it");
    }
}
