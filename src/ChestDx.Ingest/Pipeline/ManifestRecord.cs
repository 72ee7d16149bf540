using System.Globalization;
using ChestDx.Core.Packs;
using CsvHelper;

namespace ChestDx.Ingest.Pipeline;

/// <summary>
/// One manifest row as the exact strings written (so journal, shards and merge reproduce the bytes). The row number
/// is not part of it: it is the position in the pack. <see cref="Provenance"/> follows <see cref="ManifestColumns.Provenance"/>.
/// </summary>
public sealed record ManifestRecord(
    string ImageId,
    string Patient,
    string View,
    string Sex,
    string Age,
    string[] Labels,
    string Split,
    string[] Provenance)
{
    private static readonly IReadOnlyDictionary<string, string> NoExtra = new Dictionary<string, string>();

    public string this[string provenanceColumn] => Provenance[IndexOf(provenanceColumn)];

    public static int IndexOf(string provenanceColumn)
    {
        for (int i = 0; i < ManifestColumns.Provenance.Count; i++)
            if (ManifestColumns.Provenance[i] == provenanceColumn) return i;
        throw new ArgumentException($"not a provenance column: {provenanceColumn}", nameof(provenanceColumn));
    }

    public void Write(CsvWriter csv, int row)
    {
        csv.WriteField(row.ToString(CultureInfo.InvariantCulture));
        csv.WriteField(ImageId);
        csv.WriteField(Patient);
        csv.WriteField(View);
        csv.WriteField(Sex);
        csv.WriteField(Age);
        foreach (string l in Labels) csv.WriteField(l);
        csv.WriteField(Split);
        foreach (string p in Provenance) csv.WriteField(p);
        csv.NextRecord();
    }

    public static void WriteHeader(CsvWriter csv, IReadOnlyList<string> classes) =>
        ManifestCsv.WriteHeader(csv, classes, ManifestColumns.Provenance);

    /// <summary>The entry the pack's summary and leakage check read (provenance not needed there).</summary>
    public PackEntry ToEntry(int row) => new(
        row, ImageId, Patient, View.Length == 0 ? null : View, Sex.Length == 0 ? null : Sex,
        Age.Length == 0 ? null : int.Parse(Age, CultureInfo.InvariantCulture),
        Labels.Select(l => ManifestCsv.ParseLabel(l) ?? float.NaN).ToArray(), Split, NoExtra);

    /// <summary>Reads a manifest.csv written by ingestion back into records (for merge), by column name.</summary>
    public static IEnumerable<ManifestRecord> ReadAll(string path, IReadOnlyList<string> classes)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, ManifestCsv.Config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
            throw Core.ChestDxException.ForFile(path, "empty manifest (no header)");
        foreach (string c in new[] { ManifestColumns.ImageId, ManifestColumns.Patient, ManifestColumns.Split }.Concat(classes).Concat(ManifestColumns.Provenance))
            if (!csv.HeaderRecord.Contains(c)) throw Core.ChestDxException.ForFile(path, $"missing column '{c}'");
        while (csv.Read())
        {
            string F(string name) => csv.GetField(name) ?? "";
            yield return new ManifestRecord(
                F(ManifestColumns.ImageId), F(ManifestColumns.Patient), F(ManifestColumns.View), F(ManifestColumns.Sex),
                F(ManifestColumns.Age), classes.Select(F).ToArray(), F(ManifestColumns.Split),
                ManifestColumns.Provenance.Select(F).ToArray());
        }
    }
}
