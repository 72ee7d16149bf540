using ChestDx.Core.Labels;

namespace ChestDx.Evaluation.Inputs;

/// <summary>
/// NIH's BBox_List_2017.csv as a reference set: 984 radiologist boxes on 880 images for 8 findings (Wang et al.,
/// CVPR 2017 §4.2). "Infiltrate" is NIH's "Infiltration". A class with a box on an image is positive (1). A class
/// without a box is unknown, not negative: the radiologists boxed selected findings, they did not read every image
/// for all eight, so absence of a box is no evidence of absence. This set therefore supports sensitivity (what
/// share of radiologist-confirmed findings the model calls at its threshold) but not AUROC or specificity, which
/// the report states as undefined ("no negatives").
/// </summary>
internal static class NihBBoxList
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal) { ["Infiltrate"] = "Infiltration" };

    public static LabelTable Read(CsvReader csv)
    {
        int idColumn = csv.Require("Image Index"), findingColumn = csv.Require("Finding Label");
        var boxes = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var order = new List<string>();
        while (csv.Read())
        {
            string id = csv[idColumn].Trim().ToString();
            if (id.Length == 0) throw csv.Error("empty \"Image Index\"");
            string finding = csv[findingColumn].Trim().ToString();
            if (Aliases.TryGetValue(finding, out string? alias)) finding = alias;
            if (ChexNetClasses.IndexOf(finding) < 0) throw csv.Error($"unknown finding \"{finding}\"");
            if (!boxes.TryGetValue(id, out HashSet<string>? set)) { boxes[id] = set = []; order.Add(id); }
            set.Add(finding);
        }
        string[] classes = ChexNetClasses.Names.Where(c => boxes.Values.Any(s => s.Contains(c))).ToArray();
        var values = classes.Select(c => order.Select(id => boxes[id].Contains(c) ? (sbyte)1 : LabelTable.Unknown).ToArray()).ToArray();
        return new LabelTable
        {
            Path = csv.Path,
            Kind = LabelSourceKind.NihBBox,
            Description = "NIH BBox_List_2017 (Infiltrate = Infiltration): a boxed finding is positive; no box means unknown, not negative",
            Ids = order,
            Classes = classes,
            Values = values,
        };
    }
}
