using ChestDx.Phantoms.Rendering;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace ChestDx.Phantoms.Output;

/// <summary>
/// Encodes phantoms as greyscale PNGs (colour type 0) at 8 or 16 bits, like ChestX-ray14's files. ImageSharp's PNG
/// encoder and its deflater are managed code with fixed settings here, so the bytes are the same on every machine;
/// no metadata chunks are written (nothing but the pixels can carry information).
/// </summary>
public static class PhantomPng
{
    private static readonly PngEncoder Encoder8 = Create(PngBitDepth.Bit8);
    private static readonly PngEncoder Encoder16 = Create(PngBitDepth.Bit16);

    public static void Write(PhantomImage image, Stream stream)
    {
        if (image.Bits == 8)
        {
            var bytes = new byte[image.Pixels.Length];
            for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)image.Pixels[i];
            using Image<L8> png = Image.LoadPixelData<L8>(bytes, image.Size, image.Size);
            png.SaveAsPng(stream, Encoder8);
        }
        else
        {
            var pixels = new L16[image.Pixels.Length];
            for (int i = 0; i < pixels.Length; i++) pixels[i] = new L16(image.Pixels[i]);
            using Image<L16> png = Image.LoadPixelData<L16>(pixels, image.Size, image.Size);
            png.SaveAsPng(stream, Encoder16);
        }
    }

    public static byte[] Encode(PhantomImage image)
    {
        using var stream = new MemoryStream();
        Write(image, stream);
        return stream.ToArray();
    }

    private static PngEncoder Create(PngBitDepth depth) => new()
    {
        ColorType = PngColorType.Grayscale,
        BitDepth = depth,
        CompressionLevel = PngCompressionLevel.DefaultCompression,
        FilterMethod = PngFilterMethod.Adaptive,
        InterlaceMethod = PngInterlaceMode.None,
        ChunkFilter = PngChunkFilter.ExcludeAll,
        IgnoreMetadata = true,
    };
}
