namespace ChestDx.Dicom.Tests.Pixels;

/// <summary>
/// conformance/ and real-cxr/ files decode to the MD5 of decoded_pixels_reference.tsv (all frames, raw stored values).
/// Where GDCM and dcmtk disagree the test follows dcmtk, and the case says why. JPEG-family files are in
/// <see cref="ConformanceCompressedFixtureTests"/>.
/// </summary>
public sealed class ConformanceDecodeTests
{
    public static TheoryData<string> AgreedNativeAndRle() =>
    [
        "real-cxr/nih_gcp_1.3.6.1.4.1.11129.5.5.110503645592756492463169821050252582267888.dcm",
        "conformance/pydicom-data/JPEG2000_UNC.dcm",
        "conformance/pydicom-data/OBXXXX1A.dcm",
        "conformance/pydicom-data/OBXXXX1A_rle.dcm",
        "conformance/pydicom-data/SC_rgb.dcm",
        "conformance/pydicom-data/SC_rgb_16bit.dcm",
        "conformance/pydicom-data/color-pl.dcm",
        "conformance/pydicom-data/emri_small.dcm",
        "conformance/pydicom-data/emri_small_RLE.dcm",
        "conformance/pydicom-data/emri_small_big_endian.dcm",
        "conformance/pydicom/CT_small.dcm",
        "conformance/pydicom/ExplVR_BigEnd.dcm",
        "conformance/pydicom/MR_small.dcm",
        "conformance/pydicom/MR_small_RLE.dcm",
        "conformance/pydicom/MR_small_bigendian.dcm",
        "conformance/pydicom/MR_small_expb.dcm",
        "conformance/pydicom/MR_small_implicit.dcm",
        "conformance/pydicom/MR_small_padded.dcm",
        "conformance/pydicom/SC_rgb_rle.dcm",
        "conformance/pydicom/SC_rgb_small_odd.dcm",
        "conformance/pydicom/SC_ybr_full_422_uncompressed.dcm",
        "conformance/pydicom/image_dfl.dcm",
        "conformance/pydicom/liver_1frame.dcm",
        "conformance/pydicom/rtdose.dcm",
    ];

    [Theory]
    [MemberData(nameof(AgreedNativeAndRle))]
    public void Decodes_to_the_reference_md5_both_decoders_agree_on(string relative)
    {
        (string gdcm, string dcmtk) = TestFiles.DecodedReferences[relative];
        Assert.Equal(gdcm, dcmtk);
        Assert.Equal(dcmtk, TestFiles.Md5(TestFiles.AllRawFrames(DicomReader.ReadFile(TestFiles.Path_(relative)))));
    }

    [Theory]
    // GDCM 3.0.21 returns wrong 16-bit RLE RGB (INDEX.tsv); dcmtk's result equals the uncompressed twin SC_rgb_16bit.
    [InlineData("conformance/pydicom/SC_rgb_rle_16bit.dcm", "conformance/pydicom-data/SC_rgb_16bit.dcm")]
    // GDCM fails on 32-bit RLE; dcmtk's result equals the uncompressed twin.
    [InlineData("conformance/pydicom/SC_rgb_rle_32bit_2frame.dcm", "conformance/pydicom-data/SC_rgb_32bit_2frame.dcm")]
    public void Follows_dcmtk_where_gdcm_is_wrong_and_matches_the_uncompressed_twin(string relative, string twin)
    {
        string expected = TestFiles.DecodedReferences[relative].Dcmtk;
        Assert.NotEqual(expected, TestFiles.DecodedReferences[relative].Gdcm);
        Assert.Equal(expected, TestFiles.Md5(TestFiles.AllRawFrames(DicomReader.ReadFile(TestFiles.Path_(relative)))));
        Assert.Equal(expected, TestFiles.Md5(TestFiles.AllRawFrames(DicomReader.ReadFile(TestFiles.Path_(twin)))));
    }

    [Fact]
    public void Multi_frame_frames_are_independent()
    {
        var pixels =
            DicomReader.ReadFile(TestFiles.Path_("conformance/pydicom-data/emri_small_RLE.dcm")).GetPixelData();
        var native = DicomReader.ReadFile(TestFiles.Path_("conformance/pydicom-data/emri_small.dcm")).GetPixelData();
        Assert.Equal(10, pixels.FrameCount);
        for (int f = 0; f < 10; f++) Assert.Equal(native.DecodeRawFrame(f), pixels.DecodeRawFrame(f));
        Assert.NotEqual(native.DecodeRawFrame(0), native.DecodeRawFrame(9));
    }

    [Fact]
    public void Real_nih_chest_radiograph_samples_match_the_reference_statistics()
    {
        // decoded_pixels_reference.tsv: min 0, max 252, mean 180.0587, px(0,0) 199, centre 229.
        int[] s = DicomReader.ReadFile(TestFiles.Path_(
                "real-cxr/nih_gcp_1.3.6.1.4.1.11129.5.5.110503645592756492463169821050252582267888.dcm"))
            .GetPixelData().DecodeSamples(0);
        Assert.Equal(0, s.Min());
        Assert.Equal(252, s.Max());
        Assert.Equal(180.0587, s.Average(), 4);
        Assert.Equal(199, s[0]);
        Assert.Equal(229, s[512 * 1024 + 512]);
    }
}
