namespace ChestDx.Dicom;

/// <summary>How much malformation the reader tolerates (after ImageSharp's SegmentIntegrityHandling).</summary>
public enum DicomStrictness
{
    /// <summary>
    /// Carry on where dcmtk carries on, and record a <see cref="Data.DicomWarning"/> for each leniency: missing or
    /// wrong file meta, a transfer syntax that contradicts the data, odd value lengths, trailing padding, stray
    /// delimiters, duplicate tags, a missing sequence delimiter at the end of encapsulated pixel data, truncated
    /// Pixel Data (decoding the missing frames still fails).
    /// </summary>
    Lenient,

    /// <summary>
    /// Any deviation from PS3.5/PS3.10 that lenient mode would warn about is a <see cref="DicomException"/>.
    /// </summary>
    Strict,
}

/// <summary>
/// Options for <see cref="DicomReader"/>. Immutable; every default is chosen for chest radiographs from hospital
/// archives and documented here. The limits exist so that a malformed or hostile file fails fast with a
/// <see cref="DicomException"/> instead of hanging or exhausting memory.
/// </summary>
public sealed record DicomReaderOptions
{
    /// <summary>Lenient, as dcmtk and pydicom read by default.</summary>
    public static DicomReaderOptions Default { get; } = new();

    /// <summary>Defaults to <see cref="DicomStrictness.Lenient"/>.</summary>
    public DicomStrictness Strictness { get; init; } = DicomStrictness.Lenient;

    /// <summary>
    /// Stop at the first top-level element of group 7FE0 (Pixel Data and what follows it): a fast header scan.
    /// <see cref="DicomReader.ReadHeader"/> sets it and reads only as much of the file as the header needs.
    /// Defaults to false.
    /// </summary>
    public bool StopBeforePixels { get; init; }

    /// <summary>Deepest sequence nesting accepted; real objects nest a handful deep. Defaults to 64.</summary>
    public int MaxSequenceDepth
    {
        get;
        init => field = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxSequenceDepth), value, "must be at least 1");
    } = 64;

    /// <summary>
    /// Largest inflated data set accepted from a Deflated transfer syntax file (a deflate bomb guard). Defaults to
    /// 1 GiB.
    /// </summary>
    public long MaxInflatedBytes
    {
        get;
        init => field = value >= 1 && value <= Array.MaxLength
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxInflatedBytes), value, $"must be 1..{Array.MaxLength}");
    } = 1L << 30;

    /// <summary>
    /// Largest Rows × Columns × Samples per Pixel × Number of Frames accepted before any pixel buffer is allocated.
    /// A 43 × 43 cm detector at 0.1 mm is ~18.5 M samples; the default, 2^30 (1 Gi samples), leaves room for large
    /// multi-frame objects while refusing absurd headers (65535 × 65535 × 2^31 frames).
    /// </summary>
    public long MaxTotalSamples
    {
        get;
        init => field = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxTotalSamples), value, "must be positive");
    } = 1L << 30;

    /// <summary>
    /// Warnings kept per file; beyond it one summary warning says how many were dropped. Defaults to 100.
    /// </summary>
    public int MaxWarnings { get; init; } = 100;
}
