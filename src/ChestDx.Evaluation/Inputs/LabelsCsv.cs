using ChestDx.Core;
using ChestDx.Core.Labels;

namespace ChestDx.Evaluation.Inputs;

/// <summary>
/// A plain labels CSV: the id column is the one spelled as an image id (<see cref="ColumnNames.ImageId"/>: image_id,
/// IMAGE_ID, Image Index…), else the first column; each other column a class with 1, 0 or blank (unknown); "1.0" and
/// "0.0" are accepted as pandas writes them. A column holding anything else (an age, CheXpert's −1 "uncertain") is not
/// a label column: it is recorded in <see cref="LabelTable.IgnoredColumns"/> with the first offending value, and
/// asking to evaluate it is an error that quotes that value. The patient, view, sex and age columns that `chestdx
/// ingest` reads from the same file (same spellings) are never classes, whatever they hold.
/// </summary>
internal static class LabelsCsv
{
    private static readonly (IReadOnlyList<string> Spellings, string What)[] Metadata =
    [
        (ColumnNames.PatientId, "patient id"), (ColumnNames.View, "view"), (ColumnNames.Sex, "sex"), (ColumnNames.Age, "age"),
    ];

    public static LabelTable Read(CsvReader csv)
    {
        int width = csv.Header.Count;
        int idColumn = ColumnNames.Find(csv.Header, ColumnNames.ImageId, csv.Path);
        if (idColumn < 0) idColumn = 0;
        var metadata = new Dictionary<int, string>();
        foreach ((IReadOnlyList<string> spellings, string what) in Metadata)
            if (ColumnNames.Find(csv.Header, spellings, csv.Path) is var m and >= 0 && m != idColumn) metadata[m] = $"the {what} column, not a label";
        var ids = new List<string>();
        var cells = new List<sbyte>[width];
        var bad = new Dictionary<int, string>();
        for (int i = 0; i < width; i++) cells[i] = [];
        while (csv.Read())
        {
            ReadOnlySpan<char> id = csv[idColumn].Trim();
            if (id.IsEmpty) throw csv.Error("empty id");
            ids.Add(id.ToString());
            for (int i = 0; i < width; i++)
            {
                if (i == idColumn || metadata.ContainsKey(i) || csv.Header[i].Length == 0) continue;
                ReadOnlySpan<char> v = csv[i].Trim();
                sbyte value = v switch
                {
                    "1" or "1.0" => 1,
                    "0" or "0.0" => 0,
                    "" => LabelTable.Unknown,
                    _ => sbyte.MinValue,
                };
                if (value == sbyte.MinValue && !bad.ContainsKey(i))
                    bad[i] = $"line {csv.LineNumber}: \"{v}\" is not 1, 0 or blank" +
                             (v is "-1" or "-1.0" ? " (an uncertain label: map it to 1 or 0, or leave it blank)" : "");
                cells[i].Add(value);
            }
        }
        var classes = new List<string>();
        var values = new List<sbyte[]>();
        var ignored = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < width; i++)
        {
            string name = csv.Header[i];
            if (i == idColumn || name.Length == 0) continue;
            if (metadata.TryGetValue(i, out string? what)) { ignored[name] = what; continue; }
            if (bad.TryGetValue(i, out string? why)) { ignored[name] = why; continue; }
            if (classes.FirstOrDefault(c => ColumnNames.Same(c, name)) is { } same)
                throw ChestDxException.ForFile(csv.Path, $"columns \"{same}\" and \"{name}\" name the same class (names match in any case, ignoring spaces and '_')");
            classes.Add(name);
            values.Add([.. cells[i]]);
        }
        return new LabelTable
        {
            Path = csv.Path,
            Kind = LabelSourceKind.LabelsCsv,
            Description = "labels CSV (1 = positive, 0 = negative, blank = unknown)",
            Ids = ids,
            Classes = classes,
            Values = [.. values],
            IgnoredColumns = ignored,
        };
    }
}
