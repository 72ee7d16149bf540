using ChestDx.Core;
using ChestDx.Imaging.Normalisation;
using ChestDx.Imaging.Png;

namespace ChestDx.Fuzz.Targets;

/// <summary>
/// Fuzz target of ingestion's fast PNG path, <see cref="GreyPngDecoder"/> (chunk walk, CRC, inflate, un-filtering,
/// colour to grey), called directly; <see cref="ChestDxException"/> is the one allowed exception.
/// </summary>
public static class PngTarget
{
    public const string Name = "png";

    /// <summary>
    /// Images whose decode buffers exceed this are skipped, as a per-image memory budget in ingestion would refuse
    /// them; 16 MiB keeps the fuzzer's executions fast (a 4096² 8-bit image).
    /// </summary>
    public const long MaxImageBytes = 1 << 24;

    public static Exception? Png(byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        // The joined IDAT copy (pool-rented, so rounded up to a power of two) and the filtered and grey buffers.
        long bound = (1 << 20) + 4L * input.Length + 2 * MaxImageBytes;
        return FuzzInvariant.Check<ChestDxException>(Name, bound, () =>
        {
            PngHeader header = PngHeader.Read(input, "fuzz.png");
            if (!GreyPngDecoder.Supports(header)) return;
            long filtered = (long)header.Height * (header.Width * (long)header.Channels * header.BitDepth / 8 + 1);
            long grey = (long)header.Width * header.Height * (header.BitDepth == 16 ? 2 : 1);
            if (filtered + grey > MaxImageBytes) return;
            using GreyBuffer image = GreyPngDecoder.Decode(input, header, "fuzz.png", new List<string>());
        });
    }
}
