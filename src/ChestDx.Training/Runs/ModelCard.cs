using System.Runtime.InteropServices;
using System.Text.Json;
using ChestDx.Core;
using ChestDx.Core.Models;
using ChestDx.Core.IO;
using ChestDx.Training.Native;
using ChestDx.Training.Settings;
using ChestDx.Training.Weights;

namespace ChestDx.Training.Runs;

/// <summary>
/// RUN/model_card.json: where a model came from and how it did, for whoever has to trust it later (after Mitchell et
/// al., "Model Cards for Model Reporting", FAT* 2019): data (pack path and SHA-256), starting weights, configuration,
/// trainable parameters, per-epoch metrics, the chosen epoch, the from-scratch comparison, software and device.
/// </summary>
public sealed record ModelCard
{
    public string Model { get; init; } = "";
    public string Intended { get; init; } =
        "Research on chest-radiograph classification (ChestX-ray14 labels). Not a medical device; not for diagnosis.";
    public DateTimeOffset Created { get; init; }
    public required ModelPackage Package { get; init; }
    public required DataProvenance Data { get; init; }
    public required string StartingWeights { get; init; }
    public WeightsReport? WeightsDetail { get; init; }
    public required TrainConfig Config { get; init; }
    public required TrainingFacts Facts { get; init; }
    public required IReadOnlyList<EpochMetrics> Epochs { get; init; }
    public int BestEpoch { get; init; }
    public double BestValLoss { get; init; }
    public double? BestValMeanAuroc { get; init; }
    public string? StoppedBy { get; init; }
    public BaselineComparison? Baseline { get; init; }
    public required SoftwareVersions Software { get; init; }

    public void Write(string path) =>
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, TrainConfigLoader.Json) + "\n");
}

public sealed record DataProvenance(
    string Pack, string Sha256, int ImageSize, string TrainSplit, int TrainImages, string ValSplit, int ValImages);

/// <summary>Facts derived while setting up a run (also written to config.json's "derived" block).</summary>
public sealed record TrainingFacts(
    string Device,
    string Precision,
    bool ChannelsLast,
    bool DataOnDevice,
    int Threads,
    string Freeze,
    IReadOnlyList<string> FrozenLayers,
    long TotalParameters,
    long TrainableParameters,
    long TrainableBackbone,
    long TrainableHead,
    IReadOnlyList<float>? PosWeight);

/// <summary>The pretrained run against the from-scratch run on the same data and budget.</summary>
public sealed record BaselineComparison(
    int Epochs, double PretrainedBestValLoss, double? PretrainedBestValMeanAuroc, double ScratchBestValLoss,
    double? ScratchBestValMeanAuroc)
{
    /// <summary>Pretrained weights did not give a better validation AUROC (or, without AUROC, loss)
    /// than random init.</summary>
    public bool NegativeTransfer =>
        PretrainedBestValMeanAuroc is { } p && ScratchBestValMeanAuroc is { } s
            ? p <= s
            : PretrainedBestValLoss >= ScratchBestValLoss;
}

public sealed record SoftwareVersions(
    string ChestDx, string TorchSharp, string? LibTorch, string Backend, string DotNet, string Os)
{
    public static SoftwareVersions Current()
    {
        TorchRuntimeInfo info = TorchRuntime.Probe();
        return new SoftwareVersions(ChestDxVersion.Informational, info.TorchSharpVersion, info.LibTorchVersion,
            info.Backend, RuntimeInformation.FrameworkDescription, RuntimeInformation.OSDescription);
    }
}
