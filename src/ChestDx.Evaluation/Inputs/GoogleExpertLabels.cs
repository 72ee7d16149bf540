namespace ChestDx.Evaluation.Inputs;

/// <summary>
/// Google's radiologist-adjudicated labels for 4,376 NIH ChestX-ray14 images (Majkowska et al., Radiology 2020;
/// 294:421; files from torchxrayvision): "Fracture", "Pneumothorax", "Airspace opacity", "Nodule or mass" as YES/NO
/// (blank = unknown), and "Set Id" test (1,962 images) or val (2,414). The merged .csv.gz and the test/validation
/// .csv.zip files have the same columns. Only "Pneumothorax" shares its name with an NIH class; the others are
/// evaluated only when the predictions have columns with those exact names.
/// </summary>
internal static class GoogleExpertLabels
{
    public static readonly string[] Findings = ["Fracture", "Pneumothorax", "Airspace opacity", "Nodule or mass"];

    public static LabelTable Read(CsvReader csv, string? subset)
    {
        int idColumn = csv.Require("Image Index"), setColumn = csv.Require("Set Id");
        string[] present = Findings.Where(f => csv.IndexOf(f) >= 0).ToArray();
        int[] columns = present.Select(csv.IndexOf).ToArray();
        var ids = new List<string>();
        var values = present.Select(_ => new List<sbyte>()).ToArray();
        while (csv.Read())
        {
            if (subset is not null && !csv[setColumn].Trim().SequenceEqual(subset)) continue;
            ReadOnlySpan<char> id = csv[idColumn].Trim();
            if (id.IsEmpty) throw csv.Error("empty \"Image Index\"");
            ids.Add(id.ToString());
            for (int c = 0; c < columns.Length; c++)
            {
                ReadOnlySpan<char> v = csv[columns[c]].Trim();
                values[c].Add(v switch
                {
                    "YES" => 1,
                    "NO" => 0,
                    "" => LabelTable.Unknown,
                    _ => throw csv.Error($"column \"{present[c]}\": \"{v}\" is not YES, NO or blank"),
                });
            }
        }
        return new LabelTable
        {
            Path = csv.Path,
            Kind = LabelSourceKind.GoogleExpert,
            Description = "Google's adjudicated expert labels (Majkowska et al., Radiology 2020), YES = 1, NO = 0"
                        + (subset is null ? ", all sets" : $", Set Id = {subset}"),
            Ids = ids,
            Classes = present,
            Values = values.Select(v => v.ToArray()).ToArray(),
        };
    }
}
