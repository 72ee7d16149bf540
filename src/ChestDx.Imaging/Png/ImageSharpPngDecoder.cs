using ChestDx.Core;
using ChestDx.Imaging.Normalisation;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ChestDx.Imaging.Png;

/// <summary>
/// The general PNG path (interlaced, 1/2/4-bit grey, palette, grey+alpha, RGB, RGBA)
/// through ImageSharp, single-threaded per image because ingestion already runs one image per core.
/// Colour becomes grey by <see cref="GreyConversion"/>.
/// </summary>
public static class ImageSharpPngDecoder
{
    // A private copy: changing Configuration.Default would be a process-wide side effect.
    private static readonly Configuration Config = CreateConfig();

    private static Configuration CreateConfig()
    {
        Configuration config = Configuration.Default.Clone();
        config.MaxDegreeOfParallelism = 1;
        return config;
    }

    /// <summary>
    /// Bytes a decode holds at its peak (an estimate from the header): ImageSharp's image in the pixel type below, the
    /// copy colour conversion reads, and the grey result.
    /// </summary>
    public static long WorkingBytes(PngHeader header)
    {
        long pixels = (long)header.Width * header.Height;
        return header switch
        {
            { ColourType: PngColourType.Grey, BitDepth: 16 } => pixels * (2 + 2),
            { ColourType: PngColourType.Grey } => pixels * (1 + 1),
            { BitDepth: 16 } => pixels * (8 + 8 + 2),
            _ => pixels * (4 + 4 + 1),
        };
    }

    public static GreyBuffer Decode(ReadOnlySpan<byte> file, PngHeader header, string path, ICollection<string> notes)
    {
        try
        {
            return header switch
            {
                { ColourType: PngColourType.Grey, BitDepth: 16 } => DecodeGrey16(file),
                { ColourType: PngColourType.Grey } => DecodeGrey8(file),
                { BitDepth: 16 } => DecodeColour16(file, notes),
                _ => DecodeColour8(file, notes),
            };
        }
        catch (Exception e) when (e is ImageFormatException or UnknownImageFormatException
                                   or InvalidImageContentException or InvalidDataException)
        {
            throw ChestDxException.ForFile(path, $"unreadable PNG: {e.Message}", e);
        }
    }

    private static GreyBuffer DecodeGrey8(ReadOnlySpan<byte> file)
    {
        using Image<L8> image = Image.Load<L8>(Config, file);
        GreyBuffer grey = GreyBuffer.Rent8(image.Width, image.Height);
        image.CopyPixelDataTo(grey.Bytes);
        return grey;
    }

    private static GreyBuffer DecodeGrey16(ReadOnlySpan<byte> file)
    {
        using Image<L16> image = Image.Load<L16>(Config, file);
        GreyBuffer grey = GreyBuffer.Rent16(image.Width, image.Height, ushort.MaxValue);
        image.CopyPixelDataTo(System.Runtime.InteropServices.MemoryMarshal.Cast<ushort, L16>(grey.Words));
        return grey;
    }

    private static GreyBuffer DecodeColour8(ReadOnlySpan<byte> file, ICollection<string> notes)
    {
        using Image<Rgba32> image = Image.Load<Rgba32>(Config, file);
        GreyBuffer grey = GreyBuffer.Rent8(image.Width, image.Height);
        var rgba = new Rgba32[image.Width * image.Height];
        image.CopyPixelDataTo(rgba);
        GreyConversion.ToGrey(rgba, grey.Bytes, notes);
        return grey;
    }

    private static GreyBuffer DecodeColour16(ReadOnlySpan<byte> file, ICollection<string> notes)
    {
        using Image<Rgba64> image = Image.Load<Rgba64>(Config, file);
        GreyBuffer grey = GreyBuffer.Rent16(image.Width, image.Height, ushort.MaxValue);
        var rgba = new Rgba64[image.Width * image.Height];
        image.CopyPixelDataTo(rgba);
        GreyConversion.ToGrey(rgba, grey.Words, notes);
        return grey;
    }
}
