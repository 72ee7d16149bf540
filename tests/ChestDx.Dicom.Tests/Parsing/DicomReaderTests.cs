using ChestDx.Dicom.Data;

namespace ChestDx.Dicom.Tests.Parsing;

public sealed class DicomReaderTests
{
    private static DicomFile Read(string relative, DicomReaderOptions? options = null) =>
        DicomReader.ReadFile(TestFiles.Path_(relative), options);

    [Fact]
    public void Reads_meta_and_dataset_of_a_standard_file()
    {
        DicomFile f = Read("generated/base_u12_ele.dcm");
        Assert.True(f.HasPreamble);
        Assert.Equal(TransferSyntax.ExplicitVRLittleEndian.Uid, f.TransferSyntax.Uid);
        Assert.Equal("1.2.840.10008.5.1.4.1.1.1.1", f.FileMeta.GetString(DicomTags.MediaStorageSopClassUid));
        Assert.Equal(64, f.Dataset.GetUInt16(DicomTags.Rows));
        Assert.Equal([2048.0, 1500.0], f.Dataset.GetNumbers(DicomTags.WindowCenter));
        Assert.Equal(["FULL", "LUNG"], f.Dataset.GetStrings(DicomTags.WindowCenterWidthExplanation));
        Assert.Empty(f.Warnings);
    }

    [Fact]
    public void Bare_implicit_dataset_without_preamble_or_meta_is_sniffed()
    {
        DicomFile f = Read("generated/u12_nometa_ile.raw.dcm");
        Assert.False(f.HasPreamble);
        Assert.Equal(TransferSyntax.ImplicitVRLittleEndian.Uid, f.TransferSyntax.Uid);
        Assert.Contains(f.Warnings, w => w.Message.Contains("no 128-byte preamble", StringComparison.Ordinal));
        Assert.Equal(TestFiles.GeneratedRef("u12_nometa_ile.raw.raw"), f.GetPixelData().DecodeRawFrame(0));
    }

    [Fact]
    public void Bare_explicit_dataset_is_sniffed_as_explicit()
    {
        // CT_small's data set without preamble and meta (no_meta.dcm itself starts with a stray byte, see below).
        byte[] ct = File.ReadAllBytes(TestFiles.Path_("conformance/pydicom/CT_small.dcm"));
        DicomFile full = DicomReader.Read(ct);
        int datasetStart = MetaEnd(ct);
        DicomFile f = DicomReader.Read(ct[datasetStart..], sourceName: "bare.dcm");
        Assert.Equal(TransferSyntax.ExplicitVRLittleEndian.Uid, f.TransferSyntax.Uid);
        Assert.Equal(full.GetPixelData().DecodeRawFrame(0), f.GetPixelData().DecodeRawFrame(0));
    }

    [Fact]
    public void Pydicom_no_meta_file_is_rejected_like_dcmtk_and_gdcm_do()
    {
        // Its first byte is 0x20 before (0008,0005): read as tag (0820,0500) with a 173 MB length. Both reference
        // decoders fail on it (decoded_pixels_reference.tsv rc 1); so does ChestDx, with the offset and the length.
        var e = Assert.Throws<DicomException>(() => Read("conformance/pydicom/no_meta.dcm"));
        Assert.Contains("(0820,0500) at offset 0: value length 173228800 runs past the end of the file", e.Message);
    }

    [Fact]
    public void Missing_transfer_syntax_is_inferred_with_a_warning_and_rejected_in_strict_mode()
    {
        DicomFile f = Read("conformance/pydicom/meta_missing_tsyntax.dcm");
        Assert.Contains(f.Warnings, w => w.Message.Contains("no Transfer Syntax UID", StringComparison.Ordinal));
        var e = Assert.Throws<DicomException>(() => Read("conformance/pydicom/meta_missing_tsyntax.dcm",
            new DicomReaderOptions { Strictness = DicomStrictness.Strict }));
        Assert.Contains("meta_missing_tsyntax.dcm: (0002,0010)", e.Message);
    }

    [Theory]
    [InlineData("generated/u12_seq_undef_ile.dcm")]
    [InlineData("generated/u12_seq_undef_ele.dcm")]
    public void Undefined_length_sequences_and_private_tags_are_read(string relative)
    {
        DicomFile f = Read(relative);
        // Procedure Code Sequence
        DicomDataset item = Assert.Single(f.Dataset.GetSequence(new DicomTag(0x0008, 0x1032)));
        Assert.Equal("CHESTPA", item.GetString(DicomTags.CodeValue));
        Assert.Equal("Chest PA", item.GetString(DicomTags.CodeMeaning));
        Assert.Equal("FIXTURE PRIV", f.Dataset.GetString(new DicomTag(0x0009, 0x0010)));
        // dcmodify wrote the unknown private value as the two bytes 04 00 (dcmdump: "?? 04\00").
        Assert.Equal(new byte[] { 0x04, 0x00 }, f.Dataset[new DicomTag(0x0009, 0x1001)]!.Value.ToArray());
        Assert.Empty(f.Warnings);
    }

    [Fact]
    public void Group_lengths_are_read_as_ordinary_elements()
    {
        DicomFile f = Read("generated/u12_gl.dcm");
        Assert.True(f.Dataset.Contains(new DicomTag(0x0028, 0x0000)));
        Assert.Empty(f.Warnings);
    }

    [Fact]
    public void Deflated_dataset_is_inflated()
    {
        DicomFile f = Read("generated/u12_defl.dcm");
        Assert.True(f.TransferSyntax.IsDeflated);
        Assert.Equal(64, f.Dataset.GetUInt16(DicomTags.Columns));
    }

    [Fact]
    public void Deflated_dataset_with_a_zlib_header_is_tolerated_with_a_warning()
    {
        byte[] file = File.ReadAllBytes(TestFiles.Generated("u12_defl.dcm"));
        int metaEnd = MetaEnd(file);
        byte[] raw = file[metaEnd..];
        // Re-wrap the raw deflate stream with a zlib header (78 9C) and an Adler-32 trailer.
        byte[] inflated = Inflate(raw);
        using var zout = new MemoryStream();
        using (var z = new System.IO.Compression.ZLibStream(
                   zout, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
            z.Write(inflated);
        byte[] rewrapped = [.. file[..metaEnd], .. zout.ToArray()];
        DicomFile f = DicomReader.Read(rewrapped, sourceName: "zlib.dcm");
        Assert.Contains(f.Warnings, w => w.Message.Contains("zlib header", StringComparison.Ordinal));
        Assert.Equal(TestFiles.GeneratedRef("u12_defl.raw"), f.GetPixelData().DecodeRawFrame(0));
    }

    [Fact]
    public void Undefined_length_UN_is_parsed_as_an_implicit_sequence()
    {
        // CP-246: an explicit VR LE file with a private sequence written as UN of undefined length, items implicit.
        byte[] item = [.. Hex("08000001 04000000"), .. "ABCD"u8];               // (0008,0100) implicit, "ABCD"
        byte[] dataset =
        [
            .. Hex("08006000 4353 0200"), .. "CR"u8,                             // (0008,0060) CS "CR"
            .. Hex("09001010 554E 0000 FFFFFFFF"),                               // (0009,1010) UN undefined
            .. Hex("FEFF00E0 FFFFFFFF"), .. item, .. Hex("FEFF0DE0 00000000"),
            .. Hex("FEFFDDE0 00000000"),
            .. Hex("10001000 504E 0400"), .. "A^B "u8,                           // (0010,0010) after it still read
        ];
        DicomFile f = DicomReader.Read(
            WithMeta(dataset, TransferSyntax.ExplicitVRLittleEndian.Uid), sourceName: "un.dcm");
        DicomDataset nested = Assert.Single(f.Dataset.GetSequence(new DicomTag(0x0009, 0x1010)));
        Assert.Equal("ABCD", nested.GetString(DicomTags.CodeValue));
        Assert.Equal("A^B", f.Dataset.GetString(DicomTags.PatientName));
    }

    [Fact]
    public void Odd_length_values_are_accepted_with_a_warning_in_lenient_mode_only()
    {
        byte[] dataset = [.. Hex("08006000 4353 0300"), .. "CR "u8, .. Hex("10001000 504E 0300"), .. "A^B"u8];
        byte[] file = WithMeta(dataset, TransferSyntax.ExplicitVRLittleEndian.Uid);
        DicomFile f = DicomReader.Read(file, sourceName: "odd.dcm");
        Assert.Equal("A^B", f.Dataset.GetString(DicomTags.PatientName));
        Assert.Equal(2, f.Warnings.Count(w => w.Message.Contains("odd value length 3", StringComparison.Ordinal)));
        Assert.Throws<DicomException>(
            () => DicomReader.Read(file, new DicomReaderOptions { Strictness = DicomStrictness.Strict }, "odd.dcm"));
    }

    [Fact]
    public void Trailing_padding_after_pixel_data_is_tolerated()
    {
        DicomFile f = Read("conformance/pydicom/MR_small_padded.dcm");
        Assert.Equal(TestFiles.DecodedReferences["conformance/pydicom/MR_small_padded.dcm"].Dcmtk,
            TestFiles.Md5(f.GetPixelData().DecodeRawFrame(0)));
    }

    [Fact]
    public void Header_scan_stops_before_pixel_data_and_matches_a_full_read()
    {
        string path = TestFiles.Path_(
            "real-cxr/nih_gcp_1.3.6.1.4.1.11129.5.5.110503645592756492463169821050252582267888.dcm");
        DicomFile header = DicomReader.ReadHeader(path);
        DicomFile full = DicomReader.ReadFile(path);
        Assert.True(header.PixelDataSkipped);
        Assert.False(header.Dataset.Contains(DicomTags.PixelData));
        Assert.Equal(full.Dataset.Count - 1, header.Dataset.Count);
        Assert.Equal(full.GetAttributes().ToString(), header.GetAttributes().ToString());
        Assert.Equal(1024, header.GetAttributes().Rows);
        Assert.Throws<InvalidOperationException>(() => header.GetPixelData());
    }

    [Fact]
    public void Header_scan_of_a_header_larger_than_the_first_chunk_reads_more()
    {
        // A 200 KB private element before Pixel Data forces the prefix reader to grow.
        byte[] big = new byte[200_000];
        byte[] dataset =
        [
            .. Hex("08006000 4353 0200"), .. "DX"u8,
            .. Hex("09001010 4F42 0000"), .. BitConverter.GetBytes(big.Length), .. big,
            .. Hex("E07F1000 4F42 0000 04000000 01020304"),
        ];
        string path = Path.Combine(Path.GetTempPath(), $"chestdx-bigheader-{Guid.NewGuid():N}.dcm");
        File.WriteAllBytes(path, WithMeta(dataset, TransferSyntax.ExplicitVRLittleEndian.Uid));
        try
        {
            DicomFile f = DicomReader.ReadHeader(path);
            Assert.Equal(big.Length, f.Dataset[new DicomTag(0x0009, 0x1010)]!.Value.Length);
            Assert.Equal("DX", f.Dataset.GetString(DicomTags.Modality));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Big_endian_file_reads_binary_values_in_big_endian()
    {
        DicomFile f = Read("generated/u12_ebe.dcm");
        Assert.True(f.TransferSyntax.IsBigEndian);
        Assert.Equal(64, f.Dataset.GetUInt16(DicomTags.Rows));
        Assert.Equal(12, f.Dataset.GetUInt16(DicomTags.BitsStored));
    }

    internal static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    /// <summary>
    /// Preamble, DICM and a minimal meta group declaring <paramref name="transferSyntax"/>, then
    /// <paramref name="dataset"/>.
    /// </summary>
    internal static byte[] WithMeta(byte[] dataset, string transferSyntax)
    {
        byte[] uid = System.Text.Encoding.ASCII.GetBytes(
            transferSyntax.Length % 2 == 0 ? transferSyntax : transferSyntax + "\0");
        byte[] meta = [.. Hex("02001000 5549"), .. BitConverter.GetBytes((ushort)uid.Length), .. uid];
        return [.. new byte[128], .. "DICM"u8, .. meta, .. dataset];
    }

    private static int MetaEnd(byte[] file)
    {
        int pos = 132;
        while (BitConverter.ToUInt16(file, pos) == 0x0002)
        {
            string vr = System.Text.Encoding.ASCII.GetString(file, pos + 4, 2);
            pos += vr is "OB" or "OW" or "UN" or "SQ" or "UT"
                ? 12 + BitConverter.ToInt32(file, pos + 8)
                : 8 + BitConverter.ToUInt16(file, pos + 6);
        }
        return pos;
    }

    private static byte[] Inflate(byte[] raw)
    {
        using var input = new System.IO.Compression.DeflateStream(
            new MemoryStream(raw), System.IO.Compression.CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
