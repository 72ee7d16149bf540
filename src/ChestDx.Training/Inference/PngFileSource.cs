using ChestDx.Core;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace ChestDx.Training.Inference;

/// <summary>
/// PNG files for prediction, normalised here as a stand-in for the ingestion stage's normaliser (which will also read
/// DICOM): decoded to 8-bit grey (colour and RGBA PNGs by luminance), centre-cropped to a square as torchxrayvision's
/// XRayCenterCrop does, and resized to S×S with a triangle (bilinear, antialiased) filter. Keep it in step with
/// ingestion: a model sees at prediction what it saw in its pack. Image ids are the file names, as NIH's "Image Index".
/// </summary>
public sealed class PngFileSource(IReadOnlyList<string> files, int size) : IImageSource
{
    public int Count => files.Count;
    public string Description => $"{files.Count} image file(s)";

    public IEnumerable<SourceImage> Read(CancellationToken cancel)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (string file in files)
        {
            cancel.ThrowIfCancellationRequested();
            string id = Path.GetFileName(file);
            if (!ids.Add(id)) throw ChestDxException.ForFile(file, $"a second file named '{id}': image ids must be unique");
            yield return new SourceImage(id, Load(file, size), size);
        }
    }

    public static byte[] Load(string file, int size)
    {
        if (!File.Exists(file)) throw ChestDxException.ForFile(file, "image file not found");
        if (IsDicom(file))
            throw ChestDxException.ForFile(file, "DICOM input to predict needs the ingestion normaliser: ingest the files into a pack and predict on the pack");
        Image<L8> image;
        try
        {
            image = Image.Load<L8>(file);
        }
        catch (Exception e) when (e is UnknownImageFormatException or InvalidImageContentException or NotSupportedException)
        {
            throw ChestDxException.ForFile(file, $"cannot decode the image ({e.Message})", e);
        }
        using (image)
        {
            int side = Math.Min(image.Width, image.Height);
            image.Mutate(x => x
                .Crop(new Rectangle((image.Width - side) / 2, (image.Height - side) / 2, side, side))
                .Resize(size, size, KnownResamplers.Triangle));
            var pixels = new byte[size * size];
            image.CopyPixelDataTo(pixels);
            return pixels;
        }
    }

    /// <summary>DICOM Part 10: "DICM" at byte 128 (PS3.10 §7.1).</summary>
    private static bool IsDicom(string file)
    {
        Span<byte> head = stackalloc byte[132];
        using var s = File.OpenRead(file);
        return s.ReadAtLeast(head, 132, throwOnEndOfStream: false) == 132 && head[128..].SequenceEqual("DICM"u8);
    }
}
