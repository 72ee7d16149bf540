using System.Text.Json;
using System.Text.Json.Serialization;
using ChestDx.Core.Classes;

namespace ChestDx.Core.Labels;

/// <summary>The kinds of labels file ChestDx reads (<see cref="LabelFile"/> recognises them by header,
/// never by name). pack.json writes <see cref="LabelTable.FormatName"/> ("nih-data-entry", "chexpert", …).</summary>
[JsonConverter(typeof(LabelFileFormatJsonConverter))]
public enum LabelFileFormat
{
    /// <summary>No labels file: an inference-only source, every label unknown.</summary>
    None,
    /// <summary>NIH ChestX-ray14's Data_Entry_2017(_v2020).csv: the NLP-mined labels of all 112,120 images.</summary>
    NihDataEntry,
    /// <summary>The generic CSV: image_id[,patient_id][,view][,sex][,age],
    /// then one 1/0/blank column per class.</summary>
    GenericCsv,
    /// <summary>Google's radiologist-adjudicated labels for 4,376 NIH images (Majkowska et al.,
    /// Radiology 2020).</summary>
    GoogleExpert,
    /// <summary>NIH's BBox_List_2017.csv: radiologist boxes for 8 findings on 880 images; positives only.</summary>
    NihBBox,
    /// <summary>CheXpert's train.csv / valid.csv (<see cref="CheXpertLabels"/>).</summary>
    Chexpert,
    /// <summary>MIMIC-CXR-JPG's chexpert.csv / negbio.csv joined to metadata.csv (<see cref="MimicLabels"/>).</summary>
    Mimic,
    /// <summary>PadChest's labels CSV (<see cref="PadChestLabels"/>).</summary>
    Padchest,
    /// <summary>VinDr-CXR's per-radiologist annotations (<see cref="VinDrLabels"/>).</summary>
    Vindr,
    /// <summary>RSNA Pneumonia's stage_2_train_labels.csv (<see cref="RsnaLabels"/>).</summary>
    Rsna,
}

/// <summary>
/// Writes and reads <see cref="LabelFileFormat"/> as <see cref="LabelTable.FormatName"/>: the names pack.json has
/// always held ("nih-data-entry"), so packs written before the format was an enum read and rewrite the same.
/// </summary>
public sealed class LabelFileFormatJsonConverter : JsonConverter<LabelFileFormat>
{
    public override LabelFileFormat Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        foreach (LabelFileFormat f in Enum.GetValues<LabelFileFormat>())
            if (LabelTable.FormatName(f) == text) return f;
        throw new JsonException($"labels format '{text}' is not one of "
            + string.Join(", ", Enum.GetValues<LabelFileFormat>().Select(LabelTable.FormatName)));
    }

    public override void Write(Utf8JsonWriter writer, LabelFileFormat value, JsonSerializerOptions options) =>
        writer.WriteStringValue(LabelTable.FormatName(value));
}

/// <summary>
/// A labels file read through the one labels contract: rows in file order (<see cref="LabelRow"/>, labels in the
/// <see cref="LabelValue"/> encoding, one per class of <see cref="Classes"/>) and how the file was read (recorded in
/// pack.json and in evaluation reports). The rules are in data-manifests/LABEL_SCHEMA.md.
/// </summary>
public sealed class LabelTable
{
    public required string Path { get; init; }
    public required LabelFileFormat Format { get; init; }

    /// <summary>The file's name (not its directory, which may identify a site).</summary>
    public string? FileName { get; init; }
    public string? Sha256 { get; init; }
    public required ClassSet Classes { get; init; }
    public required IReadOnlyList<LabelRow> Rows { get; init; }

    /// <summary>Class columns, or NIH tokens, that are not a class of <see cref="Classes"/>: ignored,
    /// never read as negative.</summary>
    public IReadOnlyList<string> Ignored { get; init; } = [];

    /// <summary>Columns that are not labels, with the reason (the patient column;
    /// a column whose values are not labels).</summary>
    public IReadOnlyDictionary<string, string> NotLabels { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Classes with CheXpert's uncertain value (−1), read as unknown, with the first such cell ("line N: …"). Ingestion
    /// masks them (CheXpert's U-Ignore); evaluation refuses to score such a class, since leaving the uncertain cases
    /// out of a test set biases its metrics.
    /// </summary>
    public IReadOnlyDictionary<string, string> Uncertain { get; init; } = new Dictionary<string, string>();

    public int AgesBlanked { get; init; }

    /// <summary>The header of the column patient ids came from, as the file spells it;
    /// null when the file has none.</summary>
    public string? PatientColumn { get; init; }

    /// <summary>A line for reports saying what the file is and which conventions were applied to it.</summary>
    public string Description { get; init; } = "";

    /// <summary>What a dataset adapter decided (uncertain policies, readers, patient id source, metadata file), for
    /// pack.json and the ingest summary; null for the NIH and generic formats.</summary>
    public LabelAdapterInfo? Adapter { get; init; }

    public bool HasPatientColumn => PatientColumn is not null;
    public bool HasLabels => Format != LabelFileFormat.None;

    /// <summary>An inference-only source: no file, every label of <paramref name="classes"/> unknown.</summary>
    public static LabelTable None(ClassSet classes) => new()
    {
        Path = "", Format = LabelFileFormat.None, Classes = classes, Rows = [],
    };

    /// <summary>The name pack.json records for a format ("nih-data-entry", "generic-csv", …).</summary>
    public static string FormatName(LabelFileFormat format) => format switch
    {
        LabelFileFormat.NihDataEntry => "nih-data-entry",
        LabelFileFormat.GenericCsv => "generic-csv",
        LabelFileFormat.GoogleExpert => "google-expert",
        LabelFileFormat.NihBBox => "nih-bbox",
        LabelFileFormat.Chexpert => "chexpert",
        LabelFileFormat.Mimic => "mimic",
        LabelFileFormat.Padchest => "padchest",
        LabelFileFormat.Vindr => "vindr",
        LabelFileFormat.Rsna => "rsna",
        _ => "none",
    };
}
