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

    /// <summary>
    /// Streams with the features dcmcjpeg cannot write (codecs/make_lossless_streams.py): restart intervals, colour in
    /// one interleaved scan and in one scan per component, point transform, codes longer than the lookahead, P = 2
    /// and 7, APPn/COM segments and fill bytes. The references are dcmtk's dcmdjpeg decodes; the DNL stream, which
    /// dcmtk refuses ("DNL not supported"), is checked against its source pixels.
    /// </summary>
    [Theory]
    [InlineData("lossless_u16_sv4_restart5_long")]
    [InlineData("lossless_u12_sv7_pt2_app")]
    [InlineData("lossless_u12_sv6_restart1")]
    [InlineData("lossless_rgb_sv5_interleaved_restart3")]
    [InlineData("lossless_rgb_sv2_scan_per_component")]
    [InlineData("lossless_u7_sv3")]
    [InlineData("lossless_u2_sv1")]
    [InlineData("lossless_u12_sv1_dnl")]
    public void Stream_feature_fixture_decodes_bit_exact(string name)
    {
        var fixture = EncapsulatedFixture.Load(CodecFixtures.Codec(name));

        byte[] decoded = CodecFixtures.DecodeAllFrames(fixture, _decoder);

        Assert.Equal(CodecFixtures.CodecReference(name), decoded);
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
