using ChestDx.Core;
using ChestDx.Imaging.Normalisation;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ChestDx.Imaging.Jpeg;

/// <summary>
/// The managed fallback for JPEG files when libjpeg-turbo is not installed: ImageSharp decodes the whole image to
/// 8-bit grey (a grey JPEG's samples; a colour one's luminance). ImageSharp's IDCT is not libjpeg's integer one, so
/// samples may differ from djpeg's by 1 (measured in the tests).
/// </summary>
public static class ImageSharpJpegDecoder
{
    public static GreyBuffer Decode(ReadOnlySpan<byte> file, string path, ICollection<string> notes)
    {
        try
        {
            using Image<L8> image = Image.Load<L8>(file);
            GreyBuffer grey = GreyBuffer.Rent8(image.Width, image.Height);
            image.CopyPixelDataTo(grey.Bytes);
            notes.Add("JPEG decoded by ImageSharp (libjpeg-turbo not installed)");
            return grey;
        }
        catch (Exception e) when (e is ImageFormatException or UnknownImageFormatException
                                   or InvalidImageContentException or InvalidDataException)
        {
            throw ChestDxException.ForFile(path, $"unreadable JPEG: {e.Message}", e);
        }
    }
}
