using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace ChestDx.Core.Packs;

/// <summary>
/// The one reader and writer of manifest.csv, for ingestion, `pack merge`, `pack verify`, training's data and
/// evaluation's pack labels. Columns are found by name, so a manifest with extra or reordered columns still reads; a
/// missing required column is an error naming it. Labels are 1, 0 or blank (unknown).
/// </summary>
public static class ManifestCsv
{
    private static readonly string[] Required =
    [
        ManifestColumns.Row, ManifestColumns.ImageId, ManifestColumns.Patient, ManifestColumns.View,
        ManifestColumns.Sex, ManifestColumns.Age, ManifestColumns.Split,
    ];

    public static CsvConfiguration Config { get; } = new(CultureInfo.InvariantCulture)
    {
        NewLine = "\n",
        DetectColumnCountChanges = true,
    };

    /// <summary>Writes the header and rows. <paramref name="extraColumns"/> come after the split column,
    /// in the given order.</summary>
    public static void Write(TextWriter writer, IReadOnlyList<string> classes, IReadOnlyList<string> extraColumns,
        IEnumerable<PackEntry> entries)
    {
        using var csv = new CsvWriter(writer, Config, leaveOpen: true);
        WriteHeader(csv, classes, extraColumns);
        foreach (PackEntry e in entries) WriteRow(csv, e, extraColumns);
        csv.Flush();
    }

    public static void WriteHeader(CsvWriter csv, IReadOnlyList<string> classes, IReadOnlyList<string> extraColumns)
    {
        csv.WriteField(ManifestColumns.Row);
        csv.WriteField(ManifestColumns.ImageId);
        csv.WriteField(ManifestColumns.Patient);
        csv.WriteField(ManifestColumns.View);
        csv.WriteField(ManifestColumns.Sex);
        csv.WriteField(ManifestColumns.Age);
        foreach (string c in classes) csv.WriteField(c);
        csv.WriteField(ManifestColumns.Split);
        foreach (string x in extraColumns) csv.WriteField(x);
        csv.NextRecord();
    }

    /// <summary>One row of a <see cref="PackEntry"/>; <paramref name="extraColumns"/> are looked up in its
    /// <see cref="PackEntry.Extra"/>.</summary>
    public static void WriteRow(CsvWriter csv, PackEntry e, IReadOnlyList<string> extraColumns) =>
        WriteFields(csv, e.Row, e.ImageId, e.PatientId, e.View ?? "", e.Sex ?? "",
            e.Age?.ToString(CultureInfo.InvariantCulture) ?? "", e.Labels.Select(FormatLabel), e.Split,
            extraColumns.Select(x => e.Extra.TryGetValue(x, out string? value) ? value : ""));

    /// <summary>One row of ingestion's <see cref="ManifestRecord"/> (its exact strings)
    /// as row number <paramref name="row"/>.</summary>
    public static void WriteRow(CsvWriter csv, ManifestRecord record, int row) =>
        WriteFields(csv, row, record.ImageId, record.Patient, record.View, record.Sex, record.Age, record.Labels,
            record.Split, record.Provenance);

    private static void WriteFields(CsvWriter csv, int row, string imageId, string patient, string view, string sex,
        string age, IEnumerable<string> labels, string split, IEnumerable<string> extra)
    {
        csv.WriteField(row.ToString(CultureInfo.InvariantCulture));
        csv.WriteField(imageId);
        csv.WriteField(patient);
        csv.WriteField(view);
        csv.WriteField(sex);
        csv.WriteField(age);
        foreach (string l in labels) csv.WriteField(l);
        csv.WriteField(split);
        foreach (string x in extra) csv.WriteField(x);
        csv.NextRecord();
    }

    public static string FormatLabel(float v) => float.IsNaN(v) ? "" : v == 1f ? "1" : v == 0f ? "0"
        : v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Reads every row. <paramref name="classes"/> are the label columns to read,
    /// by name (from pack.json).</summary>
    public static List<PackEntry> Read(string path, IReadOnlyList<string> classes)
    {
        var known = new HashSet<string>(Required.Concat(classes), StringComparer.Ordinal);
        var entries = new List<PackEntry>();
        foreach (ManifestLine l in Lines(path, Required.Concat(classes)))
        {
            if (!int.TryParse(l[ManifestColumns.Row], NumberStyles.None, CultureInfo.InvariantCulture, out int row))
                throw ChestDxException.ForFile(
                    path, $"line {l.Line}: row '{l[ManifestColumns.Row]}' is not a non-negative integer");
            var labels = new float[classes.Count];
            for (int c = 0; c < classes.Count; c++)
            {
                string text = l[classes[c]];
                labels[c] = ParseLabel(text) ?? throw ChestDxException.ForFile(
                    path, $"line {l.Line}: label '{text}' for {classes[c]} is not 1, 0 or blank");
            }
            string ageText = l[ManifestColumns.Age];
            int? age = null;
            if (ageText.Length > 0)
            {
                if (!int.TryParse(ageText, NumberStyles.Integer, CultureInfo.InvariantCulture, out int a))
                    throw ChestDxException.ForFile(path, $"line {l.Line}: age '{ageText}' is not an integer");
                age = a;
            }
            var extra = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < l.Header.Length; i++)
                if (!known.Contains(l.Header[i])) extra[l.Header[i]] = l.Fields[i];
            entries.Add(new PackEntry(
                row,
                l[ManifestColumns.ImageId],
                l[ManifestColumns.Patient],
                NullIfEmpty(l[ManifestColumns.View]),
                NullIfEmpty(l[ManifestColumns.Sex]),
                age,
                labels,
                l[ManifestColumns.Split],
                extra));
        }
        return entries;
    }

    /// <summary>
    /// Reads a manifest written by ingestion back into <see cref="ManifestRecord"/>s,
    /// the exact strings of each row (for `pack merge`, so a merged pack is byte-identical to a single run).
    /// The provenance columns are required.
    /// </summary>
    public static IEnumerable<ManifestRecord> ReadRecords(string path, IReadOnlyList<string> classes)
    {
        foreach (ManifestLine l in Lines(path, Required.Concat(classes).Concat(ManifestColumns.Provenance)))
            yield return new ManifestRecord(
                l[ManifestColumns.ImageId], l[ManifestColumns.Patient], l[ManifestColumns.View], l[ManifestColumns.Sex],
                l[ManifestColumns.Age], classes.Select(c => l[c]).ToArray(), l[ManifestColumns.Split],
                ManifestColumns.Provenance.Select(c => l[c]).ToArray());
    }

    /// <summary>1, 0, blank (NaN = unknown); null when the text is none of these.</summary>
    public static float? ParseLabel(string text) => text.Trim() switch
    {
        "" => float.NaN,
        "1" or "1.0" => 1f,
        "0" or "0.0" => 0f,
        _ => null,
    };

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    /// <summary>The header checked (no column twice, every <paramref name="required"/> column
    /// present), then each row.</summary>
    private static IEnumerable<ManifestLine> Lines(string path, IEnumerable<string> required)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, Config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
            throw ChestDxException.ForFile(path, "empty manifest (no header)");
        string[] header = csv.HeaderRecord;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Length; i++)
            if (!index.TryAdd(header[i], i))
                throw ChestDxException.ForFile(path, $"column '{header[i]}' appears twice");
        foreach (string column in required)
            if (!index.ContainsKey(column))
                throw ChestDxException.ForFile(
                    path, $"missing column '{column}' (columns: {string.Join(", ", header)})");
        while (csv.Read())
            yield return new ManifestLine(csv.Parser.RawRow, header, index, csv.Parser.Record ?? []);
    }

    /// <summary>One data row: its line number (for errors) and its fields, by column name.</summary>
    private readonly record struct ManifestLine(long Line, string[] Header, Dictionary<string, int> Index,
        string[] Fields)
    {
        public string this[string column] => Fields[Index[column]];
    }
}
