using System.Globalization;
using ChestDx.Core.Classes;
using ChestDx.Core.Csv;

namespace ChestDx.Core.Labels;

/// <summary>
/// PadChest's labels CSV (Bustos et al. 2020; one row per image): ImageID (the PNG's file name), PatientID,
/// PatientBirth (year), PatientSex_DICOM, StudyDate_DICOM (YYYYMMDD), Projection, Labels (a Python list literal of
/// report terms, e.g. "['pleural effusion', 'cardiomegaly']"). Read into <see cref="ClassSet.PadChest"/>: a term
/// names a class when it is one of the class's terms (<see cref="Terms"/>) or ends with one after a space (a
/// qualified variant: "laminar atelectasis", "loculated pleural effusion"); other terms are ignored and counted.
/// PadChest labels every finding of the report, so a class no term names is negative; "normal" names none. A row
/// with no terms is unusable. View from Projection: PA, AP and AP_horizontal (supine) as AP, L as LATERAL. Age is
/// the study year minus the birth year. Patient: PatientID.
/// </summary>
public static class PadChestLabels
{
    public const string ImageIdColumn = "ImageID";
    public const string PatientIdColumn = "PatientID";
    public const string LabelsColumn = "Labels";
    public const string Projection = "Projection";

    /// <summary>PadChest terms per class (torchxrayvision's PC_Dataset names and synonyms, lower case).</summary>
    public static IReadOnlyDictionary<string, string[]> Terms { get; } = BuildTerms();

    private static Dictionary<string, string[]> BuildTerms()
    {
        var terms = ClassSet.PadChest.Names.ToDictionary(n => n, n => new[] { n.Replace('_', ' ').ToLowerInvariant() });
        terms["Effusion"] = ["pleural effusion"];
        terms["Infiltration"] =
        [
            "infiltrates", "interstitial pattern", "ground glass pattern", "reticular interstitial pattern",
            "reticulonodular interstitial pattern", "alveolar pattern", "consolidation", "air bronchogram",
        ];
        terms["Consolidation"] = ["consolidation", "air bronchogram"];
        terms["Hilar Enlargement"] = ["hilar enlargement", "adenopathy", "pulmonary artery enlargement"];
        terms["Support Devices"] = ["device", "pacemaker"];
        terms["Tube"] = ["tube", "stent"];
        return terms;
    }

    internal static LabelTable Read(CsvFile csv, string fileName)
    {
        int image = csv.Require(ImageIdColumn), patient = csv.Require(PatientIdColumn);
        int labelsColumn = csv.Require(LabelsColumn);
        int projection = csv.Require(Projection), birth = csv.IndexOf("PatientBirth");
        int sex = csv.IndexOf("PatientSex_DICOM"), date = csv.IndexOf("StudyDate_DICOM");
        ClassSet classes = ClassSet.PadChest;
        var rows = new List<LabelRow>();
        var ignoredTerms = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var views = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var patients = new HashSet<string>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var notes = new List<string>();
            string id = csv.Field(image).Trim(), pid = csv.Field(patient).Trim();
            string? problem = id.Length == 0 ? $"empty {ImageIdColumn}" : null;
            string[] terms = ParseList(csv.Field(labelsColumn));
            var labels = new sbyte[classes.Count];
            if (terms.Length == 0)
            {
                problem ??= $"no terms in {LabelsColumn} ('{csv.Field(labelsColumn).Trim()}')";
                Array.Fill(labels, LabelValue.Unknown);
            }
            foreach (string term in terms)
            {
                bool any = false;
                for (int c = 0; c < classes.Count; c++)
                    if (Terms[classes[c]].Any(t => term == t || term.EndsWith(" " + t, StringComparison.Ordinal)))
                    {
                        labels[c] = LabelValue.Positive;
                        any = true;
                    }
                if (!any && term != "normal") ignoredTerms[term] = ignoredTerms.GetValueOrDefault(term) + 1;
            }
            string? view = csv.Field(projection).Trim() switch
            {
                "PA" => "PA",
                "AP" or "AP_horizontal" => "AP",
                "L" => "LATERAL",
                "" => null,
                _ => Note(notes, $"{Projection} not PA, AP, AP_horizontal or L: view left blank"),
            };
            views[view ?? "not stated"] = views.GetValueOrDefault(view ?? "not stated") + 1;
            string? demographics = null;
            string sexText = sex < 0 ? "" : csv.Field(sex).Trim();
            if (!Demographics.TrySex(sexText, out string? s))
                demographics = $"PatientSex_DICOM '{sexText}' is not M, F or O";
            int? age = Age(birth < 0 ? "" : csv.Field(birth), date < 0 ? "" : csv.Field(date), notes);
            if (pid.Length > 0) patients.Add(pid);
            rows.Add(new LabelRow(csv.LineNumber, id, pid.Length == 0 ? null : pid, view, s, age, labels, notes)
            {
                Source = fileName, LabelProblem = problem, DemographicsProblem = demographics,
            });
        }
        var summary = new List<string>
        {
            $"PadChest: {rows.Count:N0} images, {patients.Count:N0} patients (PatientID); views "
                + string.Join(", ", views.Select(kv => $"{kv.Key} {kv.Value:N0}")),
            $"{ignoredTerms.Count:N0} terms outside the {classes.Count} classes ignored"
                + (ignoredTerms.Count == 0 ? "" : ", most frequent: " + string.Join(", ",
                    ignoredTerms.OrderByDescending(kv => kv.Value).Take(8).Select(kv => $"{kv.Key} {kv.Value:N0}"))),
        };
        return new LabelTable
        {
            Path = csv.Path, Format = LabelFileFormat.Padchest, Classes = classes, Rows = rows,
            Ignored = [.. ignoredTerms.Keys], PatientColumn = PatientIdColumn,
            Description = "PadChest report terms restricted to 28 classes; a class no term names is negative",
            Adapter = new LabelAdapterInfo { PatientIds = PatientIdSource.Column, Summary = summary },
        };
    }

    private static string? Note(List<string> notes, string note)
    {
        notes.Add(note);
        return null;
    }

    /// <summary>The terms of a Python list literal "['a', 'b']" (quotes and spaces trimmed, lower case).</summary>
    public static string[] ParseList(string text)
    {
        string t = text.Trim();
        if (t.StartsWith('[') && t.EndsWith(']')) t = t[1..^1];
        return t.Split(',').Select(x => x.Trim().Trim('\'', '"').Trim().ToLowerInvariant())
            .Where(x => x.Length > 0 && x != "nan").ToArray();
    }

    private static int? Age(string birthYear, string studyDate, List<string> notes)
    {
        string b = birthYear.Trim(), d = studyDate.Trim();
        if (b.Length == 0 || d.Length < 4) return null;
        if (!double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out double year)
            || !int.TryParse(d[..4], NumberStyles.None, CultureInfo.InvariantCulture, out int studyYear))
        {
            notes.Add("PatientBirth or StudyDate_DICOM not a year: age left blank");
            return null;
        }
        int age = studyYear - (int)year;
        if (age is < 0 or > Demographics.MaxAge)
        {
            notes.Add($"age {age} from PatientBirth outside 0-{Demographics.MaxAge}: blanked");
            return null;
        }
        return age;
    }
}
