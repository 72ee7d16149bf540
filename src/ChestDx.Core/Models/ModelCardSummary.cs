using System.Globalization;
using System.Text.Json;
using ChestDx.Core.IO;

namespace ChestDx.Core.Models;

/// <summary>
/// The few facts of a training run's model card (RUN/model_card.json, written by ChestDx.Training's Runs/ModelCard)
/// that a predictions file and an evaluation report name: when, on which pack, from which weights, how many images,
/// the best epoch and its validation AUROC. Read by member name so Core stays free of Training; a card without a
/// member leaves it null. Paths in the card are reduced to their last part: a card names absolute folders, which in a
/// hospital may carry a site's or a person's name.
/// </summary>
public sealed record ModelCardSummary
{
    public const string FileName = "model_card.json";

    public string? Created { get; init; }
    public string? Pack { get; init; }
    public string? PackSha256 { get; init; }
    public int? TrainImages { get; init; }
    public int? ValImages { get; init; }
    public string? StartingWeights { get; init; }
    public int? BestEpoch { get; init; }
    public int? Epochs { get; init; }
    public double? BestValMeanAuroc { get; init; }

    /// <summary>The card beside <paramref name="modelFile"/> (a run's model.safetensors), or null when there is none
    /// (an imported or exported model). A damaged card is an error naming it.</summary>
    public static ModelCardSummary? Beside(string modelFile)
    {
        string card = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelFile))!, FileName);
        if (!File.Exists(card)) return null;
        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(card));
            JsonElement root = doc.RootElement;
            JsonElement data = root.TryGetProperty("data", out JsonElement d) ? d : default;
            return new ModelCardSummary
            {
                Created = Text(root, "created"),
                Pack = LastPart(Text(data, "pack")),
                PackSha256 = Text(data, "sha256"),
                TrainImages = Int(data, "train_images"),
                ValImages = Int(data, "val_images"),
                StartingWeights = LastPart(Text(root, "starting_weights")),
                BestEpoch = Int(root, "best_epoch"),
                Epochs = root.TryGetProperty("epochs", out JsonElement e) && e.ValueKind == JsonValueKind.Array
                    ? e.GetArrayLength() : null,
                BestValMeanAuroc = root.TryGetProperty("best_val_mean_auroc", out JsonElement a)
                    && a.ValueKind == JsonValueKind.Number ? a.GetDouble() : null,
            };
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw ChestDxException.ForFile(card, $"damaged model card ({ex.Message})", ex);
        }
    }

    /// <summary>One line for a report: "trained on pack P (sha256 …; 5 train / 1 val images) from random
    /// initialisation; best epoch 3 of 5, val mean AUROC 0.512; card written 2026-…".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Pack is not null)
            parts.Add($"trained on pack {Pack}" + (PackSha256 is { Length: >= 12 } h ? $" (sha256 {h[..12]}…)" : "")
                + (TrainImages is { } t ? $", {t:N0} train / {ValImages ?? 0:N0} val images" : ""));
        if (StartingWeights is not null) parts.Add($"from {StartingWeights}");
        if (BestEpoch is { } b)
            parts.Add($"best epoch {b}" + (Epochs is { } n ? $" of {n}" : "")
                + (BestValMeanAuroc is { } auroc
                    ? ", val mean AUROC " + auroc.ToString("F3", CultureInfo.InvariantCulture) : ""));
        if (Created is not null) parts.Add($"card written {Created}");
        return parts.Count == 0 ? "model card without training facts" : string.Join("; ", parts);
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement v)
            && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement v)
            && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int i) ? i : null;

    private static string? LastPart(string? path) => path is null ? null : FileNames.LastPart(path);
}
