namespace ChestDx.Evaluation.Inputs;

/// <summary>
/// A plain labels CSV: the first column is the id, each other column a class with 1, 0 or blank (unknown); "1.0" and
/// "0.0" are accepted as pandas writes them. A column holding anything else (an age, CheXpert's −1 "uncertain") is not
/// a label column: it is recorded in <see cref="LabelTable.IgnoredColumns"/> with the first offending value, and
/// asking to evaluate it is an error that quotes that value.
/// </summary>
internal static class LabelsCsv
{
    public static LabelTable Read(CsvReader csv)
    {
        int width = csv.Header.Count;
        var ids = new List<string>();
        var cells = new List<sbyte>[width];
        var bad = new Dictionary<int, string>();
        for (int i = 1; i < width; i++) cells[i] = [];
        while (csv.Read())
        {
            ReadOnlySpan<char> id = csv[0].Trim();
            if (id.IsEmpty) throw csv.Error("empty id");
            ids.Add(id.ToString());
            for (int i = 1; i < width; i++)
            {
                if (csv.Header[i].Length == 0) continue;
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
        for (int i = 1; i < width; i++)
        {
            string name = csv.Header[i];
            if (name.Length == 0) continue;
            if (bad.TryGetValue(i, out string? why)) { ignored[name] = why; continue; }
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
