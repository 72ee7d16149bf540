using System.Buffers.Binary;
using ChestDx.Dicom.Codecs;
using ChestDx.Dicom.Codecs.Jpeg;
using ChestDx.Dicom.Codecs.Jpeg2000;
using ChestDx.Dicom.Codecs.JpegLossless;
using ChestDx.Dicom.Codecs.JpegLs;
using ChestDx.Dicom.Codecs.Rle;
using ChestDx.Dicom.Data;
using ChestDx.Dicom.Imaging;
using ChestDx.Dicom.Tests.Codecs.Support;

namespace ChestDx.Dicom.Tests.Pixels;

/// <summary>
/// Real-archive files that dcmtk reads (issue 11 item 8): ACR-NEMA packed 12-bit pixels and codestreams followed by
/// padding after their end marker. Fixtures and dcmtk 3.6.7 references in data/dicom/lenient (README.md there).
/// </summary>
public sealed class LenientArchiveTests
{
    private static string Lenient(string name) => Path.Combine(TestFiles.Root, "lenient", name);

    /// <summary>The frame's codestream is odd-length and followed by one pad byte after FF D9 (0xFF or 0x00).</summary>
    [SkippableTheory]
    [InlineData("jls_u12_eoi_pad_ff")]
    [InlineData("jls_u12_eoi_pad_00")]
    public void Jpeg_ls_with_a_pad_byte_after_EOI_decodes_as_dcmtk_does(string name)
    {
        Skip.IfNot(JpegLsDecoder.IsAvailable, "libcharls2 is not installed (apt-get install -y libcharls2)");

        byte[] raw = DicomReader.ReadFile(Lenient(name + ".dcm")).GetPixelData().DecodeRawFrame(0);

        Assert.Equal(File.ReadAllBytes(Lenient($"refs/{name}.raw")), raw);
        Assert.Equal(TestFiles.GeneratedRef("../img12.raw"), raw);   // the pixels u12_jls.dcm was encoded from
    }

    public static TheoryData<string, string> EndMarkerCodecs() => new()
    {
        { "u12_jls", "JpegLs" }, { "u12_j2k", "Jpeg2000" }, { "u8_jpeg_base", "JpegDct" }, { "u12_jpeg_ext12", "JpegDct" },
        { "u12_jpeg_sv1", "JpegLossless" },
    };

    /// <summary>
    /// Whatever follows the end marker is not image data: a 0x00 pad, a 0xFF pad, a space, several bytes. The
    /// stream is first made to end exactly at FF D9 (dropping dcmtk's FF fill byte before it, T.81 B.1.1.2).
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(EndMarkerCodecs))]
    public void Bytes_after_the_end_marker_do_not_change_the_decode(string name, string codec)
    {
        IFrameDecoder decoder = codec switch
        {
            "JpegLs" => new JpegLsDecoder(),
            "Jpeg2000" => new Jpeg2000Decoder(),
            "JpegDct" => new JpegDctDecoder(),
            _ => new JpegLosslessDecoder(),
        };
        NativeCodecs.SkipIfMissing(name);
        var fixture = EncapsulatedFixture.Load(CodecFixtures.Generated(name));
        byte[] stream = fixture.FrameBytes(0);
        int end = stream.AsSpan().LastIndexOf((byte[])[0xFF, 0xD9]) + 2;
        while (end >= 3 && stream[end - 3] == 0xFF) { stream = [.. stream[..(end - 3)], 0xFF, 0xD9]; end--; }
        stream = stream[..end];
        byte[] expected = new byte[fixture.Frame.FrameLength];
        decoder.Decode(stream, fixture.Frame, expected);

        foreach (byte[] tail in (byte[][])[[0x00], [0xFF], [0x20], [0x00, 0x00], [0xFF, 0xFF, 0xFF], [0xD9]])
        {
            byte[] actual = new byte[fixture.Frame.FrameLength];
            decoder.Decode([.. stream, .. tail], fixture.Frame, actual);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{name}: tail {Convert.ToHexString(tail)} changed the decode");
        }
    }

    [Fact]
    public void Rle_bytes_after_the_last_segment_do_not_change_the_decode()
    {
        var fixture = EncapsulatedFixture.Load(CodecFixtures.Generated("u12_rle"));
        var decoder = new RleDecoder();
        byte[] expected = CodecFixtures.DecodeAllFrames(fixture, decoder);
        Assert.Equal(CodecFixtures.GeneratedReference("u12_rle"), expected);

        foreach (byte[] tail in (byte[][])[[0x00], [0x00, 0x00, 0x00, 0x00], [0x80, 0x80], [0xFF]])
        {
            byte[] actual = new byte[fixture.Frame.FrameLength];
            decoder.Decode([.. fixture.FrameBytes(0), .. tail], fixture.Frame, actual);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"tail {Convert.ToHexString(tail)} changed the decode");
        }
    }

    [SkippableFact]
    public void Jpeg_ls_stream_cut_before_its_EOI_is_still_refused_quickly()
    {
        Skip.IfNot(JpegLsDecoder.IsAvailable, "libcharls2 is not installed (apt-get install -y libcharls2)");
        var fixture = EncapsulatedFixture.Load(CodecFixtures.Generated("u12_jls"));
        byte[] cut = [.. fixture.FrameBytes(0)[..3000], 0x00];

        var e = Assert.Throws<DicomException>(() => new JpegLsDecoder().Decode(cut, fixture.Frame, new byte[fixture.Frame.FrameLength]));
        Assert.Contains("truncated", e.Message);
    }
}
