using ChestDx.Imaging.Normalisation;

namespace ChestDx.Imaging.Png;

/// <summary>A decoded PNG: grey samples plus what the manifest records about the source.</summary>
public sealed record DecodedPng(GreyBuffer Pixels, PngHeader Header, bool FastPath);

/// <summary>Chooses the decoder: <see cref="GreyPngDecoder"/> when it applies, ImageSharp otherwise (interlaced,
/// palette, 1/2/4-bit grey, 16-bit colour).</summary>
public static class PngImageDecoder
{
    /// <summary>Reads the header only; the pixels are decoded when the result's rows are written.</summary>
    public static PngRows Open(ReadOnlyMemory<byte> file, string path, ICollection<string> notes) =>
        new(file, PngHeader.Read(file.Span, path), path, notes);

    public static DecodedPng Decode(ReadOnlySpan<byte> file, string path, ICollection<string> notes)
    {
        PngHeader header = PngHeader.Read(file, path);
        return GreyPngDecoder.Supports(header)
            ? new DecodedPng(GreyPngDecoder.Decode(file, header, path, notes), header, FastPath: true)
            : new DecodedPng(ImageSharpPngDecoder.Decode(file, header, path, notes), header, FastPath: false);
    }
}
