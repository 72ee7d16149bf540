using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChestDx.Core.Packs;

/// <summary>pack.json. Written by ingestion, read by every later stage; unknown members are kept in <see cref="Extra"/>.</summary>
public sealed record PackInfo
{
    public int SchemaVersion { get; init; } = PackFormat.SchemaVersion;
    public int ImageSize { get; init; }
    public int Count { get; init; }
    public IReadOnlyList<string> Classes { get; init; } = [];
    public IReadOnlyDictionary<string, SplitSummary> Splits { get; init; } = new Dictionary<string, SplitSummary>();
    public int Rejected { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }

    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}

/// <summary>Counts for one split; prevalence = positives / labelled per class (unknown labels excluded).</summary>
public sealed record SplitSummary
{
    public int Images { get; init; }
    public int Patients { get; init; }
    public IReadOnlyDictionary<string, int> Positives { get; init; } = new Dictionary<string, int>();
    public IReadOnlyDictionary<string, int> Labelled { get; init; } = new Dictionary<string, int>();
    public IReadOnlyDictionary<string, double?> Prevalence { get; init; } = new Dictionary<string, double?>();
}
