using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChestDx.Core;
using ChestDx.Core.Choices;
using ChestDx.Core.Classes;
using ChestDx.Core.Packs;
using ChestDx.Training.Model;
using ChestDx.Training.Settings;

namespace ChestDx.Training.Weights;

/// <summary>
/// What a trained model needs besides its weights to be used correctly: architecture, class set (names in output order),
/// and the input geometry it was trained with. Stored as safetensors "__metadata__" in RUN/model.safetensors, so the
/// one file is self-describing (and still a plain torchvision state_dict for Python users).
/// </summary>
public sealed record ModelPackage
{
    public required DenseNetConfig Architecture { get; init; }

    /// <summary>The class names in output order (what predictions.csv's columns are): the pack's set it was trained on.</summary>
    public required IReadOnlyList<string> Classes { get; init; }

    /// <summary>The classes as a set: a known one (ChestX-ray14, CheXpert, …) when the names are exactly it.</summary>
    [JsonIgnore]
    public ClassSet ClassSet => ClassSet.FromNames(Classes);

    /// <summary>The id of the known set the classes are (<see cref="ClassSet.Known"/>), or "custom".</summary>
    [JsonPropertyName("class_set")]
    public string ClassSetId => ClassSet.Id;

    /// <summary>Network input side H.</summary>
    public required int InputSize { get; init; }

    /// <summary>Side S of the pack images it was trained on (images are first brought to S×S, then cropped or resized to H).</summary>
    public required int ImageSize { get; init; }

    /// <summary>How S×S became H×H at evaluation: center or resize.</summary>
    public required EvalCrop EvalCrop { get; init; }

    /// <summary>How ingestion made the pack's images square: pad (its default) or crop; new image files are fitted the same way.</summary>
    public AspectMode Aspect { get; init; } = AspectMode.Pad;

    /// <summary>True when nothing in the file described it and CheXNet defaults were assumed.</summary>
    public bool Assumed { get; init; }

    private const string Prefix = "chestdx.";

    public Dictionary<string, string> ToMetadata() => new(StringComparer.Ordinal)
    {
        [Prefix + "format"] = "1",
        [Prefix + "architecture"] = JsonSerializer.Serialize(Architecture, TrainConfigLoader.Json),
        [Prefix + "classes"] = JsonSerializer.Serialize(Classes),
        [Prefix + "class_set"] = ClassSet.Id,
        [Prefix + "input_size"] = InputSize.ToString(CultureInfo.InvariantCulture),
        [Prefix + "image_size"] = ImageSize.ToString(CultureInfo.InvariantCulture),
        [Prefix + "eval_crop"] = Choice<EvalCrop>.Name(EvalCrop),
        [Prefix + "aspect"] = Choice<AspectMode>.Name(Aspect),
        [Prefix + "normalisation"] = "grey replicated to 3 channels, ImageNet mean/std",
    };

    /// <summary>Writes <paramref name="model"/>'s weights with this description.</summary>
    public void Write(string path, DenseNet model) => SafeTensors.Write(path, ModuleState.Ordered(model), ToMetadata());

    /// <summary>
    /// Reads the description from a weights file's metadata. A file without it (a plain torchvision/CheXNet state_dict)
    /// is taken as DenseNet-121 over the 14 CheXNet classes at 224 from 256 with a center crop, the CheXNet
    /// reproductions' test transform; <see cref="Assumed"/> says so and callers warn.
    /// </summary>
    public static ModelPackage FromMetadata(IReadOnlyDictionary<string, string> metadata, string path)
    {
        if (!metadata.TryGetValue(Prefix + "format", out _))
            return new ModelPackage
            {
                Architecture = DenseNetConfig.DenseNet121(ClassSet.ChestXray14.Count), Classes = ClassSet.ChestXray14.Names, InputSize = 224, ImageSize = 256,
                EvalCrop = EvalCrop.Center, Assumed = true,
            };
        try
        {
            ClassSet classes = ClassSet.FromNames(JsonSerializer.Deserialize<List<string>>(metadata[Prefix + "classes"])!);
            // Files written before class sets were recorded carry only the names; the id follows from them.
            if (metadata.TryGetValue(Prefix + "class_set", out string? id) && id != classes.Id)
                throw ChestDxException.ForFile(path, $"damaged ChestDx model metadata (class set '{id}' but the classes are {classes})");
            return new ModelPackage
            {
                Architecture = JsonSerializer.Deserialize<DenseNetConfig>(metadata[Prefix + "architecture"], TrainConfigLoader.Json)!,
                Classes = classes.Names,
                InputSize = int.Parse(metadata[Prefix + "input_size"], CultureInfo.InvariantCulture),
                ImageSize = int.Parse(metadata[Prefix + "image_size"], CultureInfo.InvariantCulture),
                EvalCrop = Metadata<EvalCrop>(metadata[Prefix + "eval_crop"], "eval_crop"),
                // Files written before the aspect was recorded came from packs made with ingestion's default.
                Aspect = metadata.TryGetValue(Prefix + "aspect", out string? aspect) ? Metadata<AspectMode>(aspect, "aspect") : AspectMode.Pad,
            };
        }
        catch (Exception e) when (e is KeyNotFoundException or JsonException or FormatException or ArgumentException)
        {
            throw ChestDxException.ForFile(path, $"damaged ChestDx model metadata ({e.Message})", e);
        }
    }

    private static T Metadata<T>(string text, string key) where T : struct, Enum =>
        Choice<T>.TryParse(text, out T value) ? value : throw new FormatException(Choice<T>.NotAChoice(text, Prefix + key));
}
