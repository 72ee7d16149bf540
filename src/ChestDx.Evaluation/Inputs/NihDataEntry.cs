using ChestDx.Core.Labels;

namespace ChestDx.Evaluation.Inputs;

/// <summary>
/// NIH ChestX-ray14's Data_Entry_2017.csv or Data_Entry_2017_v2020.csv. Labels come from "Finding Labels", a
/// '|'-separated list of NIH's tokens (Wang et al., CVPR 2017); every one of the 14 classes is known for every image:
/// 1 when its token is listed, else 0 ("No Finding" means all 0). The 2017 file's header ends in an empty column
/// name and its rows in a trailing comma; both layouts read the same. A token outside the 14 and "No Finding" is an
/// error, not a silent 0.
/// </summary>
internal static class NihDataEntry
{
    public const string NoFinding = "No Finding";

    public static LabelTable Read(CsvReader csv)
    {
        int idColumn = csv.Require("Image Index"), labelsColumn = csv.Require("Finding Labels");
        bool layout2017 = csv.Header.Count > 0 && csv.Header[^1].Length == 0;
        var ids = new List<string>();
        var values = Enumerable.Range(0, ChexNetClasses.Count).Select(_ => new List<sbyte>()).ToArray();
        Span<sbyte> row = stackalloc sbyte[ChexNetClasses.Count];
        while (csv.Read())
        {
            ReadOnlySpan<char> id = csv[idColumn].Trim();
            if (id.IsEmpty) throw csv.Error("empty \"Image Index\"");
            ids.Add(id.ToString());
            row.Clear();
            ReadOnlySpan<char> labels = csv[labelsColumn];
            foreach (Range r in labels.Split('|'))
            {
                ReadOnlySpan<char> token = labels[r].Trim();
                if (token.IsEmpty || token.SequenceEqual(NoFinding)) continue;
                int c = IndexOf(token);
                if (c < 0) throw csv.Error($"unknown finding \"{token}\" in \"Finding Labels\" (expected the 14 NIH tokens or \"{NoFinding}\")");
                row[c] = 1;
            }
            for (int c = 0; c < ChexNetClasses.Count; c++) values[c].Add(row[c]);
        }
        return new LabelTable
        {
            Path = csv.Path,
            Kind = LabelSourceKind.NihDataEntry,
            Description = $"NIH ChestX-ray14 Data_Entry ({(layout2017 ? "2017 layout with trailing empty column" : "v2020 layout")}): "
                        + "NLP-mined labels; a class not listed in \"Finding Labels\" is negative",
            Ids = ids,
            Classes = ChexNetClasses.Names,
            Values = values.Select(v => v.ToArray()).ToArray(),
        };
    }

    private static int IndexOf(ReadOnlySpan<char> token)
    {
        for (int i = 0; i < ChexNetClasses.Count; i++)
            if (token.SequenceEqual(ChexNetClasses.Names[i])) return i;
        return -1;
    }
}
