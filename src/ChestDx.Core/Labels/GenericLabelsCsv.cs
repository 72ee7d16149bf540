using ChestDx.Core.Classes;
using ChestDx.Core.Csv;
using ChestDx.Core.Progress;

namespace ChestDx.Core.Labels;

/// <summary>
/// A generic labels CSV: `image_id[,patient_id][,view][,sex][,age],&lt;class columns&gt;` (what `chestdx synth`
/// writes). Header names match as <see cref="ColumnNames"/> says ("PatientID", "Patient ID", "subject_id"… all name
/// the patient column). Without a patient column the table says so (<see cref="LabelTable.HasPatientColumn"/>).
/// Values are read by <see cref="LabelValue.Parse"/>: 1, 0, blank (unknown) and CheXpert's −1 (uncertain, read as
/// unknown and recorded in <see cref="LabelTable.Uncertain"/>).
/// <para>The class set (<see cref="LabelClassChoice"/>), one rule for both stages (data-manifests/LABEL_SCHEMA.md):
/// a <em>label column</em> is a column other than the id and demographics whose every value is a label value. Under a
/// given set, each column naming a class of the set by name or synonym (<see cref="Findings"/>: "Pleural Effusion"
/// fills Effusion) is that class's column and a value in it that is not a label makes the row unusable; the other
/// columns are ignored, listed and warned about; a class without a column is unknown for every row, never negative.
/// Auto is ChestX-ray14 when every label column is one of its findings (so synth files and NIH-style exports keep
/// the 14 in canonical order), else the file's own label columns in file order (<see cref="ClassSet.FromNames"/>:
/// CheXpert's train.csv columns give the CheXpert set). With the file's own columns, a column holding anything but
/// label values is not labels: it is listed with its first such value.</para>
/// </summary>
public static class GenericLabelsCsv
{
    private static readonly (IReadOnlyList<string> Spellings, string What)[] Metadata =
    [
        (ColumnNames.PatientId, "patient id"), (ColumnNames.View, "view"), (ColumnNames.Sex, "sex"),
        (ColumnNames.Age, "age"),
    ];

    internal static LabelTable Read(CsvFile csv, string fileName, LabelReadOptions options, IProgressSink progress)
    {
        var header = csv.Header;
        string path = csv.Path;
        int image = ColumnNames.Find(header, ColumnNames.ImageId, path);
        if (image < 0) image = 0; // LabelFile allows this only with FirstColumnIsId
        int patient = Meta(ColumnNames.PatientId), view = Meta(ColumnNames.View), sex = Meta(ColumnNames.Sex),
            age = Meta(ColumnNames.Age);
        int Meta(IReadOnlyList<string> spellings) =>
            ColumnNames.Find(header, spellings, path) is var i && i != image ? i : -1;
        var notLabels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((IReadOnlyList<string> spellings, string what) in Metadata)
            if (Meta(spellings) is var m and >= 0) notLabels[header[m]] = $"the {what} column, not a label";

        var records = new List<(int Line, string[] Fields)>();
        while (csv.Read())
            records.Add((csv.LineNumber, Enumerable.Range(0, csv.FieldCount).Select(csv.Field).ToArray()));
        static string Cell(string[] f, int i) => i >= 0 && i < f.Length ? f[i] : "";

        // Candidate columns and whether each holds only label values (with the first value that is not one).
        var candidates = Enumerable.Range(0, header.Count)
            .Where(i => i != image && i != patient && i != view && i != sex && i != age && header[i].Length > 0)
            .ToList();
        var notLabel = new Dictionary<int, string>();
        foreach (int i in candidates)
            foreach ((int line, string[] f) in records)
                if (LabelValue.Parse(Cell(f, i)) is null)
                {
                    notLabel[i] = $"line {line}: \"{Cell(f, i).Trim()}\" is not 1, 0 or blank";
                    break;
                }

        ClassSet? set = options.Classes.Set;
        if (options.Classes.Mode == LabelClassMode.Auto)
            set = candidates.Where(i => !notLabel.ContainsKey(i)).All(i => ClassSet.ChestXray14.Find(header[i]) >= 0)
                ? ClassSet.ChestXray14 : null;

        int[] classColumn;
        var ignored = new List<string>();
        if (set is not null)
        {
            classColumn = new int[set.Count];
            Array.Fill(classColumn, -1);
            foreach (int i in candidates)
            {
                int c = set.Find(header[i]);
                if (c < 0)
                {
                    ignored.Add(header[i]);
                    continue;
                }
                if (classColumn[c] >= 0)
                    throw ChestDxException.ForFile(
                        path, $"columns '{header[classColumn[c]]}' and '{header[i]}' both mean {set[c]}");
                classColumn[c] = i;
            }
            if (ignored.Count > 0)
                progress.Warn($"{fileName}: columns ignored, not a class of {set}: {string.Join(", ", ignored)}");
            string[] missing = set.Names.Where((_, c) => classColumn[c] < 0).ToArray();
            if (missing.Length > 0)
                progress.Info($"{fileName}: no column for {string.Join(", ", missing)}: "
                    + $"those labels are unknown (masked), not negative");
        }
        else
        {
            var columns = new List<int>();
            foreach (int i in candidates)
            {
                if (notLabel.TryGetValue(i, out string? why))
                {
                    notLabels[header[i]] = why;
                    ignored.Add(header[i]);
                    continue;
                }
                if (columns.FirstOrDefault(
                        k => Findings.Same(header[k], header[i]) || ColumnNames.Same(header[k], header[i]), -1)
                    is var k and >= 0)
                    throw ChestDxException.ForFile(path, ColumnNames.Same(header[k], header[i])
                        ? $"columns \"{header[k]}\" and \"{header[i]}\" name the same class (names match in any case, "
                        + $"ignoring spaces and '_')"
                        : $"columns \"{header[k]}\" and \"{header[i]}\" are the same finding "
                        + $"(data-manifests/LABEL_SCHEMA.md)");
                columns.Add(i);
            }
            if (columns.Count == 0)
                throw ChestDxException.ForFile(path,
                    "no label columns (1, 0, -1 or blank) besides the id and demographics"
                    + (notLabels.Count > 0
                        ? $"; not labels: {string.Join("; ", notLabels.Select(kv => $"{kv.Key}: {kv.Value}"))}"
                        : ""));
            if (ignored.Count > 0)
                progress.Warn($"{fileName}: columns ignored, "
                    + $"their values are not labels: {string.Join(", ", ignored)}");
            set = ClassSet.FromNames(columns.Select(i => header[i]));
            classColumn = [.. columns];
        }

        var rows = new List<LabelRow>(records.Count);
        var uncertain = new Dictionary<string, string>(StringComparer.Ordinal);
        int agesBlanked = 0;
        foreach ((int line, string[] f) in records)
        {
            string id = Cell(f, image).Trim();
            string? problem = Width(f, header) is { } w ? $"{w} fields, the header has {header.Count}" : null;
            if (id.Length == 0) problem ??= $"empty {header[image]}";
            var labels = new sbyte[set.Count];
            for (int c = 0; c < labels.Length; c++)
            {
                string v = Cell(f, classColumn[c]).Trim();
                sbyte? value = LabelValue.Parse(v);
                labels[c] = value ?? LabelValue.Unknown;
                if (value is null) problem ??= $"value '{v}' for {header[classColumn[c]]} is not 1, 0 or blank";
                else if (v is "-1" or "-1.0")
                    uncertain.TryAdd(set[c], $"line {line}: \"{v}\" is not 1, 0 or blank (an uncertain label: "
                        + $"map it to 1 or 0, or leave it blank)");
            }
            var notes = new List<string>();
            string? demographics = null;
            if (!Demographics.TryAge(Cell(f, age), out int? years, out string? ageNote))
                demographics = $"age '{Cell(f, age)}' is not an age";
            if (ageNote is not null)
            {
                notes.Add(ageNote);
                agesBlanked++;
            }
            if (!Demographics.TrySex(Cell(f, sex), out string? s))
                demographics ??= $"sex '{Cell(f, sex)}' is not M, F or O";
            string? patientId = string.IsNullOrWhiteSpace(Cell(f, patient)) ? null : Cell(f, patient).Trim();
            rows.Add(new LabelRow(line, id, patientId, Demographics.View(Cell(f, view), notes), s, years, labels, notes)
            {
                Source = fileName, LabelProblem = problem, DemographicsProblem = demographics,
            });
        }
        return new LabelTable
        {
            Path = path, Format = LabelFileFormat.GenericCsv, Classes = set, Rows = rows, Ignored = ignored,
            NotLabels = notLabels,
            Uncertain = uncertain, AgesBlanked = agesBlanked, PatientColumn = patient >= 0 ? header[patient] : null,
            Description = "labels CSV (1 = positive, 0 = negative, blank = unknown)",
        };
    }

    /// <summary>
    /// The row's field count when it disagrees with the header: fewer fields are allowed only where the missing header
    /// names are empty, more only when the extra fields are empty (a trailing comma).
    /// </summary>
    private static int? Width(string[] f, IReadOnlyList<string> header)
    {
        for (int i = f.Length; i < header.Count; i++)
            if (header[i].Length > 0) return f.Length;
        for (int i = header.Count; i < f.Length; i++)
            if (!string.IsNullOrWhiteSpace(f[i])) return f.Length;
        return null;
    }
}
