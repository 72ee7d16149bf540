namespace ChestDx.Core.Packs;

/// <summary>
/// The dataset pack: a directory that holds everything training and prediction need, in formats any language reads.
/// <list type="bullet">
/// <item><c>images.u8</c>: N×S×S unsigned bytes, row-major, image r at byte offset r·S·S; memory-mappable.</item>
/// <item><c>manifest.csv</c>: one row per image, in image order (columns: <see cref="ManifestColumns"/>).</item>
/// <item><c>rejected.csv</c>: every input that did not become an image, with the reason.</item>
/// <item><c>labels-without-image.csv</c>: labels rows no source file matched, when there are any.</item>
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

    /// <summary>Labels rows that no source file matched (not inputs); present only when there are any.</summary>
    public const string LabelsWithoutImageFile = "labels-without-image.csv";

    /// <summary>Conventional split names. Packs may hold others (from a split file);
    /// these three are what training uses.</summary>
    public const string Train = "train";
    public const string Val = "val";
    public const string Test = "test";
}

/// <summary>
/// Column names of manifest.csv. The required columns come first (row…age), then one column per class named by the
/// NIH token, then split, then the provenance and statistics columns in <see cref="Provenance"/> order. Readers find
/// columns by name; only the required ones must be present (packs written by tests or older tools may lack the rest).
/// </summary>
public static class ManifestColumns
{
    public const string Row = "row";
    public const string ImageId = "image_id";
    public const string Patient = "patient";
    public const string View = "view";
    public const string Sex = "sex";
    public const string Age = "age";
    public const string Split = "split";

    /// <summary>Source file path relative to the source root, '/'-separated (or its keyed pseudonym).</summary>
    public const string Source = "source";
    /// <summary>SHA-256 of the source file's bytes, lower-case hex: proves which file became this row.</summary>
    public const string SourceSha256 = "source_sha256";
    /// <summary>"png" or "dicom".</summary>
    public const string SourceFormat = "src_format";
    public const string SourceWidth = "src_width";
    public const string SourceHeight = "src_height";
    /// <summary>Bits per sample of the source (PNG bit depth, DICOM Bits Stored).</summary>
    public const string SourceBitDepth = "src_bit_depth";
    /// <summary>PNG colour type as a word (grey, grey+alpha, rgb, rgba, palette)
    /// or DICOM Photometric Interpretation.</summary>
    public const string SourceColour = "src_colour";
    public const string Manufacturer = "manufacturer";
    /// <summary>Row\column spacing in mm as the source states it (DICOM Pixel Spacing); blank when unknown.</summary>
    public const string PixelSpacing = "pixel_spacing";
    /// <summary>Grey statistics of the source image before resampling,
    /// as fractions of full scale (value / max).</summary>
    public const string SourceMean = "src_mean";
    public const string SourceStd = "src_std";
    public const string SourceP01 = "src_p01";
    public const string SourceP50 = "src_p50";
    public const string SourceP99 = "src_p99";
    /// <summary>Mean and standard deviation of the pack image (0–255).</summary>
    public const string OutMean = "out_mean";
    public const string OutStd = "out_std";
    /// <summary>SHA-256 of the S×S bytes of this row in images.u8: `chestdx pack verify` re-checks it.</summary>
    public const string PixelsSha256 = "pixels_sha256";
    /// <summary>What ingestion changed or noticed about this image (e.g. an impossible age
    /// blanked), ';'-separated.</summary>
    public const string Notes = "notes";

    /// <summary>The columns after split, in the order ingestion writes them.</summary>
    public static IReadOnlyList<string> Provenance { get; } =
    [
        Source, SourceSha256, SourceFormat, SourceWidth, SourceHeight, SourceBitDepth, SourceColour, Manufacturer,
        PixelSpacing, SourceMean, SourceStd, SourceP01, SourceP50, SourceP99, OutMean, OutStd, PixelsSha256, Notes,
    ];
}

/// <summary>Column names of rejected.csv: one row per input that did not become an image.</summary>
public static class RejectedColumns
{
    /// <summary>The source file relative to the source root,
    /// or "LABELS:line N" for a labels row without an image.</summary>
    public const string Source = "source";
    public const string Reason = "reason";
}
