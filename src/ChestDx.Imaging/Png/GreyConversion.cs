using System.Buffers.Binary;
using SixLabors.ImageSharp.PixelFormats;

namespace ChestDx.Imaging.Png;

/// <summary>
/// Colour PNG → grey. Some ChestX-ray14 files are stored as RGBA (e.g. 00000100_000.png, 00001369_000.png) although
/// they are grey radiographs: every pixel has R = G = B and alpha 255 (checked on the whole of both sample files).
/// For those, channel 0 is the image, exactly. A genuinely coloured image (annotations burnt in, a photo) gets
/// ITU-R BT.601 luma with Pillow's integer weights, Y = (19595 R + 38470 G + 7471 B + 2^15) >> 16, which is what
/// `Image.convert("L")` computes, and the row records it. Alpha is ignored (radiographs are opaque); a
/// non-opaque alpha channel is recorded too. Since the weights sum to 2^16, both rules agree when R = G = B.
/// </summary>
public static class GreyConversion
{
    public const string Description =
        "channel 0 when R=G=B (NIH's RGBA files), else ITU-R BT.601 luma (Pillow's integer weights); alpha ignored; " +
        "16-bit samples scaled linearly to 0-255 after resampling";

    public const string LumaNote = "colour image converted with BT.601 luma";
    public const string AlphaNote = "alpha channel not opaque (ignored)";

    /// <summary>One 8-bit grey+alpha, RGB or RGBA scanline (as PNG stores it) to grey.</summary>
    /// <returns>Whether any pixel had R ≠ G or G ≠ B, and whether any alpha was below 255.</returns>
    public static (bool Colour, bool Translucent) RowToGrey(ReadOnlySpan<byte> row, PngColourType type, Span<byte> grey)
    {
        bool colour = false, translucent = false;
        switch (type)
        {
            case PngColourType.GreyAlpha:
                for (int x = 0; x < grey.Length; x++)
                {
                    grey[x] = row[2 * x];
                    translucent |= row[2 * x + 1] != byte.MaxValue;
                }
                break;
            default:
                int n = type == PngColourType.Rgba ? 4 : 3;
                for (int x = 0, i = 0; x < grey.Length; x++, i += n)
                {
                    int r = row[i], g = row[i + 1], b = row[i + 2];
                    colour |= r != g || g != b;
                    if (n == 4) translucent |= row[i + 3] != byte.MaxValue;
                    grey[x] = (byte)((19595 * r + 38470 * g + 7471 * b + 0x8000) >> 16);
                }
                break;
        }
        return (colour, translucent);
    }

    /// <summary>
    /// One 16-bit grey+alpha, RGB or RGBA scanline (big-endian samples, §7.1) to 16-bit grey, by the same rule as
    /// <see cref="ToGrey(ReadOnlySpan{Rgba64}, Span{ushort}, ICollection{string})"/>: grey+alpha gives the grey sample
    /// itself (the weights sum to 2^16), colour gives BT.601 luma with Pillow's weights.
    /// </summary>
    public static (bool Colour, bool Translucent) RowToGrey16(ReadOnlySpan<byte> row, PngColourType type,
        Span<ushort> grey)
    {
        bool colour = false, translucent = false;
        int n = type switch { PngColourType.GreyAlpha => 2, PngColourType.Rgb => 3, _ => 4 };
        for (int x = 0, i = 0; x < grey.Length; x++, i += 2 * n)
        {
            if (n == 2)
            {
                grey[x] = BinaryPrimitives.ReadUInt16BigEndian(row[i..]);
                translucent |= BinaryPrimitives.ReadUInt16BigEndian(row[(i + 2)..]) != ushort.MaxValue;
                continue;
            }
            long r = BinaryPrimitives.ReadUInt16BigEndian(row[i..]),
                g = BinaryPrimitives.ReadUInt16BigEndian(row[(i + 2)..]),
                b = BinaryPrimitives.ReadUInt16BigEndian(row[(i + 4)..]);
            colour |= r != g || g != b;
            if (n == 4) translucent |= BinaryPrimitives.ReadUInt16BigEndian(row[(i + 6)..]) != ushort.MaxValue;
            grey[x] = (ushort)((19595L * r + 38470L * g + 7471L * b + 0x8000) >> 16);
        }
        return (colour, translucent);
    }

    public static void ToGrey(ReadOnlySpan<Rgba32> source, Span<byte> grey, ICollection<string> notes)
    {
        bool colour = false, translucent = false;
        for (int i = 0; i < source.Length; i++)
        {
            Rgba32 p = source[i];
            colour |= p.R != p.G || p.G != p.B;
            translucent |= p.A != byte.MaxValue;
            grey[i] = (byte)((19595 * p.R + 38470 * p.G + 7471 * p.B + 0x8000) >> 16);
        }
        Record(colour, translucent, notes);
    }

    public static void ToGrey(ReadOnlySpan<Rgba64> source, Span<ushort> grey, ICollection<string> notes)
    {
        bool colour = false, translucent = false;
        for (int i = 0; i < source.Length; i++)
        {
            Rgba64 p = source[i];
            colour |= p.R != p.G || p.G != p.B;
            translucent |= p.A != ushort.MaxValue;
            grey[i] = (ushort)((19595L * p.R + 38470L * p.G + 7471L * p.B + 0x8000) >> 16);
        }
        Record(colour, translucent, notes);
    }

    private static void Record(bool colour, bool translucent, ICollection<string> notes)
    {
        if (colour) notes.Add(LumaNote);
        if (translucent) notes.Add(AlphaNote);
    }
}
