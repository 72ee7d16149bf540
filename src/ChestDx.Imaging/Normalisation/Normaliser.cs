using ChestDx.Core.Packs;

namespace ChestDx.Imaging.Normalisation;

/// <summary>Turns a decoded grey image of any size into the S×S 8-bit image a pack stores.</summary>
public static class Normaliser
{
    /// <summary>Pack sizes ingestion accepts: 224 (CheXNet's input), 256 (resize-then-crop-224 recipes),
    /// 512 (CheXNeXt).</summary>
    public static IReadOnlyList<int> AllowedSizes { get; } = [224, 256, 512];

    /// <summary>Writes the S×S image into <paramref name="destination"/> (length S·S).</summary>
    public static void Normalise(GreyBuffer image, int size, AspectMode aspect, Span<byte> destination)
    {
        if (destination.Length != size * size)
            throw new ArgumentException($"destination must hold {size}×{size} bytes", nameof(destination));
        (Rect source, Rect target) = Geometry(image.Width, image.Height, size, aspect);
        if (target.Width != size || target.Height != size) destination.Clear();
        Resampler.Resample(image, source, destination, size, target);
    }

    /// <summary>Which source rectangle maps onto which rectangle of the S×S image.</summary>
    public static (Rect Source, Rect Target) Geometry(int width, int height, int size, AspectMode aspect)
    {
        if (aspect == AspectMode.Crop)
        {
            int side = Math.Min(width, height);
            return (new Rect((width - side) / 2, (height - side) / 2, side, side), new Rect(0, 0, size, size));
        }
        // Pad: the long side becomes S, the short side keeps the aspect ratio (rounded half up, at least 1 pixel).
        int w = width >= height ? size : Math.Max(1, (int)Math.Floor((double)width * size / height + 0.5));
        int h = height >= width ? size : Math.Max(1, (int)Math.Floor((double)height * size / width + 0.5));
        return (new Rect(0, 0, width, height), new Rect((size - w) / 2, (size - h) / 2, w, h));
    }
}
