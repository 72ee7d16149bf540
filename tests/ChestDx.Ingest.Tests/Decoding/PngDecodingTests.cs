using System.Buffers.Binary;
using ChestDx.Core;
using ChestDx.Imaging.Png;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace ChestDx.Ingest.Tests.Decoding;

public class PngDecodingTests
{
    public static TheoryData<string> SampleNames() => new(TestData.SampleFiles.Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Sample_png_decodes_bit_exactly_as_ImageSharp(string name)
    {
        byte[] file = File.ReadAllBytes(Path.Combine(TestData.SampleImages, name));
        var notes = new List<string>();
        DecodedPng png = PngImageDecoder.Decode(file, name, notes);
        using var pixels = png.Pixels;

        using Image<Rgba32> reference = Image.Load<Rgba32>(file);
        var rgba = new Rgba32[reference.Width * reference.Height];
        reference.CopyPixelDataTo(rgba);
        Assert.Equal((1024, 1024), (pixels.Width, pixels.Height));
        bool rgbaFile = TestData.RgbaSamples.Contains(name);
        Assert.Equal(rgbaFile ? PngColourType.Rgba : PngColourType.Grey, png.Header.ColourType);
        Assert.True(png.FastPath);
        // NIH's RGBA files are grey stored as RGBA: R = G = B everywhere and opaque, so channel 0 is the image.
        Assert.All(rgba, p => Assert.True(p.R == p.G && p.G == p.B && p.A == 255));
        Assert.Equal(rgba.Select(p => p.R).ToArray(), pixels.Bytes.ToArray());
        Assert.Empty(notes);
    }

    [Theory]
    [InlineData(8, 0)]
    [InlineData(8, 1)]
    [InlineData(8, 2)]
    [InlineData(8, 3)]
    [InlineData(8, 4)]
    [InlineData(8, -1)]
    [InlineData(16, 0)]
    [InlineData(16, 1)]
    [InlineData(16, 2)]
    [InlineData(16, 3)]
    [InlineData(16, 4)]
    [InlineData(16, -1)]
    public void Fast_path_reproduces_the_encoded_samples_for_every_filter(int bitDepth, int filter)
    {
        const int w = 37, h = 23;
        int max = (1 << bitDepth) - 1;
        int[] samples = TestPngEncoder.Pattern(w, h, 1, max, seed: bitDepth * 10 + filter);
        // filter −1: a different filter on each row, cycling 0…4.
        byte[] file = TestPngEncoder.Encode(w, h, bitDepth, 0, samples, y => (byte)(filter >= 0 ? filter : y % 5));

        PngHeader header = PngHeader.Read(file, "t.png");
        Assert.True(GreyPngDecoder.Supports(header));
        using var image = GreyPngDecoder.Decode(file, header, "t.png");
        Assert.Equal(max, image.MaxValue);
        int[] decoded = bitDepth == 8
            ? image.Bytes.ToArray().Select(b => (int)b).ToArray()
            : image.Words.ToArray().Select(v => (int)v).ToArray();
        Assert.Equal(samples, decoded);

        // And ImageSharp agrees on the same file.
        if (bitDepth == 8)
        {
            using Image<L8> reference = Image.Load<L8>(file);
            var l8 = new L8[w * h];
            reference.CopyPixelDataTo(l8);
            Assert.Equal(l8.Select(p => (int)p.PackedValue), decoded);
        }
        else
        {
            using Image<L16> reference = Image.Load<L16>(file);
            var l16 = new L16[w * h];
            reference.CopyPixelDataTo(l16);
            Assert.Equal(l16.Select(p => (int)p.PackedValue), decoded);
        }
    }

    [Theory]
    [InlineData(4, 11)] // grey+alpha
    [InlineData(2, 12)] // RGB
    [InlineData(6, 13)] // RGBA
    public void Sixteen_bit_colour_streams_by_rows_and_matches_ImageSharp(int colourType, int seed)
    {
        // 70 rows cross the decoder's 32-row inflate chunks; filters cycle so every one meets a chunk boundary.
        const int w = 29, h = 70;
        int channels = colourType switch { 4 => 2, 2 => 3, _ => 4 };
        int[] samples = TestPngEncoder.Pattern(w, h, channels, 65535, seed);
        byte[] file = TestPngEncoder.Encode(w, h, 16, colourType, samples, y => (byte)(y % 5));
        PngHeader header = PngHeader.Read(file, "c16.png");
        Assert.True(GreyPngDecoder.Supports(header));

        var fastNotes = new List<string>();
        using var fast = GreyPngDecoder.Decode(file, header, "c16.png", fastNotes);
        var referenceNotes = new List<string>();
        using var reference = ImageSharpPngDecoder.Decode(file, header, "c16.png", referenceNotes);
        Assert.Equal(reference.Words.ToArray(), fast.Words.ToArray());
        Assert.Equal(referenceNotes, fastNotes);
        // Random samples: colour types 4 and 6 carry translucent alpha; 2 and 6 are colour, converted to luma.
        Assert.Equal(colourType is 4 or 6, fastNotes.Contains(GreyConversion.AlphaNote));
        Assert.Equal(colourType is 2 or 6, fastNotes.Contains(GreyConversion.LumaNote));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Low_bit_depth_grey_goes_through_ImageSharp_scaled_to_full_range(int bitDepth)
    {
        const int w = 19, h = 7;
        int max = (1 << bitDepth) - 1;
        int[] samples = TestPngEncoder.Pattern(w, h, 1, max, seed: bitDepth);
        byte[] file = TestPngEncoder.Encode(w, h, bitDepth, 0, samples, y => (byte)(y % 5));
        DecodedPng png = PngImageDecoder.Decode(file, "low.png", new List<string>());
        using var pixels = png.Pixels;
        Assert.False(png.FastPath);
        Assert.Equal(samples.Select(v => (byte)(v * 255 / max)).ToArray(), pixels.Bytes.ToArray());
    }

    [Theory]
    [InlineData(PngBitDepth.Bit8)]
    [InlineData(PngBitDepth.Bit16)]
    public void Interlaced_png_goes_to_ImageSharp_and_keeps_every_sample(PngBitDepth depth)
    {
        const int w = 41, h = 29;
        int max = depth == PngBitDepth.Bit8 ? 255 : 65535;
        int[] samples = TestPngEncoder.Pattern(w, h, 1, max, seed: 3);
        using var ms = new MemoryStream();
        if (depth == PngBitDepth.Bit8)
        {
            using var img = Image.LoadPixelData(samples.Select(v => new L8((byte)v)).ToArray(), w, h);
            img.Save(ms, new PngEncoder
            {
                InterlaceMethod = PngInterlaceMode.Adam7, ColorType = PngColorType.Grayscale, BitDepth = depth,
            });
        }
        else
        {
            using var img = Image.LoadPixelData(samples.Select(v => new L16((ushort)v)).ToArray(), w, h);
            img.Save(ms, new PngEncoder
            {
                InterlaceMethod = PngInterlaceMode.Adam7, ColorType = PngColorType.Grayscale, BitDepth = depth,
            });
        }
        byte[] file = ms.ToArray();
        DecodedPng png = PngImageDecoder.Decode(file, "adam7.png", new List<string>());
        using var pixels = png.Pixels;
        Assert.True(png.Header.Interlaced);
        Assert.False(png.FastPath);
        int[] decoded = pixels.IsEightBit
            ? pixels.Bytes.ToArray().Select(b => (int)b).ToArray()
            : pixels.Words.ToArray().Select(v => (int)v).ToArray();
        Assert.Equal(samples, decoded);
    }

    [Theory]
    [InlineData(2, -1)]
    [InlineData(4, -1)]
    [InlineData(6, -1)]
    [InlineData(6, 1)]
    [InlineData(6, 3)]
    [InlineData(6, 4)]
    [InlineData(2, 4)]
    public void Colour_fast_path_equals_ImageSharp_for_multi_byte_pixels(int colourType, int filter)
    {
        const int w = 33, h = 17;
        int channels = colourType switch { 2 => 3, 4 => 2, _ => 4 };
        int[] samples = TestPngEncoder.Pattern(w, h, channels, 255, seed: colourType * 7 + filter);
        byte[] file = TestPngEncoder.Encode(w, h, 8, colourType, samples, y => (byte)(filter >= 0 ? filter : y % 5));
        PngHeader header = PngHeader.Read(file, "c.png");
        Assert.True(GreyPngDecoder.Supports(header));
        var fastNotes = new List<string>();
        var slowNotes = new List<string>();
        using var fast = GreyPngDecoder.Decode(file, header, "c.png", fastNotes);
        using var slow = ImageSharpPngDecoder.Decode(file, header, "c.png", slowNotes);
        Assert.Equal(slow.Bytes.ToArray(), fast.Bytes.ToArray());
        Assert.Equal(slowNotes, fastNotes);
        // Colour types 4 and 6 carry alpha (the pattern's alpha is not opaque); 2 and 6 are colour, converted to luma.
        Assert.Equal(colourType is 4 or 6, fastNotes.Contains(GreyConversion.AlphaNote));
        Assert.Equal(colourType is 2 or 6, fastNotes.Contains(GreyConversion.LumaNote));
    }

    [Fact]
    public void True_colour_becomes_BT601_luma_and_is_noted()
    {
        const int w = 16, h = 9;
        int[] samples = TestPngEncoder.Pattern(w, h, 3, 255, seed: 11);
        byte[] file = TestPngEncoder.Encode(w, h, 8, 2, samples, y => (byte)(y % 5));
        var notes = new List<string>();
        using var pixels = PngImageDecoder.Decode(file, "rgb.png", notes).Pixels;
        // Pillow's convert("L"): L = R·299/1000 + G·587/1000 + B·114/1000, in 16-bit fixed point.
        byte[] expected = Enumerable.Range(0, w * h)
            .Select(i => (byte)((samples[3 * i] * 19595 + samples[3 * i + 1] * 38470 + samples[3 * i + 2] * 7471
                                 + 0x8000) >> 16))
            .ToArray();
        Assert.Equal(expected, pixels.Bytes.ToArray());
        Assert.Contains(GreyConversion.LumaNote, notes);
    }

    [Fact]
    public void Truncated_png_is_a_clear_error()
    {
        byte[] file = File.ReadAllBytes(TestData.Broken("truncated_00000493_000.png"));
        var e = Assert.Throws<ChestDxException>(() => PngImageDecoder.Decode(file, "cut.png", new List<string>()));
        Assert.StartsWith("cut.png: truncated PNG", e.Message);
    }

    [Fact]
    public void Random_bytes_are_not_a_png()
    {
        byte[] file = File.ReadAllBytes(TestData.Broken("random_bytes.png"));
        var e = Assert.Throws<ChestDxException>(() => PngImageDecoder.Decode(file, "r.png", new List<string>()));
        Assert.Equal("r.png: not a PNG file (no PNG signature)", e.Message);
    }

    [Fact]
    public void A_flipped_bit_in_image_data_fails_the_chunk_CRC()
    {
        byte[] file = TestPngEncoder.Encode(20, 20, 8, 0, TestPngEncoder.Pattern(20, 20, 1, 255, 1), _ => 4);
        file[8 + 25 + 8 + 10] ^= 0x10; // inside the first IDAT's data
        var e = Assert.Throws<ChestDxException>(() => PngImageDecoder.Decode(file, "crc.png", new List<string>()));
        Assert.Contains("CRC mismatch in chunk 'IDAT'", e.Message);
    }

    [Fact]
    public void Corrupt_zlib_data_with_valid_CRCs_is_caught_by_Adler32()
    {
        const int w = 20, h = 20;
        byte[] good = TestPngEncoder.Encode(w, h, 8, 0, TestPngEncoder.Pattern(w, h, 1, 255, 2), _ => 0);
        // Rebuild the file with the Adler-32 trailer of the zlib stream altered and the CRC recomputed.
        int idat = 8 + 25;
        int length = BinaryPrimitives.ReadInt32BigEndian(good.AsSpan(idat));
        byte[] data = good.AsSpan(idat + 8, length).ToArray();
        data[^1] ^= 0xFF;
        using var ms = new MemoryStream();
        ms.Write(good.AsSpan(0, idat));
        TestPngEncoder.Chunk(ms, "IDAT", data);
        TestPngEncoder.Chunk(ms, "IEND", []);
        var e = Assert.Throws<ChestDxException>(
            () => PngImageDecoder.Decode(ms.ToArray(), "adler.png", new List<string>()));
        Assert.Contains("adler.png: corrupt PNG", e.Message);
    }
}
