using ChestDx.Core;
using ChestDx.Core.Packs;

namespace ChestDx.Evaluation.Inputs;

/// <summary>
/// A dataset pack's own labels (its manifest.csv), for predictions made on that pack. Under a site key the pack's
/// image ids are pseudonyms, so the hospital's labels file, keyed by clear ids, cannot be joined to the predictions;
/// the pack already holds the same labels under the same pseudonyms (data-manifests/PACK_FORMAT.md).
/// </summary>
public static class PackLabels
{
    /// <summary>A folder with a pack.json: what <c>--labels PACK</c> names.</summary>
    public static bool IsPack(string path) =>
        Directory.Exists(path) && File.Exists(Path.Combine(path, PackFormat.InfoFile));

    public static ReferenceLabels Read(string directory)
    {
        PackInfo info = DatasetPack.ReadInfo(directory);
        List<PackEntry> entries = ManifestCsv.Read(Path.Combine(directory, PackFormat.ManifestFile), info.Classes);
        if (entries.Count == 0) throw ChestDxException.ForFile(directory, "the pack holds no images, so no labels");
        var values = new sbyte[info.Classes.Count][];
        for (int c = 0; c < values.Length; c++)
        {
            values[c] = new sbyte[entries.Count];
            for (int r = 0; r < entries.Count; r++)
            {
                float v = entries[r].Labels[c];
                values[c][r] = float.IsNaN(v) ? ReferenceLabels.Unknown : v == 1f ? (sbyte)1 : (sbyte)0;
            }
        }
        return new ReferenceLabels
        {
            Path = directory,
            Kind = LabelSourceKind.Pack,
            Description = $"the labels of dataset pack " +
                          $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(directory))} " +
                          $"({entries.Count} images; blank manifest cells are unknown)",
            Ids = entries.Select(e => e.ImageId).ToList(),
            Classes = info.Classes.ToList(),
            Values = values,
        };
    }
}
