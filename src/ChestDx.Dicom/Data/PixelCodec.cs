namespace ChestDx.Dicom.Data;

/// <summary>
/// The ChestDx codec that decodes a transfer syntax's encapsulated Pixel Data (<c>Codecs/</c>, one folder each).
/// <see cref="None"/> for native syntaxes, which need no codec, and for encapsulated ones ChestDx ships no decoder
/// for (those fail with "unsupported transfer syntax").
/// </summary>
public enum PixelCodec
{
    None,
    Rle,
    JpegLossless,
    JpegDct,
    JpegLs,
    Jpeg2000,
}
