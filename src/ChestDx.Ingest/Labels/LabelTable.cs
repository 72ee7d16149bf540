using ChestDx.Core.Labels;

namespace ChestDx.Ingest.Labels;

/// <summary>A parsed labels file: rows in file order and how the file was read (recorded in pack.json).</summary>
public sealed class LabelTable
{
    public LabelTable(string format, string? fileName, string? sha256, IReadOnlyList<LabelRow> rows, IReadOnlyList<string> ignored, int agesBlanked,
        string? patientColumn = null)
    {
        PatientColumn = patientColumn;
        Format = format;
        FileName = fileName;
        Sha256 = sha256;
        Rows = rows;
        Ignored = ignored;
        AgesBlanked = agesBlanked;
    }

    public const string NihFormat = "nih-data-entry";
    public const string GenericFormat = "generic-csv";
    public const string NoLabelsFormat = "none";

    /// <summary>An inference-only source: no file, every label unknown.</summary>
    public static LabelTable None { get; } = new(NoLabelsFormat, null, null, [], [], 0);

    public string Format { get; }
    public string? FileName { get; }
    public string? Sha256 { get; }
    public IReadOnlyList<LabelRow> Rows { get; }
    public IReadOnlyList<string> Ignored { get; }
    public int AgesBlanked { get; }

    /// <summary>The header of the column patient ids came from, as the file spells it; null when the file has none.</summary>
    public string? PatientColumn { get; }

    public bool HasPatientColumn => PatientColumn is not null;
    public bool HasLabels => Format != NoLabelsFormat;

    /// <summary>All-unknown labels, for images without a labels file.</summary>
    public static float[] UnknownLabels()
    {
        var labels = new float[ChexNetClasses.Count];
        Array.Fill(labels, float.NaN);
        return labels;
    }
}
