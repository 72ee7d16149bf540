using System.Buffers.Binary;
using ChestDx.Core;

namespace ChestDx.Imaging.Png;

/// <summary>PNG colour types (PNG spec, 3rd ed., §11.2.2 IHDR).</summary>
public enum PngColourType : byte
{
    Grey = 0,
    Rgb = 2,
    Palette = 3,
    GreyAlpha = 4,
    Rgba = 6,
}

/// <summary>The IHDR facts ingestion needs, read without decoding (the "Identify" of the PNG codec).</summary>
public sealed record PngHeader(int Width, int Height, int BitDepth, PngColourType ColourType, bool Interlaced)
{
    /// <summary>The 8-byte PNG signature (PNG spec §5.2).</summary>
    public static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static bool HasSignature(ReadOnlySpan<byte> file) => file.StartsWith(Signature);

    public int Channels => ColourType switch
    {
        PngColourType.Grey or PngColourType.Palette => 1,
        PngColourType.GreyAlpha => 2,
        PngColourType.Rgb => 3,
        _ => 4,
    };

    /// <summary>The word the manifest's src_colour column uses.</summary>
    public string ColourName => ColourType switch
    {
        PngColourType.Grey => "grey",
        PngColourType.GreyAlpha => "grey+alpha",
        PngColourType.Rgb => "rgb",
        PngColourType.Palette => "palette",
        _ => "rgba",
    };

    /// <summary>Reads IHDR, which PNG spec §5.6 requires to be the first chunk,
    /// and checks its fields (§11.2.2).</summary>
    public static PngHeader Read(ReadOnlySpan<byte> file, string path)
    {
        if (!HasSignature(file)) throw ChestDxException.ForFile(path, "not a PNG file (no PNG signature)");
        if (file.Length < 8 + 8 + 13 + 4)
            throw ChestDxException.ForFile(path, $"truncated PNG: {file.Length} bytes, too short for the IHDR chunk");
        uint length = BinaryPrimitives.ReadUInt32BigEndian(file[8..]);
        if (length != 13 || !file.Slice(12, 4).SequenceEqual("IHDR"u8))
            throw ChestDxException.ForFile(path, "invalid PNG: the first chunk is not a 13-byte IHDR");
        ReadOnlySpan<byte> ihdr = file.Slice(16, 13);
        uint width = BinaryPrimitives.ReadUInt32BigEndian(ihdr);
        uint height = BinaryPrimitives.ReadUInt32BigEndian(ihdr[4..]);
        byte depth = ihdr[8], colour = ihdr[9], compression = ihdr[10], filter = ihdr[11], interlace = ihdr[12];
        // 2^31 − 1 is the spec's limit; ingestion also refuses anything that would not fit an int-indexed buffer.
        if (width == 0 || height == 0 || (ulong)width * height > int.MaxValue / 8)
            throw ChestDxException.ForFile(path, $"invalid PNG size {width}×{height}");
        bool depthOk = colour switch
        {
            0 => depth is 1 or 2 or 4 or 8 or 16,
            3 => depth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => depth is 8 or 16,
            _ => false,
        };
        if (!depthOk) throw ChestDxException.ForFile(path, $"invalid PNG: colour type {colour} with bit depth {depth}");
        if (compression != 0 || filter != 0 || interlace > 1)
            throw ChestDxException.ForFile(path, $"invalid PNG: compression {compression}, filter {filter}, "
                + $"interlace {interlace}");
        return new PngHeader((int)width, (int)height, depth, (PngColourType)colour, interlace == 1);
    }
}
