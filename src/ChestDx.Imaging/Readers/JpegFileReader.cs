using ChestDx.Imaging.Jpeg;

namespace ChestDx.Imaging.Readers;

/// <summary>
/// JPEG files (CheXpert, MIMIC-CXR-JPG, PadChest exports): libjpeg-turbo with DCT-domain downscaling when installed,
/// ImageSharp otherwise (<see cref="JpegRows"/>).
/// </summary>
public sealed class JpegFileReader : IImageFileReader
{
    public static JpegFileReader Instance { get; } = new();

    public string Format => "jpeg";

    public bool CanRead(ReadOnlySpan<byte> head, string relativePath) => JpegHeader.HasSignature(head);

    public DecodedSource Read(ReadOnlyMemory<byte> contents, string displayPath)
    {
        var notes = new List<string>();
        JpegHeader header = JpegHeader.Read(contents.Span, displayPath);
        return new DecodedSource(new JpegRows(contents, header, displayPath, notes),
            new SourceImageInfo(Format, header.Width, header.Height, 8, header.ColourName), null, notes);
    }
}
