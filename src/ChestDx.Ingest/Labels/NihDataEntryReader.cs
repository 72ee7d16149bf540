using ChestDx.Core;
using ChestDx.Core.Labels;
using CsvHelper;

namespace ChestDx.Ingest.Labels;

/// <summary>
/// NIH ChestX-ray14's Data_Entry_2017.csv and Data_Entry_2017_v2020.csv. Columns are found by name; the bracketed
/// headers ("OriginalImage[Width,Height]") split into two CSV fields and the 2017 file's trailing empty column do
/// not matter. "Finding Labels" is a '|'-separated list of NIH tokens; NIH labelled every image for all 14 findings,
/// so a class not listed is negative. A token outside the vocabulary makes the row's unlisted classes unknown
/// instead (it might be a spelling of one of them), and the row records it. Header names match case-insensitively
/// (<see cref="ColumnNames"/>). Ages over 120 (the 2017 file has up
/// to 414) are blanked and recorded; the row is kept.
/// </summary>
public static class NihDataEntryReader
{
    public const string ImageIndex = "Image Index";
    public const string FindingLabels = "Finding Labels";
    public const string PatientId = "Patient ID";
    public const string PatientAge = "Patient Age";
    public const string PatientGender = "Patient Gender";
    public const string ViewPosition = "View Position";

    internal static LabelTable Read(CsvParser parser, string[] header, string path, string fileName, string sha256)
    {
        int Column(string name) => ColumnNames.Find(header, [name], path) is var i and >= 0
            ? i
            : throw ChestDxException.ForFile(path, $"NIH Data_Entry file without the '{name}' column");
        int image = Column(ImageIndex), findings = Column(FindingLabels), patient = Column(PatientId);
        int age = Column(PatientAge), sex = Column(PatientGender), view = Column(ViewPosition);
        int needed = new[] { image, findings, patient, age, sex, view }.Max() + 1;

        var rows = new List<LabelRow>();
        var unknownTokens = new SortedSet<string>(StringComparer.Ordinal);
        int agesBlanked = 0;
        while (parser.Read())
        {
            string[] f = parser.Record ?? [];
            int line = parser.Row;
            if (f.Length == 1 && f[0].Length == 0) continue;
            if (f.Length < needed)
            {
                rows.Add(new LabelRow(line, f.Length > image ? f[image].Trim() : "", null, null, null, null, LabelTable.UnknownLabels(), [],
                    $"{fileName} line {line}: {f.Length} fields, expected at least {needed}"));
                continue;
            }
            var notes = new List<string>();
            string id = f[image].Trim();
            float[] labels = ParseFindings(f[findings], notes, unknownTokens, out string? findingError);
            string? error = id.Length == 0 ? $"{fileName} line {line}: empty {ImageIndex}" : findingError is null ? null : $"{fileName} line {line}: {findingError}";
            if (!Demographics.TryAge(f[age], out int? years, out string? ageNote))
                error ??= $"{fileName} line {line}: {PatientAge} '{f[age]}' is not an age";
            if (ageNote is not null)
            {
                notes.Add(ageNote);
                agesBlanked++;
            }
            if (!Demographics.TrySex(f[sex], out string? s))
                error ??= $"{fileName} line {line}: {PatientGender} '{f[sex]}' is not M or F";
            string? patientId = string.IsNullOrWhiteSpace(f[patient]) ? null : f[patient].Trim();
            rows.Add(new LabelRow(line, id, patientId, Demographics.View(f[view], notes), s, years, labels, notes, error));
        }
        return new LabelTable(LabelTable.NihFormat, fileName, sha256, rows, unknownTokens.ToList(), agesBlanked, header[patient]);
    }

    private static float[] ParseFindings(string text, List<string> notes, SortedSet<string> unknownTokens, out string? error)
    {
        error = null;
        var labels = new float[ChexNetClasses.Count];
        bool unknown = false, noFinding = false, any = false;
        foreach (string raw in text.Split('|'))
        {
            string token = raw.Trim();
            if (token.Length == 0) continue;
            LabelMapping m = LabelVocabulary.Map(token);
            switch (m.Meaning)
            {
                case LabelMeaning.Class: labels[m.ClassIndex] = 1f; any = true; break;
                case LabelMeaning.NoFinding: noFinding = true; break;
                case LabelMeaning.OtherFinding: break;
                default:
                    unknown = true;
                    unknownTokens.Add(token);
                    notes.Add($"unknown finding '{token}': unlisted classes unknown");
                    break;
            }
        }
        if (noFinding && any) error = $"'No Finding' together with findings in '{text}'";
        if (text.Trim().Length == 0) error = "empty Finding Labels (NIH writes 'No Finding')";
        if (unknown)
            for (int c = 0; c < labels.Length; c++)
                if (labels[c] == 0f) labels[c] = float.NaN;
        return labels;
    }
}
