namespace ChestDx.Core.Packs;

/// <summary>
/// The dataset pack: a directory that holds everything training and prediction need, in formats any language reads.
/// <list type="bullet">
/// <item><c>images.u8</c>: N×S×S unsigned bytes, row-major, image r at byte offset r·S·S; memory-mappable.</item>
/// <item><c>manifest.csv</c>: one row per image, in image order (columns: <see cref="ManifestColumns"/>).</item>
/// <item><c>rejected.csv</c>: every input that did not become an image, with the reason.</item>
/// <item><c>pack.json</c>: schema version, image size, counts and label prevalence per split, creation settings.</item>
/// </list>
/// The format is documented in data-manifests/PACK_FORMAT.md.
/// </summary>
public static class PackFormat
{
    public const int SchemaVersion = 1;

    public const string ImagesFile = "images.u8";
    public const string ManifestFile = "manifest.csv";
    public const string RejectedFile = "rejected.csv";
    public const string InfoFile = "pack.json";

    /// <summary>Conventional split names. Packs may hold others (from a split file); these three are what training uses.</summary>
    public const string Train = "train";
    public const string Val = "val";
    public const string Test = "test";
}

/// <summary>Column names of manifest.csv. Class columns follow <see cref="Sex"/>…<see cref="Age"/>, one per class, named by the NIH token.</summary>
public static class ManifestColumns
{
    public const string Row = "row";
    public const string ImageId = "image_id";
    public const string Source = "source";
    public const string SourceSha256 = "source_sha256";
    public const string Patient = "patient";
    public const string View = "view";
    public const string Sex = "sex";
    public const string Age = "age";
    public const string Split = "split";
}
