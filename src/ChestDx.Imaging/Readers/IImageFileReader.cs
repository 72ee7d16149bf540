using ChestDx.Imaging.Normalisation;

namespace ChestDx.Imaging.Readers;

/// <summary>
/// Decodes one kind of image file into grey samples and the facts the manifest records. The pipeline reads the
/// file, hashes it (SHA-256) and then asks each registered reader in turn whether it recognises the bytes; the first
/// that does decodes them. PNG is built in (<see cref="PngFileReader"/>); the DICOM adapter plugs in here.
/// Readers are stateless and called from several threads at once.
/// </summary>
public interface IImageFileReader
{
    /// <summary>The src_format word: "png", "dicom".</summary>
    string Format { get; }

    /// <summary>Whether this reader handles the file, from its first bytes (and name,
    /// for formats without magic).</summary>
    bool CanRead(ReadOnlySpan<byte> head, string relativePath);

    /// <summary>
    /// Reads the file's header; the pixels are decoded when the result's <see cref="DecodedSource.Pixels"/> are
    /// written, so that <see cref="GreyRows.WorkingBytes"/> can be checked against the memory budget first.
    /// <paramref name="contents"/> stays valid until the result is disposed. Bad or unsupported content throws
    /// ChestDxException (or DicomException) with <paramref name="displayPath"/> as the file name, here or while the
    /// rows are written; the pipeline turns it into a rejected.csv row.
    /// </summary>
    DecodedSource Read(ReadOnlyMemory<byte> contents, string displayPath);
}

/// <summary>What a reader returns. The pipeline owns it and disposes the pixels.</summary>
/// <param name="Pixels">Display-ready grey samples, decoded on demand by rows: 0 black … MaxValue white (VOI applied,
/// MONOCHROME1 inverted).</param>
/// <param name="Identity">Identifiers from the file's own header (DICOM), in clear: the pipeline pseudonymises them and
/// never writes or logs them. Null for formats without a header (PNG).</param>
/// <param name="Notes">What the reader changed or noticed (e.g. colour converted), for the manifest's notes column;
/// complete only after the pixels have been written.</param>
public sealed record DecodedSource(GreyRows Pixels, SourceImageInfo Info, HeaderIdentity? Identity,
    IReadOnlyList<string> Notes) : IDisposable
{
    public void Dispose() => Pixels.Dispose();
}

/// <summary>Facts about the source image for the manifest (see ManifestColumns for each column).</summary>
/// <param name="Colour">PNG colour type word or DICOM Photometric Interpretation.</param>
/// <param name="PixelSpacing">"row\col" in mm as the file states it, or null.</param>
public sealed record SourceImageInfo(string Format, int Width, int Height, int BitDepth, string Colour,
    string? Manufacturer = null, string? PixelSpacing = null);

/// <summary>
/// Identifiers and demographics read from the file itself (DICOM). Clear values: they are pseudonymised or reduced
/// before anything is written. A labels row, where present, takes precedence over these.
/// </summary>
/// <param name="ImageUid">SOP Instance UID: becomes the image id as a keyed pseudonym (UIDs identify studies).</param>
/// <param name="PatientId">Patient ID (0010,0020): becomes a keyed pseudonym.</param>
/// <param name="View">View Position (0018,5101), e.g. PA, AP, LL.</param>
/// <param name="Sex">Patient's Sex (0010,0040): M, F or O.</param>
/// <param name="Age">Age in whole years, from Patient's Age (0010,1010) or computed by the adapter;
/// never a birth date.</param>
public sealed record HeaderIdentity(string? ImageUid, string? PatientId, string? View, string? Sex, int? Age);
