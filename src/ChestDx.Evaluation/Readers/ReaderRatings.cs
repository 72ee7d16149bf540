using ChestDx.Core.Csv;
using ChestDx.Core;
using ChestDx.Evaluation.Inputs;

namespace ChestDx.Evaluation.Readers;

/// <summary>
/// One rater's yes/no calls: Calls[c][image] ∈ {1, 0, <see cref="ReferenceLabels.Unknown"/>}, in study image order.
/// </summary>
public sealed record ReaderRatings(string Name, IReadOnlyList<string> Classes, sbyte[][] Calls)
{
    public int IndexOfClass(string name) => Classes.ToList().IndexOf(name);
}

/// <summary>
/// Reads radiologists' label files: one CSV per reader (id column + 1/0/blank per class; the reader is named after
/// the file), or one long CSV with a <c>reader</c> column holding several readers (as
/// tests/data/eval-reference/readers.csv).
/// Every reader must label the same images; the study's image order is the first reader's.
/// </summary>
public static class ReaderFiles
{
    public const string ReaderColumn = "reader";

    public static (IReadOnlyList<string> Ids, IReadOnlyList<ReaderRatings> Readers) Read(IReadOnlyList<string> paths)
    {
        var tables = new List<(string Name, ReferenceLabels Table)>();
        foreach (string path in paths)
        {
            using (CsvFile probe = CsvFile.Open(path))
                if (probe.IndexOf(ReaderColumn) >= 0) { tables.AddRange(ReadLong(path)); continue; }
            ReferenceLabels t = LabelReader.Read(path);
            tables.Add((Path.GetFileNameWithoutExtension(
                path.EndsWith(".gz", StringComparison.Ordinal) ? path[..^3] : path), t));
        }
        if (tables.Count == 0) throw new ChestDxException("no reader files given");
        var duplicate = tables.GroupBy(t => t.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ChestDxException($"two readers are named \"{duplicate.Key}\" "
                + "(reader names come from file names or the reader column)");

        IReadOnlyList<string> ids = tables[0].Table.Ids;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < ids.Count; i++) index[ids[i]] = i;
        var readers = new List<ReaderRatings>();
        foreach (var (name, table) in tables)
        {
            var extra = table.Ids.Where(id => !index.ContainsKey(id)).ToList();
            var missing = ids.Except(table.Ids, StringComparer.Ordinal).ToList();
            if (extra.Count > 0 || missing.Count > 0)
                throw ChestDxException.ForFile(table.Path,
                    $"reader \"{name}\" labels a different set of images than \"{tables[0].Name}\""
                    + (missing.Count > 0 ? $"; missing: {IdChecks.Few(missing)}" : "")
                    + (extra.Count > 0 ? $"; extra: {IdChecks.Few(extra)}" : ""));
            var calls = table.Values.Select(v =>
            {
                var aligned = new sbyte[ids.Count];
                for (int i = 0; i < table.Ids.Count; i++) aligned[index[table.Ids[i]]] = v[i];
                return aligned;
            }).ToArray();
            readers.Add(new ReaderRatings(name, table.Classes, calls));
        }
        return (ids, readers);
    }

    private static IEnumerable<(string, ReferenceLabels)> ReadLong(string path)
    {
        // Split the long file into one labels table per reader, keeping the id and class columns.
        var rows = new Dictionary<string, List<string[]>>(StringComparer.Ordinal);
        string[] header;
        using (CsvFile csv = CsvFile.Open(path))
        {
            int readerColumn = csv.Require(ReaderColumn);
            header = csv.Header.Where((_, i) => i != readerColumn).ToArray();
            while (csv.Read())
            {
                string reader = csv[readerColumn].Trim().ToString();
                if (reader.Length == 0) throw csv.Error("empty reader name");
                var fields = new string[csv.Header.Count - 1];
                for (int i = 0, k = 0; i < csv.Header.Count; i++)
                    if (i != readerColumn) fields[k++] = csv[i].ToString();
                if (!rows.TryGetValue(reader, out var list)) rows[reader] = list = [];
                list.Add(fields);
            }
        }
        foreach (var (reader, list) in rows)
        {
            var text = new System.Text.StringBuilder();
            text.AppendLine(string.Join(",", header.Select(Reports.Format.CsvField)));
            foreach (string[] f in list) text.AppendLine(string.Join(",", f.Select(Reports.Format.CsvField)));
            string name = $"{path} (reader {reader})";
            yield return (reader, LabelReader.Read(name, System.Text.Encoding.UTF8.GetBytes(text.ToString())));
        }
    }
}
