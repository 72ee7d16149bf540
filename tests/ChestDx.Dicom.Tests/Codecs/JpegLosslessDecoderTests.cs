using ChestDx.Dicom.Codecs.JpegLossless;
using ChestDx.Dicom.Tests.Codecs.Support;

namespace ChestDx.Dicom.Tests.Codecs;

public sealed class JpegLosslessDecoderTests
{
    private readonly JpegLosslessDecoder _decoder = new();

    /// <summary>dcmcjpeg-made fixtures (generated/README.md): bit-exact against the dcmtk decode in refs/.</summary>
    [Theory]
    [InlineData("u8_jpeg_sv1")]
    [InlineData("u12_jpeg_sv1")]
    [InlineData("u16_jpeg_sv1")]
    [InlineData("s16_jpeg_sv1")]
    [InlineData("m1_jpeg_sv1")]
    [InlineData("u12_jpeg_sv1_frag")]
    [InlineData("u12_jpeg_sv1_nobot")]
    [InlineData("u12_jpeg_p14_sv1")]
    [InlineData("u12_jpeg_p14_sv2")]
    [InlineData("u12_jpeg_p14_sv3")]
    [InlineData("u12_jpeg_p14_sv4")]
    [InlineData("u12_jpeg_p14_sv5")]
    [InlineData("u12_jpeg_p14_sv6")]
    [InlineData("u12_jpeg_p14_sv7")]
    [InlineData("u16_jpeg_p14_sv1")]
    [InlineData("u16_jpeg_p14_sv2")]
    [InlineData("u16_jpeg_p14_sv3")]
    [InlineData("u16_jpeg_p14_sv4")]
    [InlineData("u16_jpeg_p14_sv5")]
    [InlineData("u16_jpeg_p14_sv6")]
    [InlineData("u16_jpeg_p14_sv7")]
    public void Generated_fixture_decodes_bit_exact(string name)
    {
        var fixture = EncapsulatedFixture.Load(CodecFixtures.Generated(name));

        byte[] decoded = CodecFixtures.DecodeAllFrames(fixture, _decoder);

        Assert.Equal(CodecFixtures.GeneratedReference(name), decoded);
    }

    /// <summary>Conformance files where GDCM and DCMTK agree (decoded_pixels_reference.tsv).</summary>
    [Theory]
    [InlineData("pydicom-data/JPEG-LL.dcm")]                        // NEMA NM 16-bit signed SV1
    [InlineData("pydicom-data/JPGLosslessP14SV1_1s_1f_8b.dcm")]     // 8-bit ultrasound
    [InlineData("pydicom-data/bad_sequence.dcm")]                   // 12-bit CT
    [InlineData("pydicom/SC_rgb_jpeg_gdcm.dcm")]                     // RGB, three interleaved components
    public void Conformance_file_matches_gdcm_and_dcmtk(string relative)
    {
        var fixture = EncapsulatedFixture.Load(CodecFixtures.Conformance(relative));
        var (gdcm, dcmtk) = CodecFixtures.ReferenceMd5(relative);
        Assert.Equal(gdcm, dcmtk);

        string md5 = CodecFixtures.Md5(CodecFixtures.DecodeAllFrames(fixture, _decoder));

        Assert.Equal(dcmtk, md5);
    }
}
