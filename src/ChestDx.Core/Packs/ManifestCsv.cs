using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace ChestDx.Core.Packs;

/// <summary>
/// Reads and writes manifest.csv. Columns are found by name, so a manifest with extra or reordered columns still
/// reads; a missing required column is an error naming it. Labels are 1, 0 or blank (unknown).
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

    /// <summary>Writes the header and rows. <paramref name="extraColumns"/> come after the split column, in the given order.</summary>
    public static void Write(TextWriter writer, IReadOnlyList<string> classes, IReadOnlyList<string> extraColumns, IEnumerable<PackEntry> entries)
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

    public static void WriteRow(CsvWriter csv, PackEntry e, IReadOnlyList<string> extraColumns)
    {
        csv.WriteField(e.Row.ToString(CultureInfo.InvariantCulture));
        csv.WriteField(e.ImageId);
        csv.WriteField(e.PatientId);
        csv.WriteField(e.View ?? "");
        csv.WriteField(e.Sex ?? "");
        csv.WriteField(e.Age?.ToString(CultureInfo.InvariantCulture) ?? "");
        foreach (float v in e.Labels) csv.WriteField(FormatLabel(v));
        csv.WriteField(e.Split);
        foreach (string x in extraColumns) csv.WriteField(e.Extra.TryGetValue(x, out string? value) ? value : "");
        csv.NextRecord();
    }

    public static string FormatLabel(float v) => float.IsNaN(v) ? "" : v == 1f ? "1" : v == 0f ? "0" : v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Reads every row. <paramref name="classes"/> are the label columns to read, by name (from pack.json).</summary>
    public static List<PackEntry> Read(string path, IReadOnlyList<string> classes)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, Config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
            throw ChestDxException.ForFile(path, "empty manifest (no header)");
        string[] header = csv.HeaderRecord;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Length; i++)
            if (!index.TryAdd(header[i], i)) throw ChestDxException.ForFile(path, $"column '{header[i]}' appears twice");
        foreach (string column in Required.Concat(classes))
            if (!index.ContainsKey(column))
                throw ChestDxException.ForFile(path, $"missing column '{column}' (columns: {string.Join(", ", header)})");

        var known = new HashSet<string>(Required.Concat(classes), StringComparer.Ordinal);
        int[] classIndex = classes.Select(c => index[c]).ToArray();
        var entries = new List<PackEntry>();
        while (csv.Read())
        {
            long line = csv.Parser.RawRow;
            string Field(string name) => csv.GetField(index[name]) ?? "";

            if (!int.TryParse(Field(ManifestColumns.Row), NumberStyles.None, CultureInfo.InvariantCulture, out int row))
                throw ChestDxException.ForFile(path, $"line {line}: row '{Field(ManifestColumns.Row)}' is not a non-negative integer");
            var labels = new float[classes.Count];
            for (int c = 0; c < classes.Count; c++)
            {
                string text = csv.GetField(classIndex[c]) ?? "";
                labels[c] = ParseLabel(text) ?? throw ChestDxException.ForFile(path, $"line {line}: label '{text}' for {classes[c]} is not 1, 0 or blank");
            }
            string ageText = Field(ManifestColumns.Age);
            int? age = null;
            if (ageText.Length > 0)
            {
                if (!int.TryParse(ageText, NumberStyles.Integer, CultureInfo.InvariantCulture, out int a))
                    throw ChestDxException.ForFile(path, $"line {line}: age '{ageText}' is not an integer");
                age = a;
            }
            var extra = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < header.Length; i++)
                if (!known.Contains(header[i])) extra[header[i]] = csv.GetField(i) ?? "";
            entries.Add(new PackEntry(
                row,
                Field(ManifestColumns.ImageId),
                Field(ManifestColumns.Patient),
                NullIfEmpty(Field(ManifestColumns.View)),
                NullIfEmpty(Field(ManifestColumns.Sex)),
                age,
                labels,
                Field(ManifestColumns.Split),
                extra));
        }
        return entries;
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
}
