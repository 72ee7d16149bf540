using ChestDx.Core;
using ChestDx.Imaging.Normalisation;
using ChestDx.Imaging.Png;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ChestDx.Imaging.Readers;

/// <summary>
/// JPEG files (CheXpert, MIMIC-CXR-JPG) through ImageSharp, decoded whole and single-threaded per image (ingestion
/// runs one image per core). A colour JPEG becomes grey by <see cref="GreyConversion"/>, as colour PNGs do; a grey one
/// (every CheXpert and MIMIC-CXR-JPG image) is its luminance exactly. Not among
/// <see cref="ImageLoadSettings.DefaultReaders"/>: `chestdx ingest` adds it (issue 15 item 3 brings the libjpeg-turbo
/// path, with this as its fallback).
/// </summary>
public sealed class JpegFileReader : IImageFileReader
{
    public static JpegFileReader Instance { get; } = new();

    private static readonly Configuration Config = CreateConfig();

    private static Configuration CreateConfig()
    {
        Configuration config = Configuration.Default.Clone();
        config.MaxDegreeOfParallelism = 1;
        return config;
    }

    public string Format => "jpeg";

    /// <summary>The SOI marker followed by the start of another marker (ITU-T T.81 B.1.1.3).</summary>
    public bool CanRead(ReadOnlySpan<byte> head, string relativePath) =>
        head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF;

    public DecodedSource Read(ReadOnlyMemory<byte> contents, string displayPath)
    {
        var notes = new List<string>();
        GreyBuffer grey;
        try
        {
            using Image<Rgba32> image = Image.Load<Rgba32>(Config, contents.Span);
            grey = GreyBuffer.Rent8(image.Width, image.Height);
            var rgba = new Rgba32[image.Width * image.Height];
            image.CopyPixelDataTo(rgba);
            GreyConversion.ToGrey(rgba, grey.Bytes, notes);
        }
        catch (Exception e) when (e is ImageFormatException or UnknownImageFormatException
                                   or InvalidImageContentException or InvalidDataException)
        {
            throw ChestDxException.ForFile(displayPath, $"unreadable JPEG: {e.Message}", e);
        }
        string colour = notes.Count == 0 ? "grey" : "colour";
        return new DecodedSource(grey, new SourceImageInfo(Format, grey.Width, grey.Height, 8, colour), null, notes);
    }
}
