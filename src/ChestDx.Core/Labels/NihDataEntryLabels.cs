using ChestDx.Core.Classes;
using ChestDx.Core.Csv;

namespace ChestDx.Core.Labels;

/// <summary>
/// NIH ChestX-ray14's Data_Entry_2017.csv and Data_Entry_2017_v2020.csv, read into <see cref="ClassSet.ChestXray14"/>.
/// Columns are found by name; the bracketed headers ("OriginalImage[Width,Height]") split into two CSV fields and
/// the 2017 file's trailing empty column do not matter. "Finding Labels" is a '|'-separated list of NIH tokens
/// (Wang et al., CVPR 2017); NIH labelled every image for all 14 findings, so a class not listed is negative. The
/// rules of data-manifests/LABEL_SCHEMA.md: a token that is not a finding ChestDx knows makes the row's unlisted
/// classes unknown (it might be a spelling of one of them) and the row notes it; a known finding outside the 14
/// ("Lung Opacity") is ignored; "No Finding" together with a finding, or an empty "Finding Labels", makes the row
/// unusable. Ages over 120 (the 2017 file has up to 414) are blanked and recorded; the row is kept.
/// </summary>
public static class NihDataEntryLabels
{
    public const string FindingLabels = "Finding Labels";
    public const string PatientId = "Patient ID";
    public const string PatientAge = "Patient Age";
    public const string PatientGender = "Patient Gender";
    public const string ViewPosition = "View Position";

    private static ClassSet Classes => ClassSet.ChestXray14;

    internal static LabelTable Read(CsvFile csv, string fileName)
    {
        var header = csv.Header;
        int Column(string name) => ColumnNames.Find(header, [name], csv.Path);
        int image = Column(LabelFile.ImageIndex), findings = Column(FindingLabels), patient = Column(PatientId);
        int age = Column(PatientAge), sex = Column(PatientGender), view = Column(ViewPosition);
        int needed = new[] { image, findings, patient, age, sex, view }.Max() + 1;
        bool layout2017 = header.Count > 0 && header[^1].Length == 0;

        var rows = new List<LabelRow>();
        var unknownTokens = new SortedSet<string>(StringComparer.Ordinal);
        var meanings = new Dictionary<string, int>(StringComparer.Ordinal);
        int agesBlanked = 0;
        while (csv.Read())
        {
            int line = csv.LineNumber;
            if (csv.FieldCount < needed)
            {
                rows.Add(new LabelRow(line, csv.Field(image).Trim(), null, null, null, null,
                    LabelValue.AllUnknown(Classes.Count), [])
                {
                    Source = fileName, LabelProblem = $"{csv.FieldCount} fields, expected at least {needed}",
                });
                continue;
            }
            var notes = new List<string>();
            string id = csv.Field(image).Trim();
            sbyte[] labels =
                ParseFindings(csv.Field(findings), meanings, notes, unknownTokens, out string? findingError);
            string? problem = id.Length == 0 ? $"empty {LabelFile.ImageIndex}" : findingError;
            string? demographics = null;
            int? years = null;
            if (age >= 0)
            {
                if (!Demographics.TryAge(csv.Field(age), out years, out string? ageNote))
                    demographics = $"{PatientAge} '{csv.Field(age)}' is not an age";
                if (ageNote is not null)
                {
                    notes.Add(ageNote);
                    agesBlanked++;
                }
            }
            string? s = null;
            if (sex >= 0 && !Demographics.TrySex(csv.Field(sex), out s))
                demographics ??= $"{PatientGender} '{csv.Field(sex)}' is not M or F";
            string? patientId = patient < 0 || string.IsNullOrWhiteSpace(csv.Field(patient)) ? null
                : csv.Field(patient).Trim();
            string? viewTerm = view < 0 ? null : Demographics.View(csv.Field(view), notes);
            rows.Add(new LabelRow(line, id, patientId, viewTerm, s, years, labels, notes)
            {
                Source = fileName, LabelProblem = problem, DemographicsProblem = demographics,
            });
        }
        string description =
            $"NIH ChestX-ray14 Data_Entry "
            + $"({(layout2017 ? "2017 layout with trailing empty column" : "v2020 layout")}): "
            + "NLP-mined labels; a class not listed in \"Finding Labels\" is negative"
            + (unknownTokens.Count == 0
                ? ""
                : $"; rows with an unknown token ({string.Join(", ", unknownTokens)}) "
                    + $"have their unlisted classes unknown");
        return new LabelTable
        {
            Path = csv.Path, Format = LabelFileFormat.NihDataEntry, Classes = Classes, Rows = rows,
            Ignored = unknownTokens.ToList(),
            AgesBlanked = agesBlanked, PatientColumn = patient >= 0 ? header[patient] : null, Description = description,
        };
    }

    private const int NoFindingToken = -1, OtherFindingToken = -2, UnknownToken = -3;

    /// <summary>The class index of a token (by name or synonym), or <see cref="NoFindingToken"/>,
    /// <see cref="OtherFindingToken"/>, <see cref="UnknownToken"/>.</summary>
    private static int Meaning(string token) =>
        Classes.Find(token) is var c and >= 0 ? c
        : Findings.Same(token, Findings.NoFinding) ? NoFindingToken
        : Findings.IsKnown(token) ? OtherFindingToken
        : UnknownToken;

    private static sbyte[] ParseFindings(string text, Dictionary<string, int> meanings, List<string> notes,
        SortedSet<string> unknownTokens, out string? error)
    {
        error = null;
        var labels = new sbyte[Classes.Count];
        bool unknown = false, noFinding = false, any = false;
        foreach (string raw in text.Split('|'))
        {
            string token = raw.Trim();
            if (token.Length == 0) continue;
            // NIH's files repeat a few dozen distinct tokens over 112,120 rows: each is looked up once per file.
            if (!meanings.TryGetValue(token, out int c)) meanings[token] = c = Meaning(token);
            if (c >= 0)
            {
                labels[c] = LabelValue.Positive;
                any = true;
            }
            else if (c == NoFindingToken) noFinding = true;
            else if (c == UnknownToken)
            {
                unknown = true;
                unknownTokens.Add(token);
                notes.Add($"unknown finding '{token}': unlisted classes unknown");
            }
            // else a known finding outside the 14 ("Lung Opacity", "Fracture"): not the same finding as any class.
        }
        if (noFinding && any) error = $"'No Finding' together with findings in '{text}'";
        if (text.Trim().Length == 0) error = "empty Finding Labels (NIH writes 'No Finding')";
        if (unknown)
            for (int c = 0; c < labels.Length; c++)
                if (labels[c] == LabelValue.Negative) labels[c] = LabelValue.Unknown;
        return labels;
    }
}
