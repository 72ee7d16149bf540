using System.Text;
using ChestDx.Core;
using ChestDx.Core.Packs;
using ChestDx.Dicom.Codecs.JpegTurbo;
using ChestDx.Imaging;
using ChestDx.Imaging.Jpeg;
using ChestDx.Imaging.Normalisation;
using ChestDx.Imaging.Readers;
using Xunit;

namespace ChestDx.Ingest.Tests.Decoding;

/// <summary>
/// JPEG files against libjpeg-turbo's own djpeg (tests/data/jpeg/PROVENANCE.md): the TurboJPEG path must reproduce
/// djpeg exactly, at full size and in the DCT-scaled sizes; ImageSharp, the fallback, within ±1.
/// </summary>
public sealed class JpegDecodingTests
{
    private const string Missing = "libturbojpeg.so.0 is not installed (apt-get install libturbojpeg0)";

    public static TheoryData<string> Files => new() { "grey_q95", "grey_q95_progressive", "colour_420_q90" };

    private static string Fixture(string name) => Path.Combine(TestData.Root, "jpeg", name);

    [SkippableTheory]
    [MemberData(nameof(Files))]
    public void LibjpegTurbo_decode_equals_djpeg_exactly_at_full_size(string name)
    {
        Skip.IfNot(TurboJpegDecoder.IsAvailable, Missing);
        byte[] jpeg = File.ReadAllBytes(Fixture(name + ".jpg"));
        (int width, int height, byte[] expected) = ReadPgm(Fixture(name + ".djpeg.pgm"));

        TurboJpegHeader header = TurboJpegDecoder.ReadHeader(jpeg, name);
        byte[] actual = new byte[width * height];
        TurboJpegDecoder.DecodeGrey(jpeg, header, new ScalingFactor(1, 1), actual, name);

        Assert.Equal((width, height), (header.Width, header.Height));
        Assert.Equal(expected, actual);
    }

    [SkippableTheory]
    [InlineData("grey_q95", 1, 2, "half")]
    [InlineData("grey_q95", 3, 8, "3of8")]
    [InlineData("grey_q95_progressive", 1, 2, "half")]
    [InlineData("colour_420_q90", 3, 8, "3of8")]
    public void LibjpegTurbo_DCT_scaled_decode_equals_djpeg_scale_exactly(string name, int num, int denom, string tag)
    {
        Skip.IfNot(TurboJpegDecoder.IsAvailable, Missing);
        byte[] jpeg = File.ReadAllBytes(Fixture(name + ".jpg"));
        (int width, int height, byte[] expected) = ReadPgm(Fixture($"{name}.djpeg.{tag}.pgm"));
        var scale = new ScalingFactor(num, denom);

        TurboJpegHeader header = TurboJpegDecoder.ReadHeader(jpeg, name);
        byte[] actual = new byte[width * height];
        TurboJpegDecoder.DecodeGrey(jpeg, header, scale, actual, name);

        Assert.Equal((width, height), (scale.Scale(header.Width), scale.Scale(header.Height)));
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ImageSharp_fallback_is_within_one_of_djpeg(string name)
    {
        byte[] jpeg = File.ReadAllBytes(Fixture(name + ".jpg"));
        (int width, int height, byte[] expected) = ReadPgm(Fixture(name + ".djpeg.pgm"));

        using GreyBuffer image = ImageSharpJpegDecoder.Decode(jpeg, name, new List<string>());

        Assert.Equal((width, height), (image.Width, image.Height));
        int worst = 0;
        for (int i = 0; i < expected.Length; i++) worst = Math.Max(worst, Math.Abs(expected[i] - image.Bytes[i]));
        // Colour JPEGs: ImageSharp converts YCbCr to RGB and back to luminance (BT.709 weights), djpeg keeps Y; the
        // grey ones must agree to the IDCT's rounding.
        Assert.InRange(worst, 0, name.StartsWith("colour", StringComparison.Ordinal) ? 8 : 1);
    }

    [SkippableFact]
    public void Pack_image_uses_the_smallest_DCT_scale_that_still_covers_the_pack_side()
    {
        Skip.IfNot(TurboJpegDecoder.IsAvailable, Missing);
        string path = Fixture("grey_q95.jpg");

        // 301×257 padded to 64: the long side needs ≥ 64 samples; 1/4 gives 76, 1/8 gives 38.
        LoadedImage? image = null;
        try
        {
            Assert.True(ImageLoader.TryLoad(path, "grey_q95.jpg", "grey_q95.jpg",
                new ImageLoadSettings(64, AspectMode.Pad), out image, out string? rejection),
                rejection);
            Assert.Contains("JPEG decoded by libjpeg-turbo at 1/4 scale (DCT domain)", image.Notes);
            Assert.Equal((301, 257), (image.Info.Width, image.Info.Height));
            Assert.Equal("jpeg", image.Info.Format);
        }
        finally
        {
            image?.Dispose();
        }
    }

    [SkippableFact]
    public void A_pack_side_above_the_image_decodes_at_full_size()
    {
        Skip.IfNot(TurboJpegDecoder.IsAvailable, Missing);
        using DecodedSource decoded = JpegFileReader.Instance.Read(File.ReadAllBytes(Fixture("grey_q95.jpg")), "g");
        var sink = new GreyReducer(512, AspectMode.Pad, new byte[512 * 512]);

        decoded.Pixels.WriteTo(sink);

        Assert.Contains("JPEG decoded by libjpeg-turbo", decoded.Notes);
    }

    [Fact]
    public void Truncated_JPEG_is_one_error_naming_the_file()
    {
        byte[] jpeg = File.ReadAllBytes(Fixture("truncated.jpg"));

        var e = Assert.ThrowsAny<ChestDxException>(() =>
        {
            using DecodedSource decoded = JpegFileReader.Instance.Read(jpeg, "site/truncated.jpg");
            decoded.Pixels.WriteTo(new GreyReducer(64, AspectMode.Pad, new byte[64 * 64]));
        });

        Assert.StartsWith("site/truncated.jpg: ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    /// <summary>Binary PGM (P5, maxval 255) as djpeg -pnm writes it.</summary>
    private static (int Width, int Height, byte[] Pixels) ReadPgm(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        int pos = 0;
        string Token()
        {
            while (char.IsWhiteSpace((char)file[pos])) pos++;
            int start = pos;
            while (!char.IsWhiteSpace((char)file[pos])) pos++;
            return Encoding.ASCII.GetString(file, start, pos - start);
        }
        Assert.Equal("P5", Token());
        int width = int.Parse(Token()), height = int.Parse(Token());
        Assert.Equal("255", Token());
        pos++;
        return (width, height, file.AsSpan(pos, width * height).ToArray());
    }
}
