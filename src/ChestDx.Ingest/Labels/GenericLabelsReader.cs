using ChestDx.Core;
using ChestDx.Core.Labels;
using ChestDx.Core.Progress;
using CsvHelper;

namespace ChestDx.Ingest.Labels;

/// <summary>
/// A generic labels CSV: `image_id[,patient_id][,view][,sex][,age],&lt;class columns&gt;` (what `chestdx synth`
/// writes). Only image_id is required. Header names match as <see cref="ColumnNames"/> says (case, spaces and '_'
/// ignored; "PatientID", "Patient ID", "subject_id"… all name the patient column). Without a patient column the
/// table says so (<see cref="LabelTable.HasPatientColumn"/>): a patient-level split then refuses to run unless the
/// user states that every image is its own patient. Class columns are matched through <see cref="LabelVocabulary"/>
/// ("Pleural Effusion" fills Effusion); values are 1, 0 or blank (unknown). CheXpert's −1 (uncertain) is read as
/// unknown. A class without a column is unknown for every row, never negative. Columns that are not one of the 14
/// are ignored, listed in pack.json and reported as a warning.
/// </summary>
public static class GenericLabelsReader
{
    public const string ImageId = "image_id";
    public const string PatientId = "patient_id";
    public const string View = "view";
    public const string Sex = "sex";
    public const string Age = "age";

    internal static LabelTable Read(CsvParser parser, string[] header, string path, string fileName, string sha256, IProgressSink progress)
    {
        int image = ColumnNames.Find(header, ColumnNames.ImageId, path);
        int patient = ColumnNames.Find(header, ColumnNames.PatientId, path), view = ColumnNames.Find(header, ColumnNames.View, path);
        int sex = ColumnNames.Find(header, ColumnNames.Sex, path), age = ColumnNames.Find(header, ColumnNames.Age, path);
        var classColumn = new int[ChexNetClasses.Count];
        Array.Fill(classColumn, -1);
        var ignored = new List<string>();
        for (int i = 0; i < header.Length; i++)
        {
            if (i == image || i == patient || i == view || i == sex || i == age) continue;
            LabelMapping m = LabelVocabulary.Map(header[i]);
            if (m.Meaning != LabelMeaning.Class)
            {
                ignored.Add(header[i]);
                continue;
            }
            if (classColumn[m.ClassIndex] >= 0)
                throw ChestDxException.ForFile(path,
                    $"columns '{header[classColumn[m.ClassIndex]]}' and '{header[i]}' both mean {ChexNetClasses.Names[m.ClassIndex]}");
            classColumn[m.ClassIndex] = i;
        }
        if (ignored.Count > 0)
            progress.Warn($"{fileName}: columns ignored, not one of the 14 CheXNet classes: {string.Join(", ", ignored)}");
        string[] missing = ChexNetClasses.Names.Where((_, c) => classColumn[c] < 0).ToArray();
        if (missing.Length > 0)
            progress.Info($"{fileName}: no column for {string.Join(", ", missing)}: those labels are unknown (masked), not negative");

        var rows = new List<LabelRow>();
        int agesBlanked = 0;
        while (parser.Read())
        {
            string[] f = parser.Record ?? [];
            int line = parser.Row;
            if (f.Length == 1 && f[0].Length == 0) continue;
            string Field(int i) => i >= 0 && i < f.Length ? f[i] : "";
            string id = Field(image).Trim();
            string? error = f.Length != header.Length ? $"{fileName} line {line}: {f.Length} fields, the header has {header.Length}" : null;
            if (id.Length == 0) error ??= $"{fileName} line {line}: empty {header[image]}";
            var labels = new float[ChexNetClasses.Count];
            for (int c = 0; c < labels.Length; c++)
            {
                string v = Field(classColumn[c]).Trim();
                float? value = Value(v);
                labels[c] = value ?? float.NaN;
                if (value is null) error ??= $"{fileName} line {line}: value '{v}' for {header[classColumn[c]]} is not 1, 0 or blank";
            }
            var notes = new List<string>();
            if (!Demographics.TryAge(Field(age), out int? years, out string? ageNote)) error ??= $"{fileName} line {line}: age '{Field(age)}' is not an age";
            if (ageNote is not null)
            {
                notes.Add(ageNote);
                agesBlanked++;
            }
            if (!Demographics.TrySex(Field(sex), out string? s)) error ??= $"{fileName} line {line}: sex '{Field(sex)}' is not M, F or O";
            string? patientId = string.IsNullOrWhiteSpace(Field(patient)) ? null : Field(patient).Trim();
            rows.Add(new LabelRow(line, id, patientId, Demographics.View(Field(view), notes), s, years, labels, notes, error));
        }
        return new LabelTable(LabelTable.GenericFormat, fileName, sha256, rows, ignored, agesBlanked, patient >= 0 ? header[patient] : null);
    }

    /// <summary>1 or 0; NaN (unknown) for blank and CheXpert's −1 (uncertain); null for anything else.</summary>
    private static float? Value(string text) => text switch
    {
        "1" or "1.0" => 1f,
        "0" or "0.0" => 0f,
        "" or "-1" or "-1.0" => float.NaN,
        _ => null,
    };
}
