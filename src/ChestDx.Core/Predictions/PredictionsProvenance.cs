using System.Text.Json;
using System.Text.Json.Serialization;
using ChestDx.Core.Choices;
using ChestDx.Core.IO;
using ChestDx.Core.Models;
using ChestDx.Core.Packs;

namespace ChestDx.Core.Predictions;

/// <summary>
/// Which model made a predictions file, on which data, with which ChestDx: the sidecar
/// <c>&lt;predictions&gt;.provenance.json</c> beside predictions.csv (eval/README.md, "Provenance"). A sidecar rather
/// than a comment line in the CSV, because pandas, R and scikit-learn scripts read predictions.csv as a plain CSV and
/// a comment would break them. Written by <see cref="PredictionsCsv.Write"/> (its one writer) and read by
/// <see cref="ReadFor"/>; a predictions file without one (older ChestDx, other tools) still reads, and the evaluation
/// report says the model was not recorded. Names only, never folders: the model's run folder and pack folder are
/// ChestDx outputs, the folders above them may carry a site's or a person's name.
/// </summary>
public sealed record PredictionsProvenance
{
    public const string CurrentSchema = "chestdx.predictions_provenance/1";
    public const string Suffix = ".provenance.json";

    public string Schema { get; init; } = CurrentSchema;
    public required PredictedModel Model { get; init; }
    public required PredictedData Data { get; init; }

    /// <summary>ChestDx's informational version (<c>0.1.0+commit</c>) that predicted.</summary>
    public required string Chestdx { get; init; }

    public static string PathFor(string predictions) => predictions + Suffix;

    /// <summary>Describes a prediction run: hashes the model file (and the pack, when the inputs are one).</summary>
    public static PredictionsProvenance Describe(
        string modelFile, ModelPackage package, IReadOnlyList<string> inputs, string? split)
    {
        bool isPack = inputs.Count == 1 && File.Exists(Path.Combine(inputs[0], PackFormat.InfoFile));
        return new PredictionsProvenance
        {
            Model = PredictedModel.Describe(modelFile, package),
            Data = isPack
                ? new PredictedData
                {
                    Pack = FileNames.LastPart(inputs[0]), PackSha256 = PackFingerprint.Sha256(inputs[0]),
                    Split = split ?? "all",
                }
                : new PredictedData { ImageInputs = inputs.Count },
            Chestdx = ChestDxVersion.Informational,
        };
    }


    public void Write(string predictions) =>
        AtomicFile.WriteAllText(PathFor(predictions), JsonSerializer.Serialize(this, Options) + "\n");

    /// <summary>The sidecar of <paramref name="predictions"/>, or null when it has none. A damaged one is an error
    /// naming it: a report must not name the wrong model.</summary>
    public static PredictionsProvenance? ReadFor(string predictions)
    {
        string path = PathFor(predictions);
        if (!File.Exists(path)) return null;
        try
        {
            PredictionsProvenance p = JsonSerializer.Deserialize<PredictionsProvenance>(File.ReadAllText(path), Options)
                ?? throw new JsonException("empty");
            if (p.Schema != CurrentSchema) throw new JsonException($"schema \"{p.Schema}\", expected {CurrentSchema}");
            return p;
        }
        catch (JsonException e)
        {
            throw ChestDxException.ForFile(path, $"damaged predictions provenance ({e.Message})", e);
        }
    }

    internal static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        RespectRequiredConstructorParameters = true,
    };
}

/// <summary>The model of a predictions file.</summary>
public sealed record PredictedModel
{
    /// <summary>"run/model.safetensors": the file and the folder it is in (a run's name), nothing above.</summary>
    public required string Name { get; init; }

    /// <summary>SHA-256 of the model file's bytes, lower-case hex.</summary>
    public required string Sha256 { get; init; }

    /// <summary>"DenseNet-121, growth rate 32, 14 classes (chestxray14)".</summary>
    public required string Architecture { get; init; }

    /// <summary>"chexnet: model.pth.tar (sha256 …)" for imported weights (model metadata chestdx.source);
    /// null otherwise.</summary>
    public string? ImportedFrom { get; init; }

    /// <summary>The run's model card, when it lies beside the model file.</summary>
    public ModelCardSummary? Card { get; init; }

    public static PredictedModel Describe(string modelFile, ModelPackage package)
    {
        string full = Path.GetFullPath(modelFile);
        DenseNetConfig a = package.Architecture;
        string folder = Path.GetDirectoryName(full)!;
        // A training run's folder (it holds the model card) is a ChestDx output and names the run; any other folder
        // (an imported or exported model's) may be named after anything, so only the file name is kept.
        bool isRun = File.Exists(Path.Combine(folder, ModelCardSummary.FileName));
        int layers = 1 + 2 * a.BlockConfig.Sum() + (a.BlockConfig.Count - 1) + 1;
        return new PredictedModel
        {
            Name = isRun ? FileNames.LastPart(folder) + "/" + Path.GetFileName(full) : Path.GetFileName(full),
            Sha256 = FileNames.Sha256(full),
            Architecture = $"DenseNet-{layers}, growth rate {a.GrowthRate}, {package.Classes.Count} classes "
                + $"({package.ClassSetId})"
                + (package.Assumed ? "; no ChestDx metadata, CheXNet defaults assumed" : ""),
            ImportedFrom = package.Source is { } s
                ? $"{Choice<ModelSourceFormat>.Name(s.Format)}: {s.File} (sha256 {s.Sha256})" : null,
            Card = ModelCardSummary.Beside(full),
        };
    }
}

/// <summary>The data a predictions file was made on: a pack (its name, content hash and split) or image files (how
/// many inputs were named; their paths may carry patient names and are not recorded).</summary>
public sealed record PredictedData
{
    public string? Pack { get; init; }

    /// <summary><see cref="PackFingerprint"/> of the pack.</summary>
    public string? PackSha256 { get; init; }

    /// <summary>The split predicted ("test", "val", …) or "all".</summary>
    public string? Split { get; init; }

    /// <summary>Files or folders named on the command line, when the inputs were not a pack.</summary>
    public int? ImageInputs { get; init; }
}
