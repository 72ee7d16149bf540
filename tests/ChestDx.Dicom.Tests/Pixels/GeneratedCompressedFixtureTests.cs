using System.Runtime.InteropServices;
using ChestDx.Dicom.Imaging;

namespace ChestDx.Dicom.Tests.Pixels;

/// <summary>
/// The JPEG-family fixtures: these need the JPEG lossless / DCT / JPEG-LS / JPEG 2000 decoders registered in
/// FrameDecoders.Default (the codecs branch). Lossless ones are bit-exact; DCT JPEG within ±1 of libjpeg (T.81 Annex
/// A.3.3 leaves the IDCT's rounding to the decoder; ImageSharp and JpegLibrary differ from libjpeg by ±1);
/// near-lossless JPEG-LS within NEAR = 2; lossy J2K exact to OpenJPEG (the reference is GDCM's OpenJPEG decode, and
/// the codec is OpenJPEG). JPEG-LS and JPEG 2000 skip when their Debian libraries are absent.
/// </summary>
public sealed class GeneratedCompressedFixtureTests
{
    public static TheoryData<string, int> Cases() => new()
    {
        // name, tolerance
        { "u12_jpeg_sv1", 0 }, { "u16_jpeg_sv1", 0 }, { "s16_jpeg_sv1", 0 }, { "u8_jpeg_sv1", 0 }, { "m1_jpeg_sv1", 0 },
        { "u12_jpeg_sv1_frag", 0 }, { "u12_jpeg_sv1_nobot", 0 },
        { "u12_jpeg_p14_sv1", 0 }, { "u12_jpeg_p14_sv2", 0 }, { "u12_jpeg_p14_sv3", 0 }, { "u12_jpeg_p14_sv4", 0 },
        { "u12_jpeg_p14_sv5", 0 }, { "u12_jpeg_p14_sv6", 0 }, { "u12_jpeg_p14_sv7", 0 },
        { "u16_jpeg_p14_sv1", 0 }, { "u16_jpeg_p14_sv2", 0 }, { "u16_jpeg_p14_sv3", 0 }, { "u16_jpeg_p14_sv4", 0 },
        { "u16_jpeg_p14_sv5", 0 }, { "u16_jpeg_p14_sv6", 0 }, { "u16_jpeg_p14_sv7", 0 },
        { "u12_jpeg_ext12", 1 }, { "u12_jpeg_prog", 1 }, { "u8_jpeg_base", 1 }, { "sc_jpg", 1 },
        { "u12_jls", 0 }, { "u16_jls", 0 }, { "s16_jls", 0 }, { "u12_jls_near2", 2 },
        { "u12_j2k", 0 }, { "u16_j2k", 0 }, { "s16_j2k", 0 }, { "m1_j2k", 0 }, { "u12_j2k_lossy", 0 },
    };

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Decodes_to_the_reference(string name, int tolerance)
    {
        NativeCodecs.SkipIfMissing(name);
        byte[] raw = DicomReader.ReadFile(TestFiles.Generated(name + ".dcm")).GetPixelData().DecodeRawFrame(0);
        byte[] expected = TestFiles.GeneratedRef(name + ".raw");
        Assert.Equal(expected.Length, raw.Length);
        if (tolerance == 0)
        {
            Assert.Equal(expected, raw);
            return;
        }
        int bytesPerSample =
            name.StartsWith("u8", StringComparison.Ordinal) || name.StartsWith("sc", StringComparison.Ordinal) ? 1 : 2;
        for (int i = 0; i < raw.Length; i += bytesPerSample)
        {
            int a = bytesPerSample == 1 ? raw[i] : BitConverter.ToUInt16(raw, i);
            int b = bytesPerSample == 1 ? expected[i] : BitConverter.ToUInt16(expected, i);
            Assert.InRange(a - b, -tolerance, tolerance);
        }
    }

    [Fact]
    public void Jpeg_lossless_render_equals_dcmj2pnm()
    {
        GreyImage image = GreyscaleRenderer.Render(DicomReader.ReadFile(TestFiles.Generated("u12_jpeg_sv1.dcm")),
            new GreyscaleRenderOptions { Voi = VoiChoice.Window(1500, 1000) });
        Assert.Equal(Imaging.RenderReferenceTests.ReadPgm("sv1_c1500_w1000.pgm"), image.Pixels8);
    }
}

/// <summary>Skips JPEG-LS / JPEG 2000 cases where Debian's libcharls2 / libopenjp2-7 are not installed.</summary>
internal static class NativeCodecs
{
    public static void SkipIfMissing(string name)
    {
        if (name.Contains("jls", StringComparison.Ordinal)
            || name.Contains("JLS", StringComparison.Ordinal)
            || name.Contains("jpeg_ls", StringComparison.Ordinal)
            || name.Contains("JPEGLS", StringComparison.Ordinal))
            Skip.IfNot(Loads("libcharls.so.2"), "libcharls2 is not installed (apt-get install -y libcharls2)");
        if (name.Contains("j2k", StringComparison.OrdinalIgnoreCase)
            || name.Contains("J2K", StringComparison.Ordinal)
            || name.Contains("JPEG2000", StringComparison.Ordinal)
            || name.Contains("jp2k", StringComparison.Ordinal)
            || name.Contains("jpeg_2k", StringComparison.Ordinal))
            Skip.IfNot(Loads("libopenjp2.so.7"), "libopenjp2-7 is not installed (apt-get install -y libopenjp2-7)");
    }

    private static bool Loads(string library)
    {
        if (!NativeLibrary.TryLoad(library, out IntPtr handle)) return false;
        NativeLibrary.Free(handle);
        return true;
    }
}
