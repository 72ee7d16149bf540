using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChestDx.Core.Packs;

/// <summary>
/// pack.json. Written by ingestion, read by every later stage; unknown members are kept in <see cref="Extra"/>.
/// It holds no timestamps or host names on purpose: the same inputs and settings give a byte-identical pack, so a
/// resumed run, a sharded-then-merged run and a rerun can be compared with `cmp`.
/// </summary>
public sealed record PackInfo
{
    public int SchemaVersion { get; init; } = PackFormat.SchemaVersion;
    public int ImageSize { get; init; }
    public int Count { get; init; }
    public IReadOnlyList<string> Classes { get; init; } = [];
    public IReadOnlyDictionary<string, SplitSummary> Splits { get; init; } = new Dictionary<string, SplitSummary>();
    public int Rejected { get; init; }

    /// <summary>Inputs considered: source files, and labels rows that had no image but an error of their own (a
    /// broken or duplicate row). Count + Rejected = Inputs. Packs written before labels-without-image.csv also
    /// counted every labels row without an image here.</summary>
    public int? Inputs { get; init; }

    /// <summary>Labels rows that no source file matched, listed in labels-without-image.csv: not inputs. Omitted
    /// when there are none, so packs without such rows are unchanged.</summary>
    public int? LabelsWithoutImage { get; init; }

    /// <summary>
    /// Whether the images carry patient ids (<see cref="PatientIdStatus"/>): "present" (every image), "partial" or
    /// "absent" (none). Computed from manifest.csv's patient column when the pack is written; absent in packs
    /// written before issue 11, whose readers recompute it from the manifest.
    /// </summary>
    public string? PatientIds { get; init; }

    /// <summary>The program that wrote the pack.</summary>
    public SoftwareInfo? Software { get; init; }

    /// <summary>How the pack was made; absent in packs written by tests or other tools.</summary>
    public PackSettings? Settings { get; init; }

    /// <summary>Set only in one shard of a sharded run (`--shard i/N`); `chestdx pack merge` removes it.</summary>
    public ShardInfo? Shard { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }

    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // pack.json is a file, not HTML: write '+' and apostrophes as themselves.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The JSON text ingestion writes (indented, '\n' line ends, final newline),
    /// so packs compare byte for byte.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions).ReplaceLineEndings("\n") + "\n";
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

public sealed record SoftwareInfo(string Name, string Version);

/// <summary>Which slice of the inputs a shard pack holds: inputs [First, First + Length) of Total.</summary>
public sealed record ShardInfo(int Index, int Count, int First, int Length, int Total);
