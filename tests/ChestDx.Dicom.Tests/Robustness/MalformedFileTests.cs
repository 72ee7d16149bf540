using ChestDx.Dicom.Data;
using ChestDx.Dicom.Imaging;

namespace ChestDx.Dicom.Tests.Robustness;

/// <summary>
/// Malformed files give a clear DicomException naming the file and the problem; never a crash, hang or OOM.
/// </summary>
public sealed class MalformedFileTests
{
    private static readonly DicomReaderOptions Strict = new() { Strictness = DicomStrictness.Strict };

    [Fact]
    public void Truncated_pixel_data_reads_with_a_warning_but_the_frame_cannot_be_decoded()
    {
        // dcmtk errors on MR_truncated; GDCM zero-pads (decoded_pixels_reference.tsv). ChestDx follows dcmtk for the
        // pixels (nothing is invented) but keeps the header readable for inspection.
        string path = TestFiles.Path_("conformance/pydicom/MR_truncated.dcm");
        DicomFile f = DicomReader.ReadFile(path);
        Assert.Contains(f.Warnings, w =>
            w.Tag == DicomTags.PixelData && w.Message.Contains("runs past the end", StringComparison.Ordinal));
        var e = Assert.Throws<DicomException>(() => f.GetPixelData().DecodeRawFrame(0));
        Assert.Contains("MR_truncated.dcm: (7FE0,0010)", e.Message);
        Assert.Contains("the file is truncated", e.Message);
        Assert.Throws<DicomException>(() => DicomReader.ReadFile(path, Strict));
    }

    [Fact]
    public void Truncated_non_image_dataset_is_rejected()
    {
        var e = Assert.Throws<DicomException>(
            () => DicomReader.ReadFile(TestFiles.Path_("conformance/pydicom/rtplan_truncated.dcm")));
        Assert.StartsWith(TestFiles.Path_("conformance/pydicom/rtplan_truncated.dcm") + ": (", e.Message);
        Assert.NotNull(e.Offset);
    }

    [Fact]
    public void Missing_sequence_delimiter_after_the_last_fragment_is_a_warning_in_lenient_mode()
    {
        string path = TestFiles.Path_("conformance/pydicom-data/emri_small_jpeg_2k_lossless_too_short.dcm");
        DicomFile f = DicomReader.ReadFile(path);
        Assert.Contains(f.Warnings,
            w => w.Message.Contains("without a Sequence Delimitation Item", StringComparison.Ordinal));
        Assert.Throws<DicomException>(() => DicomReader.ReadFile(path, Strict));
    }

    [Fact]
    public void Float_pixel_data_is_reported_as_unsupported()
    {
        var e = Assert.Throws<DicomException>(() =>
            DicomReader.ReadFile(TestFiles.Path_("conformance/pydicom-data/parametric_map_float.dcm")).GetPixelData());
        Assert.Contains("Float/Double Float Pixel Data", e.Message);
    }

    [Fact]
    public void Absurd_rows_columns_frames_are_refused_before_allocating()
    {
        DicomFile f = new DatasetBuilder().Pixels16(rows: 65535, columns: 65535, frames: 60000).Read();
        var e = Assert.Throws<DicomException>(() => f.GetPixelData());
        Assert.Contains("exceeds the limit of 1073741824 (MaxTotalSamples)", e.Message);
    }

    [Fact]
    public void Bits_allocated_other_than_1_8_12_16_32_is_rejected_clearly()
    {
        DicomFile f = new DatasetBuilder().Pixels16().US(DicomTags.BitsAllocated, 24).Read();
        Assert.Contains("Bits Allocated 24 is not 1, 8, 16 or 32",
            Assert.Throws<DicomException>(() => f.GetPixelData()).Message);
    }

    [Fact]
    public void High_bit_outside_the_container_is_rejected()
    {
        DicomFile f = new DatasetBuilder().Pixels16().US(DicomTags.HighBit, 16).Read();
        Assert.Contains("High Bit 16", Assert.Throws<DicomException>(() => f.GetPixelData()).Message);
    }

    [Fact]
    public void Missing_pixel_data_is_a_clear_error()
    {
        DicomFile f = new DatasetBuilder().Text(DicomTags.Modality, "CS", "DX").Read();
        Assert.Contains("no Pixel Data (7FE0,0010)", Assert.Throws<DicomException>(() => f.GetPixelData()).Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(131)]
    public void Tiny_files_are_rejected(int length)
    {
        Assert.Throws<DicomException>(() => DicomReader.Read(new byte[length], sourceName: "tiny.dcm"));
    }

    [Fact]
    public void Element_length_past_the_end_of_its_item_is_rejected()
    {
        // SH claims 32 bytes, item holds 4.
        byte[] item = [.. Parsing.DicomReaderTests.Hex("08000001 5348 2000"), .. "ABCD"u8];
        var b = new DatasetBuilder().Add(new DicomTag(0x0008, 0x1032), "SQ",
            [.. Parsing.DicomReaderTests.Hex("FEFF00E0"), .. BitConverter.GetBytes(item.Length), .. item]);
        var e = Assert.Throws<DicomException>(() => b.Read());
        Assert.Contains("(0008,0100)", e.Message);
        Assert.Contains("runs past the end of its item", e.Message);
    }

    [Fact]
    public void Sequences_nested_beyond_the_limit_fail_without_a_stack_overflow()
    {
        // 100 000 nested undefined-length sequences and items.
        const int depth = 100_000;
        byte[] open = Parsing.DicomReaderTests.Hex("08003210 5351 0000 FFFFFFFF FEFF00E0 FFFFFFFF");
        var bytes = new List<byte>();
        for (int i = 0; i < depth; i++) bytes.AddRange(open);
        var e = Assert.Throws<DicomException>(() => DicomReader.Read(
            Parsing.DicomReaderTests.WithMeta([.. bytes], TransferSyntax.ExplicitVRLittleEndian.Uid),
            sourceName: "deep.dcm"));
        Assert.Contains("nested deeper than 64", e.Message);
    }

    [Fact]
    public void Deflate_bombs_stop_at_the_inflated_size_limit()
    {
        byte[] zeros = new byte[8 << 20];
        using var compressed = new MemoryStream();
        using (var d = new System.IO.Compression.DeflateStream(
                   compressed, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
            d.Write(zeros);
        byte[] file = Parsing.DicomReaderTests.WithMeta(
            compressed.ToArray(), TransferSyntax.DeflatedExplicitVRLittleEndian.Uid);
        var e = Assert.Throws<DicomException>(
            () => DicomReader.Read(file, new DicomReaderOptions { MaxInflatedBytes = 1 << 20 }, "bomb.dcm"));
        Assert.Contains("MaxInflatedBytes", e.Message);
    }

    [Fact]
    public void Corrupt_deflate_stream_is_a_format_error()
    {
        byte[] file = Parsing.DicomReaderTests.WithMeta(
            [0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x12], TransferSyntax.DeflatedExplicitVRLittleEndian.Uid);
        Assert.Contains("deflated data set is corrupt",
            Assert.Throws<DicomException>(() => DicomReader.Read(file, sourceName: "bad.dcm")).Message);
    }

    [Theory]
    [InlineData("segment count", 0, 7)]          // header says 7 segments for 1 x 16-bit (2)
    [InlineData("segment offset", 4, 0x7FFFFFFF)] // first segment offset past the end
    public void Broken_rle_header_is_a_format_error(string what, int at, int value)
    {
        Assert.False(string.IsNullOrEmpty(what));
        byte[] file = File.ReadAllBytes(TestFiles.Generated("u12_rle.dcm"));
        int rle = RleHeaderOffset(file);
        BitConverter.GetBytes(value).CopyTo(file, rle + at);
        var e = Assert.Throws<DicomException>(
            () => DicomReader.Read(file, sourceName: "rle.dcm").GetPixelData().DecodeRawFrame(0));
        Assert.StartsWith("rle.dcm: (7FE0,0010): frame 1: RLE codestream", e.Message);
    }

    [Fact]
    public void Truncated_rle_segment_is_a_format_error()
    {
        byte[] file = File.ReadAllBytes(TestFiles.Generated("u12_rle.dcm"));
        DicomFile f = DicomReader.Read(file, sourceName: "rle.dcm");
        var fragment = f.Dataset[DicomTags.PixelData]!.Fragments!.Fragments[0];
        // Cut the last segment in half by shrinking the fragment: rebuild the file with a shorter fragment.
        int rle = RleHeaderOffset(file);
        int cut = fragment.Data.Length / 2;
        byte[] shorter =
        [
            .. file[..(rle - 4)], .. BitConverter.GetBytes(cut), .. file[rle..(rle + cut)],
            .. Parsing.DicomReaderTests.Hex("FEFFDDE0 00000000"),
        ];
        var e = Assert.Throws<DicomException>(
            () => DicomReader.Read(shorter, sourceName: "rle.dcm").GetPixelData().DecodeRawFrame(0));
        Assert.Contains("RLE", e.Message);
    }

    [Fact]
    public void Non_greyscale_render_is_a_clear_error()
    {
        var e = Assert.Throws<DicomException>(() => GreyscaleRenderer.Render(
            DicomReader.ReadFile(TestFiles.Path_("conformance/pydicom-data/SC_rgb.dcm"))));
        Assert.Contains("RGB with 3 sample(s) per pixel is not a greyscale image", e.Message);
    }

    /// <summary>Offset of the RLE header of the first fragment (after the BOT item) in an RLE file.</summary>
    private static int RleHeaderOffset(byte[] file)
    {
        DicomFile f = DicomReader.Read(file);
        var fragments = f.Dataset[DicomTags.PixelData]!.Fragments!;
        // Fragment data is a slice of the file buffer: find it by content (the RLE header is unique enough).
        ReadOnlySpan<byte> header = fragments.Fragments[0].Data.Span[..64];
        return file.AsSpan().IndexOf(header);
    }
}
