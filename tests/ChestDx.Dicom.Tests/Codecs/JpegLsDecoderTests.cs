using ChestDx.Dicom.Codecs.JpegLs;
using ChestDx.Dicom.Tests.Codecs.Support;

namespace ChestDx.Dicom.Tests.Codecs;

/// <summary>
/// JPEG-LS through the native CharLS library; skipped (with the reason) only where it is not installed.
/// </summary>
public sealed class JpegLsDecoderTests
{
    private const string Missing = "libcharls.so.2 is not installed (apt-get install libcharls2)";
    private readonly JpegLsDecoder _decoder = new();

    /// <summary>dcmcjpls-made fixtures, bit-exact against dcmdjpls (generated/refs). dcmtk's codec derives from CharLS,
    /// as ChestDx's does; the lossless refs equal the source arrays (img*.raw), and IndependentReferenceTests checks
    /// more dcmcjpls-encoded files against their source arrays directly. The near-lossless one is a decoder reference
    /// only.</summary>
    [SkippableTheory]
    [InlineData("u12_jls")]
    [InlineData("u16_jls")]
    [InlineData("s16_jls")]
    [InlineData("u12_jls_near2")]
    public void Generated_fixture_decodes_bit_exact(string name)
    {
        Skip.IfNot(JpegLsDecoder.IsAvailable, Missing);
        var fixture = EncapsulatedFixture.Load(CodecFixtures.Generated(name));

        Assert.Equal(CodecFixtures.GeneratedReference(name), CodecFixtures.DecodeAllFrames(fixture, _decoder));
    }

    [SkippableFact]
    public void Near_lossless_stays_within_NEAR_of_the_source_pixels()
    {
        Skip.IfNot(JpegLsDecoder.IsAvailable, Missing);
        var fixture = EncapsulatedFixture.Load(CodecFixtures.Generated("u12_jls_near2"));
        byte[] source = File.ReadAllBytes(Path.Combine(CodecFixtures.Root, "generated", "img12.raw"));

        byte[] decoded = CodecFixtures.DecodeAllFrames(fixture, _decoder);

        int maxError = 0;
        for (int i = 0; i < source.Length; i += 2)
        {
            maxError = Math.Max(maxError,
                Math.Abs(BitConverter.ToUInt16(decoded, i) - BitConverter.ToUInt16(source, i)));
        }
        Assert.InRange(maxError, 1, 2);   // lossy (not 0) yet within dcmcjpls +md 2
    }

    /// <summary>Conformance files: MD5 of all frames. Where dcmtk cannot decode (JLSL_08_07: 7 bits in an 8-bit
    /// container), GDCM's decode is the reference.</summary>
    [SkippableTheory]
    [InlineData("pydicom-data/JLSL_08_07_0_1F.dcm", false)]
    [InlineData("pydicom-data/JLSL_16_15_1_1F.dcm", true)]
    [InlineData("pydicom-data/emri_small_jpeg_ls_lossless.dcm", true)]
    [InlineData("pydicom/MR_small_jpeg_ls_lossless.dcm", true)]
    [InlineData("pydicom/JPEGLSNearLossless_08.dcm", true)]
    [InlineData("pydicom/JPEGLSNearLossless_16.dcm", true)]
    public void Conformance_file_matches_the_reference_decoders(string relative, bool decodersAgree)
    {
        Skip.IfNot(JpegLsDecoder.IsAvailable, Missing);
        var fixture = EncapsulatedFixture.Load(CodecFixtures.Conformance(relative));
        var (gdcm, dcmtk) = CodecFixtures.ReferenceMd5(relative);
        Assert.Equal(decodersAgree, gdcm == dcmtk);

        Assert.Equal(gdcm, CodecFixtures.Md5(CodecFixtures.DecodeAllFrames(fixture, _decoder)));
    }

    /// <summary>RGB in each JPEG-LS interleave mode (dcmcjpls +il/+is/+in of SC_rgb.dcm, codecs/PROVENANCE.md):
    /// all decode to SC_rgb.dcm's pixels, colour-by-pixel, as dcmdjpls also does.</summary>
    [SkippableTheory]
    [InlineData("jls_rgb_il")]
    [InlineData("jls_rgb_is")]
    [InlineData("jls_rgb_in")]
    public void Colour_decodes_by_pixel_in_every_interleave_mode(string name)
    {
        Skip.IfNot(JpegLsDecoder.IsAvailable, Missing);
        var fixture = EncapsulatedFixture.Load(CodecFixtures.Codec(name));

        string md5 = CodecFixtures.Md5(CodecFixtures.DecodeAllFrames(fixture, _decoder));

        Assert.Equal(CodecFixtures.ReferenceMd5("pydicom-data/SC_rgb.dcm").Dcmtk, md5);
    }

    [SkippableFact]
    public void Truncated_stream_is_a_DicomException()
    {
        Skip.IfNot(JpegLsDecoder.IsAvailable, Missing);
        var fixture = EncapsulatedFixture.Load(CodecFixtures.Generated("u12_jls"));
        byte[] stream = fixture.FrameBytes(0);

        byte[] cut = stream[..(stream.Length / 2)];
        byte[] destination = new byte[fixture.Frame.FrameLength];

        var noEoi = Assert.Throws<DicomException>(() => _decoder.Decode(cut, fixture.Frame, destination));
        var withEoi = Assert.Throws<DicomException>(
            () => _decoder.Decode([.. cut, 0xFF, 0xD9], fixture.Frame, destination));

        Assert.Contains("truncated", noEoi.Message);
        Assert.StartsWith("JPEG-LS codestream:", withEoi.Message);
    }

    [SkippableFact]
    public void Dimensions_that_contradict_the_dataset_are_reported()
    {
        Skip.IfNot(JpegLsDecoder.IsAvailable, Missing);
        var fixture = EncapsulatedFixture.Load(CodecFixtures.Generated("u12_jls"));
        var frame = fixture.Frame with { Columns = 32 };

        var error = Assert.Throws<DicomException>(
            () => _decoder.Decode(fixture.FrameBytes(0), frame, new byte[frame.FrameLength]));

        Assert.Contains("Columns 32", error.Message);
    }

    [SkippableFact]
    public void Garbage_and_empty_input_are_DicomExceptions()
    {
        Skip.IfNot(JpegLsDecoder.IsAvailable, Missing);
        var frame = EncapsulatedFixture.Load(CodecFixtures.Generated("u12_jls")).Frame;
        byte[] garbage = new byte[2048];
        new Random(11).NextBytes(garbage);

        Assert.Throws<DicomException>(() => _decoder.Decode(garbage, frame, new byte[frame.FrameLength]));
        Assert.Throws<DicomException>(() => _decoder.Decode([], frame, new byte[frame.FrameLength]));
    }

    [SkippableTheory]
    [InlineData("u12_jls", 21)]
    [InlineData("u12_jls_near2", 22)]
    public void Mutated_streams_only_ever_throw_DicomException(string name, int seed)
    {
        Skip.IfNot(JpegLsDecoder.IsAvailable, Missing);
        var fixture = EncapsulatedFixture.Load(CodecFixtures.Generated(name));

        CodecMutations.AssertOnlyDicomExceptions(
            _decoder, fixture.FrameBytes(0), fixture.Frame, seed, count: 2000, TimeSpan.FromSeconds(60));
    }
}
