namespace ChestDx.Dicom.Codecs;

/// <summary>
/// What the bytes of a raw frame are (<c>DicomPixelData.DecodeRawFrame</c>): the Image Pixel module attributes that
/// describe them, which after a codec may differ from the data set's (JPEG YBR_FULL_422 leaves dcmtk's decoder as
/// full-resolution RGB). Rows, Columns, Samples per Pixel and High Bit are always the data set's.
/// </summary>
/// <param name="PhotometricInterpretation">Of the raw samples, e.g. "RGB" after a codec's colour conversion.</param>
/// <param name="PlanarConfiguration">0 colour-by-pixel (every codec's output), 1 colour-by-plane (native only).</param>
/// <param name="BitsAllocated">The container: 1, 8, 12 (packed, native only), 16 or 32 bits.</param>
/// <param name="BitsStored">Stored bits per container, ending at the data set's High Bit.</param>
/// <param name="PixelRepresentation">0 unsigned, 1 two's complement.</param>
/// <param name="IsChromaSubsampled">YBR_*_422 samples stored two luminance per chroma pair (PS3.3 C.7.6.3.1.2);
/// native only: codecs write full-resolution samples.</param>
public sealed record RawFrameFormat(
    string PhotometricInterpretation,
    int PlanarConfiguration,
    int BitsAllocated,
    int BitsStored,
    int PixelRepresentation,
    bool IsChromaSubsampled)
{
    public bool IsSigned => PixelRepresentation == 1;

    /// <summary>
    /// The <see cref="IFrameDecoder"/> contract's output for <paramref name="frame"/>: colour-by-pixel, full
    /// resolution, the data set's bits and signedness, and <paramref name="photometricInterpretation"/> (default: the
    /// data set's, for a codec that converts no colour).
    /// </summary>
    public static RawFrameFormat Decoded(FrameInfo frame, string? photometricInterpretation = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return new RawFrameFormat(photometricInterpretation ?? frame.PhotometricInterpretation, PlanarConfiguration: 0,
            frame.BitsAllocated, frame.BitsStored, frame.PixelRepresentation, IsChromaSubsampled: false);
    }
}
