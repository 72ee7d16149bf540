using ChestDx.Core.Classes;
using ChestDx.Core.Csv;

namespace ChestDx.Core.Labels;

/// <summary>
/// Google's radiologist-adjudicated labels for 4,376 NIH ChestX-ray14 images (Majkowska et al., Radiology 2020;
/// 294:421; files from torchxrayvision): "Fracture", "Pneumothorax", "Airspace opacity", "Nodule or mass" as YES/NO
/// (blank = unknown), and "Set Id" test (1,962 images) or val (2,414). The merged .csv.gz and the test/validation
/// .csv.zip files have the same columns; the bracketed headers hold commas inside quotes. The classes are the
/// findings the file has, under Google's names: "Airspace opacity" is CheXpert's "Lung Opacity" and "Nodule or mass"
/// VinDr's "Nodule/Mass" (<see cref="Findings"/>); only "Pneumothorax" is an NIH class.
/// </summary>
public static class GoogleExpertLabels
{
    public const string SetId = "Set Id";

    public static IReadOnlyList<string> Findings { get; } =
        ["Fracture", "Pneumothorax", "Airspace opacity", "Nodule or mass"];

    internal static LabelTable Read(CsvFile csv, string fileName, string? subset)
    {
        int idColumn = csv.Require(LabelFile.ImageIndex), setColumn = csv.Require(SetId);
        int patient = ColumnNames.Find(csv.Header, [NihDataEntryLabels.PatientId], csv.Path);
        string[] present = Findings.Where(f => csv.IndexOf(f) >= 0).ToArray();
        int[] columns = present.Select(csv.IndexOf).ToArray();
        var rows = new List<LabelRow>();
        while (csv.Read())
        {
            if (subset is not null && !csv[setColumn].Trim().SequenceEqual(subset)) continue;
            string id = csv.Field(idColumn).Trim();
            string? problem = id.Length == 0 ? $"empty \"{LabelFile.ImageIndex}\"" : null;
            var labels = new sbyte[present.Length];
            for (int c = 0; c < columns.Length; c++)
            {
                string v = csv.Field(columns[c]).Trim();
                labels[c] =
                    v switch { "YES" => LabelValue.Positive, "NO" => LabelValue.Negative, _ => LabelValue.Unknown };
                if (v is not ("YES" or "NO" or ""))
                    problem ??= $"column \"{present[c]}\": \"{v}\" is not YES, NO or blank";
            }
            string? patientId = patient < 0 || string.IsNullOrWhiteSpace(csv.Field(patient)) ? null
                : csv.Field(patient).Trim();
            rows.Add(new LabelRow(csv.LineNumber, id, patientId, null, null, null, labels, [])
            {
                Source = fileName, LabelProblem = problem,
            });
        }
        return new LabelTable
        {
            Path = csv.Path, Format = LabelFileFormat.GoogleExpert, Classes = ClassSet.FromNames(present), Rows = rows,
            PatientColumn = patient >= 0 ? csv.Header[patient] : null,
            Description = "Google's adjudicated expert labels (Majkowska et al., Radiology 2020), YES = 1, NO = 0"
                        + (subset is null ? ", all sets" : $", Set Id = {subset}"),
        };
    }
}
