using System.IO.Compression;
using ChestDx.Dicom.Codecs.Jpeg;
using ChestDx.Dicom.Codecs.JpegTurbo;
using ChestDx.Dicom.Tests.Codecs.Support;
using Xunit.Abstractions;

namespace ChestDx.Dicom.Tests.Codecs;

/// <summary>
/// DCT JPEG against dcmtk's dcmdjpeg (IJG libjpeg 6b). Lossy decoders may differ by rounding (T.81 Annex A.3.3
/// does not fix the IDCT's arithmetic): the tolerance is ±1 per sample; each test also prints how many samples differ.
/// </summary>
public sealed class JpegDctDecoderTests(ITestOutputHelper output)
{
    private readonly JpegDctDecoder _decoder = new();

    [Theory]
    [InlineData("u8_jpeg_base")]     // baseline 8-bit
    [InlineData("u12_jpeg_ext12")]   // extended 12-bit: full 12-bit precision, not reduced to 8
    [InlineData("u12_jpeg_prog")]    // progressive 12-bit
    [InlineData("sc_jpg")]           // img2dcm of a Pillow JPEG (JFIF APP0)
    public void Generated_fixture_is_within_one_of_dcmtk(string name)
    {
        var fixture = EncapsulatedFixture.Load(CodecFixtures.Generated(name));

        byte[] decoded = CodecFixtures.DecodeAllFrames(fixture, _decoder);

        AssertWithinOne(CodecFixtures.GeneratedReference(name), decoded, fixture.Frame.BytesPerSample);
    }

    /// <summary>
    /// Conformance and real files against dcmdjpeg decodes kept in codecs/refs/dcmtk (their MD5s equal the DCMTK
    /// column of decoded_pixels_reference.tsv). For YBR_FULL / YBR_FULL_422 GDCM keeps YCbCr while dcmtk converts to
    /// RGB; ChestDx follows dcmtk (display-ready RGB, and what Pillow/pydicom return) and says so through
    /// <see cref="JpegDctDecoder.DecodedFormat"/>.
    /// </summary>
    [Theory]
    [InlineData("conformance/pydicom/JPGExtended.dcm", "JPGExtended")]
    [InlineData("conformance/pydicom/JPEG-lossy.dcm", "JPGExtended")]   // same stream with slightly invalid SOS
    [InlineData("conformance/pydicom/SC_jpeg_no_color_transform.dcm", "SC_jpeg_no_color_transform")]
    [InlineData("conformance/pydicom/SC_rgb_dcmtk_+eb+cr.dcm", "SC_rgb_dcmtk_+eb+cr")]
    [InlineData("conformance/pydicom/SC_rgb_dcmtk_+eb+cy+np.dcm", "SC_rgb_dcmtk_+eb+cy+np")]
    [InlineData("conformance/pydicom/SC_rgb_jpeg_dcmtk.dcm", "SC_rgb_jpeg_dcmtk")]
    [InlineData("real-cxr/siim_1.2.276.0.7230010.3.1.4.8323329.6904.1517875201.850819.dcm", "siim")]
    [InlineData("real-cxr/siim_Fake_MONOCHROME1.dcm", "siim")]   // same stream, Photometric Interpretation edited
    public void File_is_within_one_of_dcmtk(string relative, string reference)
    {
        var fixture = EncapsulatedFixture.Load(Path.Combine(CodecFixtures.Root, relative));
        using var gzip = new GZipStream(
            File.OpenRead(Path.Combine(CodecFixtures.Root, "codecs", "refs", "dcmtk", reference + ".raw.gz")),
            CompressionMode.Decompress);
        using var expected = new MemoryStream();
        gzip.CopyTo(expected);

        byte[] decoded = CodecFixtures.DecodeAllFrames(fixture, _decoder);

        AssertWithinOne(expected.ToArray(), decoded, fixture.Frame.BytesPerSample);
    }

    /// <summary>
    /// With libjpeg-turbo installed, 8-bit grey frames are decoded by it, and its integer IDCT is libjpeg 6b's, the
    /// decoder inside dcmdjpeg: the real chest CR must then equal dcmtk's decode exactly, not within one.
    /// </summary>
    [SkippableFact]
    public void Eight_bit_grey_frame_through_libjpeg_turbo_equals_dcmtk_exactly()
    {
        Skip.IfNot(TurboJpegDecoder.IsAvailable,
            "libturbojpeg.so.0 is not installed (apt-get install libturbojpeg0)");
        var fixture = EncapsulatedFixture.Load(Path.Combine(CodecFixtures.Root,
            "real-cxr/siim_1.2.276.0.7230010.3.1.4.8323329.6904.1517875201.850819.dcm"));
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(CodecFixtures.Root, "codecs", "refs", "dcmtk",
            "siim.raw.gz")), CompressionMode.Decompress);
        using var expected = new MemoryStream();
        gzip.CopyTo(expected);

        Assert.True(JpegDctDecoder.UsesTurbo(fixture.Frame, 8));
        byte[] decoded = CodecFixtures.DecodeAllFrames(fixture, _decoder);

        Assert.Equal(expected.ToArray(), decoded);
    }

    [Theory]
    [InlineData("YBR_FULL_422", 3, "RGB")]
    [InlineData("YBR_FULL", 3, "RGB")]
    [InlineData("RGB", 3, "RGB")]
    [InlineData("MONOCHROME1", 1, "MONOCHROME1")]
    public void Decoded_photometric_interpretation_follows_dcmtk(string dataset, int samples, string decoded)
    {
        var frame = new ChestDx.Dicom.Codecs.FrameInfo(8, 8, samples, 8, 8, 0, dataset, 0);

        Assert.Equal(decoded, _decoder.DecodedFormat(frame).PhotometricInterpretation);
    }

    [Fact]
    public void Truncated_stream_is_a_DicomException()
    {
        var fixture = EncapsulatedFixture.Load(CodecFixtures.Generated("u12_jpeg_ext12"));
        byte[] stream = fixture.FrameBytes(0);

        var error = Assert.Throws<DicomException>(() =>
            _decoder.Decode(stream[..(stream.Length / 2)], fixture.Frame, new byte[fixture.Frame.FrameLength]));

        Assert.StartsWith("JPEG codestream", error.Message);
    }

    [Fact]
    public void Lossless_stream_and_wrong_dimensions_are_reported()
    {
        var lossless = EncapsulatedFixture.Load(CodecFixtures.Generated("u12_jpeg_sv1"));
        var baseline = EncapsulatedFixture.Load(CodecFixtures.Generated("u8_jpeg_base"));
        var wrong = baseline.Frame with { Columns = 60 };

        var sof3 = Assert.Throws<DicomException>(
            () => _decoder.Decode(lossless.FrameBytes(0), lossless.Frame, new byte[lossless.Frame.FrameLength]));
        var size = Assert.Throws<DicomException>(
            () => _decoder.Decode(baseline.FrameBytes(0), wrong, new byte[wrong.FrameLength]));

        Assert.Contains("lossless", sof3.Message);
        Assert.Contains("Columns 60", size.Message);
    }

    [Theory]
    [InlineData("u8_jpeg_base", 41)]
    [InlineData("u12_jpeg_prog", 42)]
    public void Mutated_streams_only_ever_throw_DicomException(string name, int seed)
    {
        var fixture = EncapsulatedFixture.Load(CodecFixtures.Generated(name));

        CodecMutations.AssertOnlyDicomExceptions(
            _decoder, fixture.FrameBytes(0), fixture.Frame, seed, count: 1500, TimeSpan.FromSeconds(90));
    }

    private void AssertWithinOne(byte[] expected, byte[] actual, int bytesPerSample)
    {
        Assert.Equal(expected.Length, actual.Length);
        int differing = 0, maxError = 0, samples = expected.Length / bytesPerSample;
        for (int i = 0; i < samples; i++)
        {
            int e = bytesPerSample == 1 ? expected[i] : BitConverter.ToUInt16(expected, 2 * i);
            int a = bytesPerSample == 1 ? actual[i] : BitConverter.ToUInt16(actual, 2 * i);
            if (e != a) differing++;
            maxError = Math.Max(maxError, Math.Abs(e - a));
        }
        output.WriteLine($"{differing} of {samples} samples differ from dcmtk, max |error| {maxError}");
        Assert.InRange(maxError, 0, 1);
    }
}
