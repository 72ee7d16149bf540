using ChestDx.Core.Classes;
using ChestDx.Core.Csv;

namespace ChestDx.Core.Labels;

/// <summary>
/// NIH's BBox_List_2017.csv as a reference set: 984 radiologist boxes on 880 images for 8 findings (Wang et al.,
/// CVPR 2017 §4.2), one row per image in first-box order.
/// "Infiltrate" is NIH's "Infiltration" (<see cref="Findings"/>). A class with a box on an image is positive (1).
/// A class without a box is unknown, not negative: the radiologists boxed selected findings,
/// they did not read every image for all eight, so absence of a box is no evidence of absence.
/// This set therefore supports sensitivity but not AUROC or specificity, which the report states as undefined ("no
/// negatives"). The classes are the ChestX-ray14 classes that have a box.
/// A finding that is not one of the 14 is ignored and listed (data-manifests/LABEL_SCHEMA.md:
/// an unknown token never makes a negative).
/// </summary>
public static class NihBBoxLabels
{
    public const string FindingLabel = "Finding Label";

    internal static LabelTable Read(CsvFile csv, string fileName)
    {
        int idColumn = csv.Require(LabelFile.ImageIndex), findingColumn = csv.Require(FindingLabel);
        var boxes = new Dictionary<string, (int Line, HashSet<int> Classes)>(StringComparer.Ordinal);
        var order = new List<string>();
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        int emptyLine = 0;
        while (csv.Read())
        {
            string id = csv.Field(idColumn).Trim();
            if (id.Length == 0)
            {
                if (emptyLine == 0) emptyLine = csv.LineNumber;
                continue;
            }
            string finding = csv.Field(findingColumn).Trim();
            int c = ClassSet.ChestXray14.Find(finding);
            if (!boxes.TryGetValue(id, out var entry)) { boxes[id] = entry = (csv.LineNumber, []); order.Add(id); }
            if (c >= 0) entry.Classes.Add(c);
            else if (finding.Length > 0) unknown.Add(finding);
        }
        if (emptyLine > 0)
            throw ChestDxException.ForFile(csv.Path, $"line {emptyLine}: empty \"{LabelFile.ImageIndex}\"");
        int[] present = Enumerable.Range(0, ClassSet.ChestXray14.Count)
            .Where(c => boxes.Values.Any(b => b.Classes.Contains(c))).ToArray();
        if (present.Length == 0 && order.Count > 0)
            throw ChestDxException.ForFile(
                csv.Path, $"no box names a ChestX-ray14 finding (found: {string.Join(", ", unknown.Take(8))})");
        var rows = order.Select(id =>
        {
            (int line, HashSet<int> classes) = boxes[id];
            sbyte[] labels = present.Select(c => classes.Contains(c) ? LabelValue.Positive : LabelValue.Unknown)
                .ToArray();
            return new LabelRow(line, id, null, null, null, null, labels, []) { Source = fileName };
        }).ToList();
        return new LabelTable
        {
            Path = csv.Path, Format = LabelFileFormat.NihBBox, Rows = rows, Ignored = unknown.ToList(),
            Classes = ClassSet.FromNames(present.Select(c => ClassSet.ChestXray14[c])),
            Description = "NIH BBox_List_2017 (Infiltrate = Infiltration): a boxed finding is positive; "
                + "no box means unknown, not negative",
        };
    }
}
