using ChestDx.Imaging.Png;

namespace ChestDx.Imaging.Readers;

/// <summary>PNG files (NIH ChestX-ray14, `chestdx synth` phantoms, exported images):
/// fast grey path or ImageSharp.</summary>
public sealed class PngFileReader : IImageFileReader
{
    public static PngFileReader Instance { get; } = new();

    public string Format => "png";

    public bool CanRead(ReadOnlySpan<byte> head, string relativePath) => PngHeader.HasSignature(head);

    public DecodedSource Read(ReadOnlyMemory<byte> contents, string displayPath)
    {
        var notes = new List<string>();
        PngRows png = PngImageDecoder.Open(contents, displayPath, notes);
        PngHeader h = png.Header;
        return new DecodedSource(
            png, new SourceImageInfo(Format, h.Width, h.Height, h.BitDepth, h.ColourName), null, notes);
    }
}
