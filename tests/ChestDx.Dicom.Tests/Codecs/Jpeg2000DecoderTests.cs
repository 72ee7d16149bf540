using ChestDx.Dicom.Codecs.Jpeg2000;
using ChestDx.Dicom.Tests.Codecs.Support;

namespace ChestDx.Dicom.Tests.Codecs;

/// <summary>
/// JPEG 2000 through the native OpenJPEG library; skipped (with the reason) only where it is not installed.
/// </summary>
public sealed class Jpeg2000DecoderTests
{
    private const string Missing = "libopenjp2.so.7 is not installed (apt-get install libopenjp2-7)";
    private readonly Jpeg2000Decoder _decoder = new();

    /// <summary>gdcmconv --j2k fixtures, bit-exact against GDCM's decode (generated/refs). GDCM decodes with OpenJPEG,
    /// as ChestDx does; the lossless refs equal the source arrays (img*.raw), and IndependentReferenceTests checks
    /// opj_compress-encoded files against their source arrays directly. The lossy one is a decoder reference
    /// only.</summary>
    [SkippableTheory]
    [InlineData("u12_j2k")]
    [InlineData("u16_j2k")]
    [InlineData("s16_j2k")]
    [InlineData("m1_j2k")]
    [InlineData("u12_j2k_lossy")]
    public void Generated_fixture_decodes_bit_exact(string name)
    {
        Skip.IfNot(Jpeg2000Decoder.IsAvailable, Missing);
        var fixture = EncapsulatedFixture.Load(CodecFixtures.Generated(name));

        Assert.Equal(CodecFixtures.GeneratedReference(name), CodecFixtures.DecodeAllFrames(fixture, _decoder));
    }

    /// <summary>
    /// Conformance files against GDCM 3.0.21 (dcmtk 3.6.7 has no JPEG 2000 decoder, so GDCM is the only reference):
    /// multi-frame, MONOCHROME1 10-bit CR, signed lossy CT, the unsigned-stream/signed-dataset mismatch, and YBR_RCT
    /// colour in a non-conformant JP2 wrapper (decoded to RGB, as GDCM reports it).
    /// </summary>
    [SkippableTheory]
    [InlineData("pydicom-data/emri_small_jpeg_2k_lossless.dcm")]
    [InlineData("pydicom/MR_small_jp2klossless.dcm")]
    [InlineData("pydicom-data/RG3_J2KR.dcm")]
    [InlineData("pydicom/J2K_pixelrep_mismatch.dcm")]
    [InlineData("pydicom/693_J2KI.dcm")]
    [InlineData("pydicom/JPEG2000.dcm")]
    [InlineData("pydicom/GDCMJ2K_TextGBR.dcm")]
    public void Conformance_file_matches_gdcm(string relative)
    {
        Skip.IfNot(Jpeg2000Decoder.IsAvailable, Missing);
        var fixture = EncapsulatedFixture.Load(CodecFixtures.Conformance(relative));

        string md5 = CodecFixtures.Md5(CodecFixtures.DecodeAllFrames(fixture, _decoder));

        Assert.Equal(CodecFixtures.ReferenceMd5(relative).Gdcm, md5);
    }

    [SkippableFact]
    public void Multi_threaded_decode_gives_the_same_pixels()
    {
        Skip.IfNot(Jpeg2000Decoder.IsAvailable, Missing);
        var fixture = EncapsulatedFixture.Load(CodecFixtures.Conformance("pydicom-data/RG3_J2KR.dcm"));

        byte[] threaded = CodecFixtures.DecodeAllFrames(fixture, new Jpeg2000Decoder(threads: 2));

        Assert.Equal(CodecFixtures.ReferenceMd5("pydicom-data/RG3_J2KR.dcm").Gdcm, CodecFixtures.Md5(threaded));
    }

    /// <summary>
    /// emri_small_jpeg_2k_lossless_too_short.dcm lacks only the 8-byte Sequence Delimitation Item after the last
    /// fragment (compared with its complete twin): every frame's codestream is intact, so the codec decodes all ten
    /// frames to the reference and reporting the file's broken structure is the parser's job. Cutting the same
    /// codestream short is the codec's job, and it reports it.
    /// </summary>
    [SkippableFact]
    public void Too_short_file_has_intact_codestreams_and_a_cut_one_is_reported()
    {
        Skip.IfNot(Jpeg2000Decoder.IsAvailable, Missing);
        var fixture = EncapsulatedFixture.Load(
            CodecFixtures.Conformance("pydicom-data/emri_small_jpeg_2k_lossless_too_short.dcm"));
        byte[] last = fixture.FrameBytes(fixture.NumberOfFrames - 1);

        string md5 = CodecFixtures.Md5(CodecFixtures.DecodeAllFrames(fixture, _decoder));
        var error = Assert.Throws<DicomException>(
            () => _decoder.Decode(last[..^8], fixture.Frame, new byte[fixture.Frame.FrameLength]));

        Assert.Equal(CodecFixtures.ReferenceMd5("pydicom-data/emri_small_jpeg_2k_lossless.dcm").Gdcm, md5);
        Assert.Contains("truncated", error.Message);
    }

    [SkippableFact]
    public void Stream_cut_in_the_middle_is_a_DicomException_even_with_EOC_appended()
    {
        Skip.IfNot(Jpeg2000Decoder.IsAvailable, Missing);
        var fixture = EncapsulatedFixture.Load(CodecFixtures.Generated("u12_j2k"));
        byte[] stream = fixture.FrameBytes(0);
        byte[] cut = [.. stream[..(stream.Length * 2 / 3)], 0xFF, 0xD9];

        var error = Assert.Throws<DicomException>(
            () => _decoder.Decode(cut, fixture.Frame, new byte[fixture.Frame.FrameLength]));

        Assert.StartsWith("JPEG 2000 codestream", error.Message);
    }

    [SkippableFact]
    public void Garbage_and_wrong_dimensions_are_DicomExceptions()
    {
        Skip.IfNot(Jpeg2000Decoder.IsAvailable, Missing);
        var fixture = EncapsulatedFixture.Load(CodecFixtures.Generated("u12_j2k"));
        var wrong = fixture.Frame with { Rows = 32 };
        byte[] garbage = new byte[1024];
        new Random(5).NextBytes(garbage);

        var dimensions = Assert.Throws<DicomException>(
            () => _decoder.Decode(fixture.FrameBytes(0), wrong, new byte[wrong.FrameLength]));
        Assert.Throws<DicomException>(
            () => _decoder.Decode(garbage, fixture.Frame, new byte[fixture.Frame.FrameLength]));

        Assert.Contains("Rows 32", dimensions.Message);
    }

    [SkippableTheory]
    [InlineData("u12_j2k", 31)]
    [InlineData("u12_j2k_lossy", 32)]
    public void Mutated_streams_only_ever_throw_DicomException(string name, int seed)
    {
        Skip.IfNot(Jpeg2000Decoder.IsAvailable, Missing);
        var fixture = EncapsulatedFixture.Load(CodecFixtures.Generated(name));

        CodecMutations.AssertOnlyDicomExceptions(
            _decoder, fixture.FrameBytes(0), fixture.Frame, seed, count: 1500, TimeSpan.FromSeconds(90));
    }

    /// <summary>Four bytes of the SIZ segment overwritten by a sequence delimiter (GDCM fails on it too).</summary>
    [SkippableFact]
    public void Codestream_with_an_embedded_delimiter_is_a_DicomException()
    {
        Skip.IfNot(Jpeg2000Decoder.IsAvailable, Missing);
        var fixture = EncapsulatedFixture.Load(
            CodecFixtures.Conformance("pydicom/JPEG2000-embedded-sequence-delimiter.dcm"));

        var error = Assert.Throws<DicomException>(() => CodecFixtures.DecodeAllFrames(fixture, _decoder));

        Assert.Contains("OpenJPEG failed reading the main header", error.Message);
    }
}
