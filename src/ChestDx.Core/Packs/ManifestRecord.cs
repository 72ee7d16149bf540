using System.Globalization;

namespace ChestDx.Core.Packs;

/// <summary>
/// One manifest row as the exact strings written (so journal, shards and merge reproduce the bytes); written and read
/// by <see cref="ManifestCsv"/>. The row number is not part of it: it is the position in the pack.
/// <see cref="Provenance"/> follows <see cref="ManifestColumns.Provenance"/>.
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

    /// <summary>The entry the pack's summary and leakage check read (provenance not needed there).</summary>
    public PackEntry ToEntry(int row) => new(
        row, ImageId, Patient, View.Length == 0 ? null : View, Sex.Length == 0 ? null : Sex,
        Age.Length == 0 ? null : int.Parse(Age, CultureInfo.InvariantCulture),
        Labels.Select(l => ManifestCsv.ParseLabel(l) ?? float.NaN).ToArray(), Split, NoExtra);
}
