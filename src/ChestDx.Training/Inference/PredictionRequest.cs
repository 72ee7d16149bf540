using ChestDx.Core;
using ChestDx.Core.Predictions;
using ChestDx.Imaging;
using ChestDx.Training.Settings;

namespace ChestDx.Training.Inference;

/// <summary>
/// What one prediction run reads and writes: the inputs of <c>chestdx predict</c> with every choice already parsed.
/// <see cref="PredictionRun.Run"/> turns it into predictions.csv (and class activation maps).
/// </summary>
public sealed record PredictionRequest
{
    /// <summary>A training run directory or a weights file.</summary>
    public required string Model { get; init; }

    /// <summary>One dataset pack directory, or image files (PNG, DICOM).</summary>
    public required IReadOnlyList<string> Inputs { get; init; }

    /// <summary>With a pack: only this split; null: every image. An error with image files.</summary>
    public string? Split { get; init; }

    /// <summary>predictions.csv to write (the predictions contract, ChestDx.Core.Predictions).</summary>
    public required string Output { get; init; }

    /// <summary>Under a site key, image files get the ids ingest gives them with that key and a pack must have been
    /// ingested with it; null: ids are the files' relative paths.</summary>
    public IInputPseudonyms? Pseudonyms { get; init; }

    public DeviceChoice Device { get; init; } = DeviceChoice.Auto;

    /// <summary>Intra-op threads of libtorch or ONNX Runtime; 0 = every core (<c>--threads</c>).</summary>
    public int Threads { get; init; }

    /// <summary>Write the model's fitted calibration of each probability (<c>--calibrated</c>); the file says so in
    /// its id header (Core.Predictions.PredictionsCsv.CalibratedIdHeader).</summary>
    public bool Calibrated { get; init; }

    /// <summary>Ten-crop averaging, images per forward pass, and the class activation maps' folder and count.</summary>
    public PredictOptions Options { get; init; } = new();

    /// <summary>Checks that need no file: run before the output is claimed.</summary>
    public void Validate()
    {
        if (Options.BatchSize < 1) throw new ChestDxException("--batch-size must be at least 1");
        if (Threads < 0) throw new ChestDxException("--threads must be 0 (every core) or more");
        PredictionsCsv.CheckScoreOptions(Options.OperatingPoints, Calibrated);
    }
}
