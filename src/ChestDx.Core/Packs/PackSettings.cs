using System.Text.Json.Serialization;
using ChestDx.Core.Choices;
using ChestDx.Core.Labels;

namespace ChestDx.Core.Packs;

/// <summary>
/// The settings a pack was made with, recorded in pack.json so a reader knows exactly what was done to the images
/// and labels (torchxrayvision's silent view and patient filters are the cautionary tale). Resume and merge refuse
/// to combine work done under different settings.
/// </summary>
public sealed record PackSettings
{
    /// <summary>"pad" (letterbox to a square, pad value 0) or "crop" (centre square).</summary>
    /// <remarks>On the property: PackInfo's options also hold the lenient JsonStringEnumConverter,
    /// which would win over the type's.</remarks>
    [JsonConverter(typeof(ChoiceJsonConverter<AspectMode>))]
    public AspectMode Aspect { get; init; } = AspectMode.Pad;

    /// <summary>How images were resampled to the pack size.</summary>
    public string Resampling { get; init; } = "";

    /// <summary>How colour and 16-bit sources became 8-bit grey.</summary>
    public string GreyConversion { get; init; } = "";

    public SplitSettings Split { get; init; } = new();
    public LabelSettings Labels { get; init; } = new();

    /// <summary>"hmac-sha256" (keyed pseudonyms) or "none" (ids kept as given: public data only).</summary>
    public string Pseudonym { get; init; } = "hmac-sha256";

    /// <summary>A keyed fingerprint of the pseudonym key (not the key):
    /// packs made with different keys cannot be merged.</summary>
    public string? KeyId { get; init; }

    /// <summary>Whether the source column holds keyed pseudonyms of the paths instead of the paths.</summary>
    public bool SourcePathsPseudonymised { get; init; }

    /// <summary>
    /// True when the user stated `--one-image-per-patient`: images without a patient id are each taken to be their own
    /// patient, so splits are patient-disjoint only by that assumption. Null (omitted) when not stated.
    /// </summary>
    public bool? OneImagePerPatient { get; init; }

    /// <summary>SHA-256 over the ordered list of inputs and the labels file:
    /// shards and resumed runs must agree on it.</summary>
    public string InputsSha256 { get; init; } = "";
}

public sealed record SplitSettings
{
    /// <summary>"official", "random", "file" or "none" (never "auto": the runner resolves it).</summary>
    [JsonConverter(typeof(ChoiceJsonConverter<SplitMethod>))]
    public SplitMethod Method { get; init; } = SplitMethod.None;
    public int? Seed { get; init; }
    /// <summary>Fraction of patients carved from training into validation ("official",
    /// "file" without val, "random").</summary>
    public double? ValFraction { get; init; }
    /// <summary>Fraction of patients in test ("random" only).</summary>
    public double? TestFraction { get; init; }
    public string? File { get; init; }
    public string? FileSha256 { get; init; }
}

public sealed record LabelSettings
{
    /// <summary>"nih-data-entry", "generic-csv", "chexpert", … or "none" (inference-only pack: every label
    /// unknown); <see cref="LabelTable.FormatName"/>.</summary>
    [JsonConverter(typeof(LabelFileFormatJsonConverter))]
    public LabelFileFormat Format { get; init; } = LabelFileFormat.None;
    /// <summary>The labels file's name (not its directory, which may identify a site).</summary>
    public string? File { get; init; }
    public string? Sha256 { get; init; }
    /// <summary>Label columns or tokens that are not one of the pack's classes (ignored,
    /// never read as negative).</summary>
    public IReadOnlyList<string> Ignored { get; init; } = [];
    /// <summary>Rows whose age was impossible (over 120 years)
    /// and was blanked (Data_Entry_2017 has ages up to 414).</summary>
    public int AgesBlanked { get; init; }

    // The members below are written only by the dataset adapters (issue 15); null keeps older packs' pack.json as is.

    /// <summary>`--views`: the views kept (others are rejected inputs); null when every view was kept.</summary>
    public IReadOnlyList<string>? Views { get; init; }

    /// <summary>Where patient ids came from: "column", "path" or "per_image" (none: disjointness not
    /// verifiable).</summary>
    [JsonConverter(typeof(ChoiceJsonConverter<PatientIdSource>))]
    public PatientIdSource? PatientIdsFrom { get; init; }

    /// <summary>CheXpert / MIMIC-CXR: what each class's uncertain (−1) cells became.</summary>
    public IReadOnlyDictionary<string, UncertainPolicy>? Uncertain { get; init; }

    /// <summary>CheXpert / MIMIC-CXR: uncertain cells per class in the whole labels file.</summary>
    public IReadOnlyDictionary<string, int>? UncertainCells { get; init; }

    /// <summary>VinDr-CXR: how the radiologists were combined ("any" or "majority").</summary>
    [JsonConverter(typeof(ChoiceJsonConverter<ReaderRule>))]
    public ReaderRule? Readers { get; init; }

    /// <summary>VinDr-CXR: Fleiss' kappa per class between the radiologists (null where undefined).</summary>
    public IReadOnlyDictionary<string, double?>? ReaderAgreement { get; init; }

    /// <summary>MIMIC-CXR's metadata.csv or RSNA's DICOM header table: its name and SHA-256.</summary>
    public string? MetadataFile { get; init; }

    public string? MetadataSha256 { get; init; }
}
