using System.Text.Json;
using System.Text.Json.Serialization;
using ChestDx.Core.Models;
using ChestDx.Core;
using ChestDx.Core.Packs;
using ChestDx.Training.Model;
using ChestDx.Training.Transfer;

namespace ChestDx.Training.Settings;

/// <summary>
/// Every knob of a training run, with the CheXNet recipe as defaults (Rajpurkar et al. 2017, arXiv 1711.05225v3
/// §2.2 and §3.1; src/ChestDx.Training/README.md lists where ChestDx departs from it). Loaded from a JSON file
/// (snake_case keys) plus command-line overrides by <see cref="TrainConfigLoader"/>; the resolved record is written to
/// RUN/config.json and into every checkpoint.
/// </summary>
public sealed record TrainConfig
{
    // ---- data --------------------------------------------------------------------------------------------------
    /// <summary>Dataset pack directory (from <c>chestdx ingest</c>).</summary>
    public string Data { get; init; } = "";

    /// <summary>Split the model learns from.</summary>
    public string TrainSplit { get; init; } = PackFormat.Train;

    /// <summary>Split that picks the best epoch, drives the LR schedule and early stopping; never trained on.</summary>
    public string ValSplit { get; init; } = PackFormat.Val;

    /// <summary>Network input side. 224: CheXNet downscales to 224×224 (§3.1), ImageNet's size for DenseNet.</summary>
    public int InputSize { get; init; } = 224;

    /// <summary>
    /// How training gets <see cref="InputSize"/> from the pack's S×S images: "random" = random S'×S' crop with S' =
    /// InputSize (Resize(256)+RandomCrop(224), the torchvision ImageNet recipe) or "resize" = scale the whole image.
    /// </summary>
    public TrainCrop TrainCrop { get; init; } = TrainCrop.Random;

    /// <summary>Same for validation and prediction: "center" crop (Resize(256)+CenterCrop(224)) or "resize".</summary>
    public EvalCrop EvalCrop { get; init; } = EvalCrop.Center;

    /// <summary>Random horizontal flip: CheXNet's only augmentation (§3.1).</summary>
    public bool HorizontalFlip { get; init; } = true;

    /// <summary>Optional small affine: max rotation in degrees. 0 = off
    /// (CheXNet used none; torchxrayvision 45).</summary>
    public double AffineDegrees { get; init; }

    /// <summary>Optional affine: max translation as a fraction of the side. 0 = off.</summary>
    public double AffineTranslate { get; init; }

    /// <summary>Optional affine: max relative scale change (0.1 = ×0.9…×1.1). 0 = off.</summary>
    public double AffineScale { get; init; }

    // ---- model -------------------------------------------------------------------------------------------------
    /// <summary>Architecture. DenseNet-121, as CheXNet, with one output per class of the pack.
    /// Tests use tiny shapes.</summary>
    public DenseNetConfig Model { get; init; } = new();

    /// <summary>Pretrained weights to start from (torchvision ImageNet etc.);
    /// null = from scratch (with a warning).</summary>
    public string? Weights { get; init; }

    /// <summary>Freeze policy: none | features | until:&lt;layer&gt;. none: CheXNet fine-tunes everything.</summary>
    public FreezePolicy Freeze { get; init; } = FreezePolicy.None;

    /// <summary>Learning-rate multiplier of the trainable backbone relative to the head.
    /// 1 = one rate (CheXNet).</summary>
    public double BackboneLrMultiplier { get; init; } = 1.0;

    // ---- optimisation ------------------------------------------------------------------------------------------
    /// <summary>Epoch budget. CheXNet gives none; early stopping usually ends runs sooner.</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>Minibatch size: 16, CheXNet §3.1.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Initial learning rate: 0.001, CheXNet §3.1.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Adam β1: 0.9, CheXNet §3.1.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam β2: 0.999, CheXNet §3.1.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Adam ε: PyTorch's default 1e-8.</summary>
    public double AdamEps { get; init; } = 1e-8;

    /// <summary>L2 weight decay: 0, CheXNet states none (torchxrayvision uses 1e-5).</summary>
    public double WeightDecay { get; init; }

    /// <summary>Learning-rate factor when validation loss plateaus: ×0.1, CheXNet §3.1.</summary>
    public double PlateauFactor { get; init; } = 0.1;

    /// <summary>
    /// Epochs without improvement tolerated before the LR drops (PyTorch ReduceLROnPlateau semantics). 0: "decayed each
    /// time the validation loss plateaus after an epoch" (CheXNet), as jrzech/reproduce-chexnet does.
    /// </summary>
    public int PlateauPatience { get; init; }

    /// <summary>Relative improvement that counts as better: PyTorch's default 1e-4 (threshold_mode "rel").</summary>
    public double PlateauThreshold { get; init; } = 1e-4;

    /// <summary>Floor for the learning rate: PyTorch's default 0.</summary>
    public double MinLearningRate { get; init; }

    /// <summary>Stop after this many epochs without a better validation loss: 3, as jrzech/reproduce-chexnet.
    /// 0 = never.</summary>
    public int EarlyStoppingPatience { get; init; } = 3;

    /// <summary>
    /// Weight positives by negatives/positives per class from the training split (BCE pos_weight). Off: CheXNet's
    /// 14-class model used the unweighted sum (§2.1 weights only the binary pneumonia model).
    /// </summary>
    public bool PosWeight { get; init; }

    /// <summary>Run a from-scratch model on the same budget afterwards and compare (negative-transfer check):
    /// "none" | "scratch".</summary>
    public BaselineRun Baseline { get; init; } = BaselineRun.None;

    // ---- system ------------------------------------------------------------------------------------------------
    /// <summary>auto (CUDA when available) | cpu | cuda.</summary>
    public DeviceChoice Device { get; init; } = DeviceChoice.Auto;

    /// <summary>
    /// auto | fp32 | bf16. auto = bf16 autocast on CUDA when libtorch's autocast symbols are found, fp32 on CPU (where
    /// bf16 pays only with AMX; measure with <c>chestdx bench train</c>). Parameters, gradients and loss stay fp32.
    /// </summary>
    public PrecisionChoice Precision { get; init; } = PrecisionChoice.Auto;

    /// <summary>auto (on CUDA) | on | off: NHWC activations, which tensor cores prefer.</summary>
    public AutoSwitch ChannelsLast { get; init; } = AutoSwitch.Auto;

    /// <summary>
    /// auto | on | off: keep the training images on the GPU as uint8 and augment there (auto: on CUDA when the splits
    /// take at most <see cref="DeviceDataMaxGb"/>).
    /// </summary>
    public AutoSwitch DataOnDevice { get; init; } = AutoSwitch.Auto;

    /// <summary>Largest pack (GB of uint8 images) that DataOnDevice=auto puts on the GPU.</summary>
    public double DeviceDataMaxGb { get; init; } = 8;

    /// <summary>Batches the background producer may prepare ahead of the training step.</summary>
    public int PrefetchBatches { get; init; } = 4;

    /// <summary>libtorch intra-op threads; 0 = all cores.</summary>
    public int Threads { get; init; }

    /// <summary>Seeds initialisation, data order, augmentation and dropout; same seed, same CPU run.</summary>
    public long Seed { get; init; } = 1337;

    /// <summary>Cap on training batches per epoch (0 = the whole split): quick checks and benchmarks.</summary>
    public int MaxStepsPerEpoch { get; init; }

    /// <summary>Keys that may differ when a run is resumed;
    /// everything else must match the checkpoint's config.</summary>
    public static IReadOnlySet<string> ResumeOverridable { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "epochs", "device", "threads", "prefetch_batches", "data_on_device", "device_data_max_gb",
        "early_stopping_patience", "data",
    };

    /// <summary>
    /// Key that config.json and checkpoints written before issue 13 hold: the parsed freeze policy leaked into the JSON
    /// as {"text", "until"} beside "freeze", and editing it did nothing. Accepted and dropped on load;
    /// no longer written.
    /// </summary>
    public const string LegacyFreezePolicyKey = "freeze_policy";

    /// <summary>Reads and drops <see cref="LegacyFreezePolicyKey"/>
    /// (no getter: never written, no part of equality).</summary>
    [JsonPropertyName(LegacyFreezePolicyKey)]
    public JsonElement? LegacyFreezePolicy { private get => null; init { } }

    /// <summary>Throws a <see cref="ChestDxException"/> naming the first impossible setting.</summary>
    public void Validate()
    {
        static void Require(bool ok, string message)
        {
            if (!ok) throw new ChestDxException($"config: {message}");
        }
        Require(Data.Length > 0, "data (the dataset pack) is not set");
        Require(InputSize >= 32, $"input_size {InputSize} is below 32 (DenseNet downsamples 32×)");
        Require(AffineDegrees is >= 0 and <= 180, $"affine_degrees {AffineDegrees} is not in [0, 180]");
        Require(AffineTranslate is >= 0 and < 0.5, $"affine_translate {AffineTranslate} is not in [0, 0.5)");
        Require(AffineScale is >= 0 and < 0.5, $"affine_scale {AffineScale} is not in [0, 0.5)");
        Require(Epochs >= 1, $"epochs {Epochs} is below 1");
        Require(BatchSize >= 2, $"batch_size {BatchSize} is below 2 (BatchNorm needs two samples)");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), $"learning_rate {LearningRate} is not positive");
        Require(Beta1 is >= 0 and < 1 && Beta2 is >= 0 and < 1, $"betas ({Beta1}, {Beta2}) are not in [0, 1)");
        Require(AdamEps > 0, $"adam_eps {AdamEps} is not positive");
        Require(WeightDecay >= 0, $"weight_decay {WeightDecay} is negative");
        Require(PlateauFactor is > 0 and < 1, $"plateau_factor {PlateauFactor} is not in (0, 1)");
        Require(PlateauPatience >= 0 && EarlyStoppingPatience >= 0, "patience values must not be negative");
        Require(PlateauThreshold >= 0 && MinLearningRate >= 0,
            "plateau_threshold and min_learning_rate must not be negative");
        Require(BackboneLrMultiplier > 0,
            $"backbone_lr_multiplier {BackboneLrMultiplier} is not positive (freeze layers with freeze instead)");
        Require(PrefetchBatches >= 1, $"prefetch_batches {PrefetchBatches} is below 1");
        Require(Threads >= 0 && MaxStepsPerEpoch >= 0, "threads and max_steps_per_epoch must not be negative");
        Require(TrainSplit != ValSplit, $"train_split and val_split are both '{TrainSplit}'");
        try
        {
            Model.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ChestDxException($"config: model: {e.Message}");
        }
    }
}
