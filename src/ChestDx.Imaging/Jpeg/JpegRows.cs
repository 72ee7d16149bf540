using ChestDx.Core;
using ChestDx.Dicom;
using ChestDx.Dicom.Codecs.JpegTurbo;
using ChestDx.Imaging.Normalisation;

namespace ChestDx.Imaging.Jpeg;

/// <summary>
/// A JPEG file whose header has been read and whose pixels are decoded when <see cref="WriteTo"/> runs. With
/// libjpeg-turbo (<see cref="TurboJpegDecoder"/>) the decode is scaled in the DCT domain to the smallest scale whose
/// output still covers the pack image (a sink that is an <see cref="IDownscalableSink"/> says what covers it); without
/// it, ImageSharp decodes at full size (<see cref="ImageSharpJpegDecoder"/>). The two differ: a DCT-scaled decode is
/// not a full decode followed by ChestDx's area resampling, so the notes say which one made the image.
/// </summary>
public sealed class JpegRows(ReadOnlyMemory<byte> file, JpegHeader header, string path, ICollection<string> notes)
    : GreyRows
{
    private bool _written;

    public override int Width => header.Width;
    public override int Height => header.Height;

    // The full-size grey image bounds a turbo decode; ImageSharp holds its decoded image and a grey copy.
    public override long WorkingBytes => (long)Width * Height * (TurboJpegDecoder.IsAvailable ? 1 : 2);

    public override string Decoding => TurboJpegDecoder.IsAvailable
        ? "JPEG decoded whole by libjpeg-turbo (scaled in the DCT domain)"
        : "JPEG decoded whole by ImageSharp";

    public override void WriteTo(IGreyRowSink sink)
    {
        if (_written) throw new InvalidOperationException("the rows of a JPEG are written once");
        _written = true;
        using GreyBuffer image = TurboJpegDecoder.IsAvailable
            ? DecodeWithTurbo(sink)
            : ImageSharpJpegDecoder.Decode(file.Span, path, notes);
        image.WriteTo(sink);
    }

    private GreyBuffer DecodeWithTurbo(IGreyRowSink sink)
    {
        TurboJpegHeader turbo = header.Turbo!;
        ScalingFactor scale = sink is IDownscalableSink scalable
            ? TurboJpegDecoder.ChooseScale(Width, Height, (w, h) => scalable.AcceptsScaled(Width, Height, w, h))
            : new ScalingFactor(1, 1);
        GreyBuffer image = GreyBuffer.Rent8(scale.Scale(Width), scale.Scale(Height));
        try
        {
            TurboJpegDecoder.DecodeGrey(file.Span, turbo, scale, image.Bytes, path);
        }
        catch (DicomException e)
        {
            image.Dispose();
            throw new ChestDxException(e.Message, e);
        }
        catch
        {
            image.Dispose();
            throw;
        }
        notes.Add(scale.Num == scale.Denom
            ? "JPEG decoded by libjpeg-turbo"
            : $"JPEG decoded by libjpeg-turbo at {scale} scale (DCT domain)");
        if (turbo.Components != 1) notes.Add("colour JPEG: luma (Y) kept");
        return image;
    }
}
