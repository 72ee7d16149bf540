using ChestDx.Dicom.Data;

namespace ChestDx.Dicom.Codecs;

/// <summary>
/// Decodes one compressed frame (the bytes of an encapsulated Pixel Data frame, fragments already joined) into the
/// native layout PS3.5 §8.1 describes for uncompressed data, so everything after decoding is shared:
/// samples little-endian in a Bits Allocated container (1 byte for 8, 2 for 16, 4 for 32), colour-by-pixel
/// (Planar Configuration 0), stored values untouched: no masking, no sign extension, no LUT. That is the layout of
/// dcmtk's decompressed Pixel Data and of the reference files in tests/data/dicom/generated/refs. What the output
/// is in Image Pixel terms (Photometric Interpretation after a colour conversion, …) the decoder states in
/// <see cref="DecodedFormat"/>; the reader describes decoded frames with it.
/// </summary>
public interface IFrameDecoder
{
    /// <summary>Transfer syntaxes this decoder handles: members of the <see cref="TransferSyntax"/> registry.</summary>
    IReadOnlyList<TransferSyntax> TransferSyntaxes { get; }

    /// <summary>
    /// What <see cref="Decode"/> writes for a frame described by <paramref name="frame"/>. Within the contract above
    /// (colour-by-pixel, full resolution, the Bits Allocated container); usually
    /// <see cref="RawFrameFormat.Decoded(FrameInfo, string?)"/>.
    /// </summary>
    RawFrameFormat DecodedFormat(FrameInfo frame);

    /// <summary>
    /// Decodes <paramref name="compressed"/> into <paramref name="destination"/>, which holds exactly
    /// Rows × Columns × SamplesPerPixel × (BitsAllocated / 8) bytes. Throws <see cref="DicomException"/> for a
    /// broken or mismatched codestream (dimensions, component count or precision that contradict the dataset).
    /// </summary>
    void Decode(ReadOnlySpan<byte> compressed, FrameInfo frame, Span<byte> destination);
}

/// <summary>What the dataset says about a frame; codecs check the codestream against it.</summary>
/// <param name="PixelRepresentation">0 unsigned, 1 two's complement.</param>
/// <param name="PhotometricInterpretation">e.g. MONOCHROME1, MONOCHROME2, RGB, YBR_FULL_422, as in the dataset.</param>
public sealed record FrameInfo(
    int Rows,
    int Columns,
    int SamplesPerPixel,
    int BitsAllocated,
    int BitsStored,
    int PixelRepresentation,
    string PhotometricInterpretation,
    int PlanarConfiguration)
{
    public int BytesPerSample => BitsAllocated / 8;
    public long FrameLength => (long)Rows * Columns * SamplesPerPixel * BytesPerSample;
}
