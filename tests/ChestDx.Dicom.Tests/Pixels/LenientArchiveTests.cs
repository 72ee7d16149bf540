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

    /// <summary>An ASCII PGM (P2) written by dcm2pnm +opn: its sample values.</summary>
    private static int[] ReadAsciiPgm(string path)
    {
        string[] t = File.ReadAllText(path)
            .Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("P2", t[0]);
        int count = int.Parse(t[1], System.Globalization.CultureInfo.InvariantCulture)
                    * int.Parse(t[2], System.Globalization.CultureInfo.InvariantCulture);
        return [.. t.Skip(4).Take(count).Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))];
    }

    /// <summary>The 12-bit values make_lenient_fixtures.py packed, masked to Bits Stored.</summary>
    private static int[] SourceValues(string name, int bitsStored)
    {
        byte[] bytes = File.ReadAllBytes(Lenient(name + ".source.u16"));
        return
        [
            .. Enumerable.Range(0, bytes.Length / 2)
                .Select(i => BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(2 * i)) & ((1 << bitsStored) - 1)),
        ];
    }

    [Theory]
    [InlineData("acrnema_u12_packed_63x5", 1, 12)]     // 315 containers: the frame ends in the middle of a byte
    [InlineData("acrnema_u10_packed_7x3x3", 3, 10)]    // 21 per frame: frames 2 and 3 start mid-byte; bits 10..11 set
    public void Acr_nema_packed_12_bit_pixels_decode_as_dcmtk_does(string name, int frames, int bitsStored)
    {
        DicomFile file = DicomReader.ReadFile(Lenient(name + ".dcm"));
        var pixels = file.GetPixelData();
        Assert.Equal(12, pixels.Layout.BitsAllocated);
        Assert.Equal(frames, pixels.FrameCount);

        int[] decoded = [.. Enumerable.Range(0, frames).SelectMany(pixels.DecodeSamples)];

        int[] dcmtk = frames == 1
            ? ReadAsciiPgm(Lenient($"refs/{name}.pgm"))
            : [.. Enumerable.Range(0, frames).SelectMany(f => ReadAsciiPgm(Lenient($"refs/{name}.{f}.pgm")))];
        Assert.Equal(dcmtk, decoded);
        Assert.Equal(SourceValues(name, bitsStored), decoded);
    }

    [Fact]
    public void Acr_nema_packed_12_bit_renders_as_dcm2pnm_does()
    {
        GreyImage image = GreyscaleRenderer.Render(DicomReader.ReadFile(Lenient("acrnema_u12_packed_63x5.dcm")),
            new GreyscaleRenderOptions { Voi = VoiChoice.Window(2048, 4096) });
        Assert.Equal(
            Imaging.RenderReferenceTests.ReadPgm("../../../lenient/refs/acrnema_u12_packed_63x5_c2048_w4096.pgm"),
            image.Pixels8);
    }

    [Fact]
    public void Acr_nema_packed_12_bit_raw_frame_is_the_stored_bits_of_that_frame()
    {
        var pixels = DicomReader.ReadFile(Lenient("acrnema_u10_packed_7x3x3.dcm")).GetPixelData();
        int[] source = SourceValues("acrnema_u10_packed_7x3x3", 12);

        byte[] raw = pixels.DecodeRawFrame(1);

        Assert.Equal((21 * 12 + 7) / 8, raw.Length);
        for (int i = 0; i < 21; i++)
        {
            int bit = i * 12;
            Assert.Equal(source[21 + i], ((raw[bit >> 3] | raw[(bit >> 3) + 1] << 8) >> (bit & 7)) & 0xFFF);
        }
    }

    [Fact]
    public void Packed_12_bit_colour_is_refused_clearly()
    {
        DicomFile f = new DatasetBuilder().Pixels16().US(DicomTags.BitsAllocated, 12)
            .US(DicomTags.SamplesPerPixel, 3).Read();
        Assert.Contains("Bits Allocated 12 (packed ACR-NEMA pixels) with Samples per Pixel 3",
            Assert.Throws<DicomException>(() => f.GetPixelData()).Message);
    }

    [Fact]
    public void Packed_12_bit_pixel_data_too_short_for_its_frame_is_a_clear_error()
    {
        // 4 × 4 containers need 24 bytes; give 22.
        DicomFile f = new DatasetBuilder().Pixels16().US(DicomTags.BitsAllocated, 12)
            .Add(DicomTags.PixelData, "OW", new byte[22]).Read();
        var e = Assert.Throws<DicomException>(() => f.GetPixelData().DecodeSamples(0));
        Assert.Contains("the file is truncated", e.Message);
    }

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
        { "u12_jls", "JpegLs" }, { "u12_j2k", "Jpeg2000" }, { "u8_jpeg_base", "JpegDct" },
        { "u12_jpeg_ext12", "JpegDct" },
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
            Assert.True(expected.AsSpan().SequenceEqual(actual),
                $"{name}: tail {Convert.ToHexString(tail)} changed the decode");
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
            Assert.True(expected.AsSpan().SequenceEqual(actual),
                $"tail {Convert.ToHexString(tail)} changed the decode");
        }
    }

    [SkippableFact]
    public void Jpeg_ls_stream_cut_before_its_EOI_is_still_refused_quickly()
    {
        Skip.IfNot(JpegLsDecoder.IsAvailable, "libcharls2 is not installed (apt-get install -y libcharls2)");
        var fixture = EncapsulatedFixture.Load(CodecFixtures.Generated("u12_jls"));
        byte[] cut = [.. fixture.FrameBytes(0)[..3000], 0x00];

        var e = Assert.Throws<DicomException>(
            () => new JpegLsDecoder().Decode(cut, fixture.Frame, new byte[fixture.Frame.FrameLength]));
        Assert.Contains("truncated", e.Message);
    }
}

/// <summary>
/// Multi-frame encapsulated Pixel Data whose Basic Offset Table does not fit its frames (dcmdjpeg 3.6.7 decodes it).
/// </summary>
public sealed class UnusableBasicOffsetTableTests
{
    private static DicomFile TwoFrameLossless(byte[] basicOffsetTable, int fragments)
    {
        byte[] stream = EncapsulatedFixture.Load(CodecFixtures.Generated("u12_jpeg_sv1")).FrameBytes(0);
        // Drop the builder's native Pixel Data (the last element) and append encapsulated Pixel Data (PS3.5 §A.4).
        byte[] native =
            new DatasetBuilder().Pixels16(rows: 64, columns: 64).Text(DicomTags.NumberOfFrames, "IS", "2").Body();
        int pixelDataAt = native.Length - (12 + 64 * 64 * 2);
        var bytes = new List<byte>(native[..pixelDataAt]);
        bytes.AddRange([0xE0, 0x7F, 0x10, 0x00, (byte)'O', (byte)'B', 0, 0, 0xFF, 0xFF, 0xFF, 0xFF]);
        void Item(byte[] value)
        {
            bytes.AddRange([0xFE, 0xFF, 0x00, 0xE0, .. BitConverter.GetBytes(value.Length)]);
            bytes.AddRange(value);
        }
        Item(basicOffsetTable);
        for (int i = 0; i < fragments; i++) Item(stream);
        bytes.AddRange([0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0]);
        return DicomReader.Read(
            Parsing.DicomReaderTests.WithMeta([.. bytes], TransferSyntax.JpegLosslessSelectionValue1.Uid), null,
            "bot.dcm");
    }

    [Fact]
    public void A_table_with_too_few_entries_is_set_aside_and_frames_come_from_the_fragments()
    {
        var pixels = TwoFrameLossless(BitConverter.GetBytes(0u), fragments: 2).GetPixelData();
        byte[] reference = TestFiles.GeneratedRef("u12_jpeg_sv1.raw");

        Assert.Equal(reference, pixels.DecodeRawFrame(0));
        Assert.Equal(reference, pixels.DecodeRawFrame(1));
    }

    [Fact]
    public void When_the_fragments_do_not_give_the_frames_either_the_error_names_both_problems()
    {
        var pixels = TwoFrameLossless(
            [.. BitConverter.GetBytes(0u), .. BitConverter.GetBytes(12345u)], fragments: 1).GetPixelData();

        var e = Assert.Throws<DicomException>(() => pixels.DecodeRawFrame(0));
        Assert.Contains("2 frames but only 1 fragments", e.Message);
        Assert.Contains("Basic Offset Table entry 1 (offset 12345) does not point at a fragment", e.Message);
    }
}
