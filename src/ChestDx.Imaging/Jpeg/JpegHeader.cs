using ChestDx.Core;
using ChestDx.Dicom;
using ChestDx.Dicom.Codecs.JpegTurbo;
using SixLabors.ImageSharp;

namespace ChestDx.Imaging.Jpeg;

/// <summary>
/// What the manifest records of a JPEG file before decoding: size and component count. Read by libjpeg-turbo when it
/// is installed (<see cref="Turbo"/>), else by ImageSharp's header parser.
/// </summary>
public sealed record JpegHeader(int Width, int Height, int Components, TurboJpegHeader? Turbo)
{
    /// <summary>The SOI marker every JPEG file starts with (T.81 B.1.1.3), followed by another marker's 0xFF.</summary>
    public static bool HasSignature(ReadOnlySpan<byte> head) =>
        head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF;

    public string ColourName => Components == 1 ? "grey" : Components == 4 ? "cmyk" : "colour";

    public static JpegHeader Read(ReadOnlySpan<byte> file, string path)
    {
        if (TurboJpegDecoder.IsAvailable)
        {
            try
            {
                TurboJpegHeader h = TurboJpegDecoder.ReadHeader(file, path);
                return new JpegHeader(h.Width, h.Height, h.Components, h);
            }
            catch (DicomException e)
            {
                throw new ChestDxException(e.Message, e);
            }
        }
        try
        {
            IImageInfo info = Image.Identify(file.ToArray())
                ?? throw ChestDxException.ForFile(path, "unreadable JPEG: no frame header");
            int components = info.PixelType.BitsPerPixel switch { 8 => 1, 32 => 4, _ => 3 };
            return new JpegHeader(info.Width, info.Height, components, null);
        }
        catch (Exception e) when (e is ImageFormatException or UnknownImageFormatException
                                   or InvalidImageContentException or InvalidDataException)
        {
            throw ChestDxException.ForFile(path, $"unreadable JPEG: {e.Message}", e);
        }
    }
}
