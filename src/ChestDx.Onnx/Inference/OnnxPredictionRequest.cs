using ChestDx.Core;
using ChestDx.Core.Predictions;
using ChestDx.Imaging;

namespace ChestDx.Onnx.Inference;

/// <summary>
/// What one ONNX Runtime prediction run reads and writes (<c>chestdx predict --engine onnxruntime</c>), every choice
/// parsed: the same inputs and outputs as the TorchSharp run (Training's PredictionRequest).
/// </summary>
public sealed record OnnxPredictionRequest
{
    /// <summary>The .onnx file.</summary>
    public required string Model { get; init; }

    /// <summary>One dataset pack directory, or image files (PNG, DICOM).</summary>
    public required IReadOnlyList<string> Inputs { get; init; }

    /// <summary>Under a site key: ingest's ids for image files, and a pack must carry this key (Training's
    /// PredictionRequest.Pseudonyms).</summary>
    public IInputPseudonyms? Pseudonyms { get; init; }

    /// <summary>With a pack: only this split; null: every image.</summary>
    public string? Split { get; init; }

    /// <summary>predictions.csv to write.</summary>
    public required string Output { get; init; }

    /// <summary>Average the sigmoid outputs of torchvision's ten crops.</summary>
    public bool TenCrop { get; init; }

    /// <summary>Images per forward pass (×10 windows with ten-crop).</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Folder for class activation map PNGs; null = none.</summary>
    public string? CamDirectory { get; init; }

    /// <summary>Heat maps for this many highest-probability findings per image.</summary>
    public int CamTop { get; init; } = 3;

    /// <summary>
    /// Apply torchxrayvision's op_norm with the model's operating points (<c>--operating-points</c>), as the
    /// TorchSharp run does: scores whose 0.5 is each class's operating point, not probabilities.
    /// </summary>
    public bool OperatingPoints { get; init; }

    /// <summary>Write the model's calibrated probabilities (<c>--calibrated</c>), as the TorchSharp run does.</summary>
    public bool Calibrated { get; init; }

    /// <summary>Intra-op threads; 0 = ONNX Runtime's choice.</summary>
    public int Threads { get; init; }

    public void Validate()
    {
        if (BatchSize < 1) throw new ChestDxException("--batch-size must be at least 1");
        if (Threads < 0) throw new ChestDxException("--threads must be 0 (automatic) or more");
        PredictionsCsv.CheckScoreOptions(OperatingPoints, Calibrated);
    }
}
