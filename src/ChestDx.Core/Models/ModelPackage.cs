using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChestDx.Core.Choices;
using ChestDx.Core.Classes;
using ChestDx.Core.Packs;

namespace ChestDx.Core.Models;

/// <summary>
/// What a model needs besides its weights to be used correctly: architecture, class set (names in output order), the
/// input geometry and pixel scaling its weights expect, and what was added after training (operating points,
/// recalibration, where imported weights came from). Stored as safetensors "__metadata__" in model.safetensors, so
/// the one file is self-describing (and still a plain torchvision state_dict for Python users). The format is
/// described in data-manifests/MODEL_FORMAT.md.
/// </summary>
public sealed record ModelPackage
{
    public required DenseNetConfig Architecture { get; init; }

    /// <summary>The class names in output order (what predictions.csv's columns are).</summary>
    public required IReadOnlyList<string> Classes { get; init; }

    /// <summary>The classes as a set: a known one (ChestX-ray14, CheXpert, …) when the names are exactly it.</summary>
    [JsonIgnore]
    public ClassSet ClassSet => ClassSet.FromNames(Classes);

    /// <summary>The id of the known set the classes are (<see cref="ClassSet.Known"/>), or "custom".</summary>
    [JsonPropertyName("class_set")]
    public string ClassSetId => ClassSet.Id;

    /// <summary>Network input side H.</summary>
    public required int InputSize { get; init; }

    /// <summary>
    /// Side S of the images it expects (images are first brought to S×S, then cropped or resized to H).
    /// </summary>
    public required int ImageSize { get; init; }

    /// <summary>How S×S became H×H at evaluation: center or resize.</summary>
    public required EvalCrop EvalCrop { get; init; }

    /// <summary>
    /// How images are made square: pad (ingestion's default) or crop; new image files are fitted the same way.
    /// </summary>
    public AspectMode Aspect { get; init; } = AspectMode.Pad;

    /// <summary>
    /// Input channels of the stem convolution: 3 (torchvision, CheXNet: grey copied) or 1 (torchxrayvision).
    /// </summary>
    public int InputChannels { get; init; } = 3;

    /// <summary>How 8-bit grey pixels become input values.</summary>
    public InputScaling InputScaling { get; init; } = InputScaling.Imagenet;

    /// <summary>
    /// Per class (output order) the sigmoid output that torchxrayvision's op_norm maps to 0.5, NaN where the class has
    /// none; null when the model has no operating points.
    /// </summary>
    public IReadOnlyList<double>? OperatingPoints { get; init; }

    /// <summary>Fitted recalibrations (<c>chestdx calibrate</c>), by class; null when none was fitted.</summary>
    public IReadOnlyList<ClassCalibration>? Calibration { get; init; }

    /// <summary>Where imported weights came from; null for models ChestDx trained.</summary>
    public ModelSource? Source { get; init; }

    /// <summary>True when nothing in the file described it and CheXNet defaults were assumed.</summary>
    public bool Assumed { get; init; }

    private const string Prefix = "chestdx.";

    public Dictionary<string, string> ToMetadata()
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Prefix + "format"] = "1",
            [Prefix + "architecture"] = JsonSerializer.Serialize(Architecture, ModelJson.Options),
            [Prefix + "classes"] = JsonSerializer.Serialize(Classes),
            [Prefix + "class_set"] = ClassSet.Id,
            [Prefix + "input_size"] = InputSize.ToString(CultureInfo.InvariantCulture),
            [Prefix + "image_size"] = ImageSize.ToString(CultureInfo.InvariantCulture),
            [Prefix + "eval_crop"] = Choice<EvalCrop>.Name(EvalCrop),
            [Prefix + "aspect"] = Choice<AspectMode>.Name(Aspect),
            [Prefix + "normalisation"] = InputScaling == InputScaling.Imagenet
                ? "grey replicated to 3 channels, ImageNet mean/std"
                : "grey scaled to [-1024, 1024] (torchxrayvision)",
            [Prefix + "input_channels"] = InputChannels.ToString(CultureInfo.InvariantCulture),
            [Prefix + "input_scaling"] = Choice<InputScaling>.Name(InputScaling),
        };
        if (OperatingPoints is not null)
            metadata[Prefix + "operating_points"] = JsonSerializer.Serialize(OperatingPoints, ModelJson.Options);
        if (Calibration is not null)
            metadata[Prefix + "calibration"] = JsonSerializer.Serialize(Calibration, ModelJson.Options);
        if (Source is not null)
            metadata[Prefix + "source"] = JsonSerializer.Serialize(Source, ModelJson.Options);
        return metadata;
    }

    /// <summary>Reads the description of the model file at <paramref name="path"/> (its header only).</summary>
    public static ModelPackage Read(string path) => FromMetadata(SafeTensorsFile.ReadHeader(path).Metadata, path);

    /// <summary>Writes this description into the model file at <paramref name="path"/>, keeping its tensors.</summary>
    public void WriteInto(string path) => SafeTensorsFile.ReplaceMetadata(path, ToMetadata());

    /// <summary>Writes a copy of the model file <paramref name="source"/> to <paramref name="destination"/> with this
    /// description (the tensors byte for byte).</summary>
    public void WriteCopy(string source, string destination) =>
        SafeTensorsFile.CopyWithMetadata(source, destination, ToMetadata());

    /// <summary>
    /// Reads the description from a weights file's metadata. A file without it (a plain torchvision/CheXNet
    /// state_dict) is taken as DenseNet-121 over the 14 CheXNet classes at 224 from 256 with a center crop, the CheXNet
    /// reproductions' test transform; <see cref="Assumed"/> says so and callers warn.
    /// </summary>
    public static ModelPackage FromMetadata(IReadOnlyDictionary<string, string> metadata, string path)
    {
        if (!metadata.TryGetValue(Prefix + "format", out _))
            return new ModelPackage
            {
                Architecture = DenseNetConfig.DenseNet121(ClassSet.ChestXray14.Count),
                Classes = ClassSet.ChestXray14.Names, InputSize = 224, ImageSize = 256,
                EvalCrop = EvalCrop.Center, Assumed = true,
            };
        try
        {
            ClassSet classes = ClassSet.FromNames(
                JsonSerializer.Deserialize<List<string>>(metadata[Prefix + "classes"])!);
            // Files written before class sets were recorded carry only the names; the id follows from them.
            if (metadata.TryGetValue(Prefix + "class_set", out string? id) && id != classes.Id)
                throw ChestDxException.ForFile(path,
                    $"damaged ChestDx model metadata (class set '{id}' but the classes are {classes})");
            var package = new ModelPackage
            {
                Architecture = JsonSerializer.Deserialize<DenseNetConfig>(
                    metadata[Prefix + "architecture"], ModelJson.Options)!,
                Classes = classes.Names,
                InputSize = int.Parse(metadata[Prefix + "input_size"], CultureInfo.InvariantCulture),
                ImageSize = int.Parse(metadata[Prefix + "image_size"], CultureInfo.InvariantCulture),
                EvalCrop = Metadata<EvalCrop>(metadata[Prefix + "eval_crop"], "eval_crop"),
                // Files written before the aspect was recorded came from packs made with ingestion's default.
                Aspect = metadata.TryGetValue(Prefix + "aspect", out string? aspect)
                    ? Metadata<AspectMode>(aspect, "aspect") : AspectMode.Pad,
                // Files written before these were recorded are ChestDx-trained: 3 channels, ImageNet scaling.
                InputChannels = metadata.TryGetValue(Prefix + "input_channels", out string? channels)
                    ? int.Parse(channels, CultureInfo.InvariantCulture) : 3,
                InputScaling = metadata.TryGetValue(Prefix + "input_scaling", out string? scaling)
                    ? Metadata<InputScaling>(scaling, "input_scaling") : InputScaling.Imagenet,
                OperatingPoints = Optional<List<double>>(metadata, "operating_points"),
                Calibration = Optional<List<ClassCalibration>>(metadata, "calibration"),
                Source = Optional<ModelSource>(metadata, "source"),
            };
            package.Check();
            return package;
        }
        catch (Exception e) when (e is KeyNotFoundException or JsonException or FormatException or ArgumentException)
        {
            throw ChestDxException.ForFile(path, $"damaged ChestDx model metadata ({e.Message})", e);
        }
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> when the parts disagree (lengths, names, channel count).
    /// </summary>
    public void Check()
    {
        if (InputChannels is not (1 or 3))
            throw new ArgumentException($"input_channels {InputChannels}: expected 1 or 3");
        if (OperatingPoints is { } points && points.Count != Classes.Count)
            throw new ArgumentException($"{points.Count} operating points for {Classes.Count} classes");
        if (Calibration is { } calibration)
            foreach (ClassCalibration c in calibration)
                if (!Classes.Contains(c.Class))
                    throw new ArgumentException(
                        $"calibration for '{c.Class}', which is not one of the model's classes");
    }

    private static T? Optional<T>(IReadOnlyDictionary<string, string> metadata, string key) where T : class =>
        metadata.TryGetValue(Prefix + key, out string? json)
            ? JsonSerializer.Deserialize<T>(json, ModelJson.Options)
                ?? throw new FormatException($"{Prefix}{key} is null")
            : null;

    private static T Metadata<T>(string text, string key) where T : struct, Enum =>
        Choice<T>.TryParse(text, out T value)
            ? value
            : throw new FormatException(Choice<T>.NotAChoice(text, Prefix + key));
}
