using ChestDx.Dicom.Codecs;
using ChestDx.Dicom.Data;

namespace ChestDx.Dicom.Pixels;

/// <summary>
/// The Image Pixel module (PS3.3 C.7.6.3) of a data set, validated: what every frame looks like and how its stored
/// values are to be read. Built once per file; a contradiction (High Bit outside the container, an absurd size) is a
/// <see cref="DicomException"/> here, before any pixel buffer exists.
/// </summary>
public sealed record PixelLayout
{
    public required int Rows { get; init; }
    public required int Columns { get; init; }
    public required int SamplesPerPixel { get; init; }

    /// <summary>
    /// Container size per sample in bits: 1, 8, 16 or 32 (PS3.5 §8.1.1), or 12 for ACR-NEMA 1.0/2.0 packed
    /// single-sample pixels (two containers in three bytes, see <see cref="IsPacked12"/>).
    /// </summary>
    public required int BitsAllocated { get; init; }
    public required int BitsStored { get; init; }
    public required int HighBit { get; init; }

    /// <summary>0 unsigned, 1 two's complement (PS3.3 C.7.6.3.1).</summary>
    public required int PixelRepresentation { get; init; }
    public required string PhotometricInterpretation { get; init; }

    /// <summary>0 colour-by-pixel, 1 colour-by-plane; 0 for single-sample images.</summary>
    public required int PlanarConfiguration { get; init; }
    public required int NumberOfFrames { get; init; }

    public bool IsSigned => PixelRepresentation == 1;

    /// <summary>
    /// ACR-NEMA packed 12-bit containers (Bits Allocated 12, retired from DICOM but read by dcmtk): container k is
    /// bits 12k..12k+11 of the little-endian bit stream, the first in the low 12 bits of the first 16-bit word, as
    /// dcmtk's DiInputPixelTemplate (dcmimgle/diinpxt.h) reads it. Frames follow each other bit for bit.
    /// </summary>
    public bool IsPacked12 => BitsAllocated == 12;
    public bool IsMonochrome => PhotometricInterpretation is "MONOCHROME1" or "MONOCHROME2";

    /// <summary>
    /// YBR_FULL_422 / YBR_PARTIAL_422 native data stores two luminance samples per chroma pair (PS3.3 C.7.6.3.1.2).
    /// </summary>
    public bool IsChromaSubsampled =>
        SamplesPerPixel == 3 && PhotometricInterpretation is "YBR_FULL_422" or "YBR_PARTIAL_422";

    /// <summary>Samples in one frame as stored natively (subsampled YBR stores 2 per pixel rather than 3).</summary>
    public long SamplesPerFrame =>
        IsChromaSubsampled ? (long)Rows * Columns * 2 : (long)Rows * Columns * SamplesPerPixel;

    /// <summary>Bytes of one native frame; 1-bit and packed 12-bit frames are rounded up to whole bytes.</summary>
    public long NativeFrameBytes => BitsAllocated is 1 or 12
        ? (SamplesPerFrame * BitsAllocated + 7) / 8
        : SamplesPerFrame * (BitsAllocated / 8);

    /// <summary>
    /// What a codec is told about a frame (its output is always colour-by-pixel, full-resolution samples).
    /// </summary>
    public FrameInfo ToFrameInfo() =>
        new(Rows, Columns, SamplesPerPixel, BitsAllocated, BitsStored, PixelRepresentation, PhotometricInterpretation,
            PlanarConfiguration);

    /// <summary>Reads and checks the Image Pixel module; <paramref name="path"/> names the file in errors.</summary>
    public static PixelLayout FromDataset(DicomDataset ds, DicomReaderOptions options, string? path)
    {
        int rows = Required(ds, DicomTags.Rows, "Rows", path);
        int columns = Required(ds, DicomTags.Columns, "Columns", path);
        int bitsAllocated = Required(ds, DicomTags.BitsAllocated, "Bits Allocated", path);
        int samples = ds.GetUInt16(DicomTags.SamplesPerPixel) ?? 1;
        int bitsStored = ds.GetUInt16(DicomTags.BitsStored) ?? bitsAllocated;
        int highBit = ds.GetUInt16(DicomTags.HighBit) ?? bitsStored - 1;
        int pixelRepresentation = ds.GetUInt16(DicomTags.PixelRepresentation) ?? 0;
        string photometric = ds.GetString(DicomTags.PhotometricInterpretation)?.Trim().ToUpperInvariant()
            ?? (samples == 1 ? "MONOCHROME2" : "RGB");
        int planar = samples > 1 ? ds.GetUInt16(DicomTags.PlanarConfiguration) ?? 0 : 0;
        int frames = ds.GetInt(DicomTags.NumberOfFrames) ?? 1;

        if (rows == 0 || columns == 0) Fail(path, $"image of {rows} × {columns} pixels has no pixels", DicomTags.Rows);
        if (bitsAllocated == 12 && samples != 1)
            Fail(path, $"Bits Allocated 12 (packed ACR-NEMA pixels) with Samples per Pixel {samples}"
                + $": only single-sample images are packed", DicomTags.BitsAllocated);
        if (bitsAllocated is not (1 or 8 or 12 or 16 or 32))
            Fail(path, $"Bits Allocated {bitsAllocated}"
                + $" is not 1, 8, 16 or 32 (PS3.5 §8.1.1), nor ACR-NEMA's packed 12", DicomTags.BitsAllocated);
        if (bitsStored < 1 || bitsStored > bitsAllocated)
            Fail(path, $"Bits Stored {bitsStored} is outside 1..Bits Allocated ({bitsAllocated})",
                DicomTags.BitsStored);
        // PS3.5 §8.1.1: the stored bits end at High Bit, inside the container.
        if (highBit < bitsStored - 1 || highBit >= bitsAllocated)
            Fail(path, $"High Bit {highBit} does not fit Bits Stored {bitsStored} in a {bitsAllocated}-bit container",
                DicomTags.HighBit);
        if (pixelRepresentation is not (0 or 1))
            Fail(path, $"Pixel Representation {pixelRepresentation} is not 0 or 1", DicomTags.PixelRepresentation);
        if (samples is not (1 or 3 or 4))
            Fail(path, $"Samples per Pixel {samples} is not 1, 3 or 4", DicomTags.SamplesPerPixel);
        if (planar is not (0 or 1))
            Fail(path, $"Planar Configuration {planar} is not 0 or 1", DicomTags.PlanarConfiguration);
        if (frames < 1)
            Fail(path, $"Number of Frames {frames} is not a positive number", DicomTags.NumberOfFrames);
        long total = (long)rows * columns * samples * frames;
        if (total > options.MaxTotalSamples)
            Fail(path, $"{rows} rows × {columns} columns × {samples} samples × {frames} frames = {total}"
                + $" samples exceeds the limit of {options.MaxTotalSamples} (MaxTotalSamples)", DicomTags.Rows);

        return new PixelLayout
        {
            Rows = rows,
            Columns = columns,
            SamplesPerPixel = samples,
            BitsAllocated = bitsAllocated,
            BitsStored = bitsStored,
            HighBit = highBit,
            PixelRepresentation = pixelRepresentation,
            PhotometricInterpretation = photometric,
            PlanarConfiguration = planar,
            NumberOfFrames = frames,
        };
    }

    private static int Required(DicomDataset ds, DicomTag tag, string name, string? path) =>
        ds.GetUInt16(tag)
        ?? throw DicomThrowHelper.Create(path, $"{name} is missing or not a number; the pixels cannot be read", tag);

    private static void Fail(string? path, string problem, DicomTag tag) => DicomThrowHelper.Throw(path, problem, tag);
}
