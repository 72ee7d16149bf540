using ChestDx.Imaging.Normalisation;

namespace ChestDx.Imaging.Png;

/// <summary>
/// A PNG whose header has been read and whose pixels are decoded when <see cref="WriteTo"/> runs: by rows through
/// <see cref="GreyPngDecoder"/> when it applies, else whole through ImageSharp (interlaced, palette, 1/2/4-bit grey),
/// which needs the image several times over and is what <see cref="WorkingBytes"/> then reports.
/// </summary>
public sealed class PngRows(ReadOnlyMemory<byte> file, PngHeader header, string path, ICollection<string> notes)
    : GreyRows
{
    private bool _written;

    public PngHeader Header => header;

    public bool FastPath => GreyPngDecoder.Supports(header);

    public override int Width => header.Width;
    public override int Height => header.Height;

    public override long WorkingBytes => FastPath ? GreyPngDecoder.WorkingBytes(header, file.Length)
        : ImageSharpPngDecoder.WorkingBytes(header);

    public override string Decoding => FastPath
        ? "PNG decoded by rows"
        : $"PNG decoded whole by ImageSharp ({(header.Interlaced ? "interlaced"
            : header.ColourType == PngColourType.Palette ? "palette"
            : $"{header.BitDepth}-bit {header.ColourName}")})";

    public override void WriteTo(IGreyRowSink sink)
    {
        if (_written) throw new InvalidOperationException("the rows of a PNG are written once");
        _written = true;
        if (FastPath)
        {
            GreyPngDecoder.Stream(file.Span, header, path, sink, notes);
            return;
        }
        using GreyBuffer image = ImageSharpPngDecoder.Decode(file.Span, header, path, notes);
        image.WriteTo(sink);
    }
}
