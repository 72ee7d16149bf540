using ChestDx.Core;
using ChestDx.Imaging.Normalisation;
using ChestDx.Imaging.Png;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ChestDx.Imaging.Jpeg;

/// <summary>
/// The managed fallback for JPEG files when libjpeg-turbo is not installed: ImageSharp decodes the whole image,
/// single-threaded per image (ingestion already runs one image per core). A grey JPEG (every CheXpert and
/// MIMIC-CXR-JPG image) gives its samples; a colour one becomes grey by <see cref="GreyConversion"/>, as colour PNGs
/// do — the BT.601 weights JPEG's own Y uses. ImageSharp's IDCT is not libjpeg's integer one, so samples may differ
/// from djpeg's by 1 (measured in the tests).
/// </summary>
public static class ImageSharpJpegDecoder
{
    private static readonly Configuration Config = CreateConfig();

    public static GreyBuffer Decode(ReadOnlySpan<byte> file, string path, ICollection<string> notes)
    {
        try
        {
            using Image image = Image.Load(Config, file);
            GreyBuffer grey = GreyBuffer.Rent8(image.Width, image.Height);
            if (image is Image<L8> l8)
            {
                l8.CopyPixelDataTo(grey.Bytes);
            }
            else
            {
                using Image<Rgba32> rgba = image.CloneAs<Rgba32>();
                var pixels = new Rgba32[image.Width * image.Height];
                rgba.CopyPixelDataTo(pixels);
                GreyConversion.ToGrey(pixels, grey.Bytes, notes);
            }
            notes.Add("JPEG decoded by ImageSharp (libjpeg-turbo not installed)");
            return grey;
        }
        catch (Exception e) when (e is ImageFormatException or UnknownImageFormatException
                                   or InvalidImageContentException or InvalidDataException)
        {
            throw ChestDxException.ForFile(path, $"unreadable JPEG: {e.Message}", e);
        }
    }

    private static Configuration CreateConfig()
    {
        Configuration config = Configuration.Default.Clone();
        config.MaxDegreeOfParallelism = 1;
        return config;
    }
}
