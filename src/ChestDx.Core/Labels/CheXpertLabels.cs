using ChestDx.Core.Csv;

namespace ChestDx.Core.Labels;

/// <summary>
/// CheXpert's train.csv / valid.csv (Irvin et al. 2019): `Path,Sex,Age,Frontal/Lateral,AP/PA,&lt;14 observations&gt;`,
/// read into <see cref="Classes.ClassSet.CheXpert"/> with <see cref="CheXpertValues"/>. The image id is the path
/// without its first folder ("CheXpert-v1.0-small/train/patient00001/study1/view1_frontal.jpg" is
/// "train/patient00001/study1/view1_frontal.jpg"), so `--source` is the CheXpert-v1.0(-small) folder. The patient is
/// the path's patientNNNNN folder. View: a frontal image's AP/PA value (AP, PA, LL, RL), LATERAL for a lateral. Sex
/// "Unknown" is blank.
/// </summary>
public static class CheXpertLabels
{
    public const string PathColumn = "Path";
    public const string FrontalLateral = "Frontal/Lateral";
    public const string ApPa = "AP/PA";

    internal static LabelTable Read(CsvFile csv, string fileName, LabelReadOptions options)
    {
        var header = csv.Header;
        int path = csv.Require(PathColumn), sex = csv.Require("Sex"), age = csv.Require("Age");
        int frontal = csv.Require(FrontalLateral), apPa = csv.Require(ApPa);
        var values = new CheXpertValues(header, csv.Path, options.Uncertain ?? UncertainPolicies.IgnoreAll);
        var rows = new List<LabelRow>();
        var views = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var patients = new HashSet<string>(StringComparer.Ordinal);
        int agesBlanked = 0;
        while (csv.Read())
        {
            int line = csv.LineNumber;
            string raw = csv.Field(path).Trim();
            var notes = new List<string>();
            sbyte[] labels = values.Parse(csv.Field, out string? problem);
            string id = WithoutDatasetFolder(raw);
            string? patient = PatientOf(id);
            if (raw.Length == 0) problem ??= "empty Path";
            else if (patient is null) problem ??= "Path has no patientNNNNN folder";
            else patients.Add(patient);
            string? view = View(csv.Field(frontal), csv.Field(apPa), notes);
            views[view ?? "not stated"] = views.GetValueOrDefault(view ?? "not stated") + 1;
            string? demographics = null;
            string sexText = csv.Field(sex).Trim();
            if (!Demographics.TrySex(sexText.Equals("Unknown", StringComparison.OrdinalIgnoreCase) ? "" : sexText,
                    out string? s))
                demographics = $"Sex '{sexText}' is not Male, Female or Unknown";
            if (!Demographics.TryAge(csv.Field(age), out int? years, out string? ageNote))
                demographics ??= $"Age '{csv.Field(age)}' is not an age";
            if (ageNote is not null)
            {
                notes.Add(ageNote);
                agesBlanked++;
            }
            rows.Add(new LabelRow(line, id, patient, view, s, years, labels, notes)
            {
                Source = fileName, LabelProblem = problem, DemographicsProblem = demographics,
            });
        }
        var summary = new List<string>
        {
            $"CheXpert: {rows.Count:N0} rows, {patients.Count:N0} patients (the path's patientNNNNN folder); views "
                + string.Join(", ", views.Select(kv => $"{kv.Key} {kv.Value:N0}")),
        };
        summary.AddRange(values.Summary());
        return new LabelTable
        {
            Path = csv.Path, Format = LabelFileFormat.Chexpert, Classes = values.Classes, Rows = rows,
            Uncertain = values.Masked(fileName), AgesBlanked = agesBlanked, PatientColumn = PathColumn,
            Description = "CheXpert labeler output: 1 positive, 0 negative, -1 uncertain (by --uncertain), "
                + "blank not mentioned (unknown, negative under No Finding = 1)",
            Adapter = new LabelAdapterInfo
            {
                PatientIds = PatientIdSource.Path, Uncertain = values.Policies, UncertainCells = values.UncertainCells,
                Summary = summary,
            },
        };
    }

    /// <summary>The path without a first folder named CheXpert-* (the archive's root).</summary>
    public static string WithoutDatasetFolder(string path)
    {
        int slash = path.IndexOf('/');
        return slash > 0 && path.StartsWith("CheXpert", StringComparison.OrdinalIgnoreCase)
            ? path[(slash + 1)..] : path;
    }

    /// <summary>The patientNNNNN folder of a CheXpert path, or null.</summary>
    public static string? PatientOf(string path)
    {
        foreach (string part in path.Split('/'))
            if (part.Length > 7 && part.StartsWith("patient", StringComparison.Ordinal)
                && part[7..].All(char.IsAsciiDigit))
                return part;
        return null;
    }

    private static string? View(string frontalLateral, string apPa, List<string> notes)
    {
        string fl = frontalLateral.Trim();
        if (fl.Equals("Lateral", StringComparison.OrdinalIgnoreCase)) return "LATERAL";
        if (!fl.Equals("Frontal", StringComparison.OrdinalIgnoreCase))
        {
            if (fl.Length > 0) notes.Add($"{FrontalLateral} not Frontal or Lateral: view left blank");
            return null;
        }
        return Demographics.View(apPa, notes);
    }
}
