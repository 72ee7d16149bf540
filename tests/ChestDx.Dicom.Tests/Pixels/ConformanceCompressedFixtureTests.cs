using ChestDx.Dicom.Imaging;

namespace ChestDx.Dicom.Tests.Pixels;

/// <summary>
/// Conformance and real chest files in JPEG-family syntaxes: these pass once the codecs branch's decoders are
/// registered in FrameDecoders.Default. Lossless: bit-exact MD5; DCT JPEG: ±1 (T.81 Annex A.3.3
/// leaves the IDCT's rounding to the decoder).
/// </summary>
public sealed class ConformanceCompressedFixtureTests
{
    private const string Siim = "real-cxr/siim_1.2.276.0.7230010.3.1.4.8323329.6904.1517875201.850819.dcm";
    private const string SiimMono1 = "real-cxr/siim_Fake_MONOCHROME1.dcm";

    public static TheoryData<string> LosslessAgreed() =>
    [
        "conformance/pydicom-data/JLSL_16_15_1_1F.dcm",
        "conformance/pydicom-data/JPEG-LL.dcm",
        "conformance/pydicom-data/JPGLosslessP14SV1_1s_1f_8b.dcm",
        "conformance/pydicom-data/bad_sequence.dcm",
        "conformance/pydicom-data/emri_small_jpeg_ls_lossless.dcm",
        "conformance/pydicom/MR_small_jpeg_ls_lossless.dcm",
        "conformance/pydicom/SC_rgb_jpeg_gdcm.dcm",
        // dcmtk has no J2K: GDCM (OpenJPEG) is the only reference.
        "conformance/pydicom-data/emri_small_jpeg_2k_lossless.dcm",
        "conformance/pydicom-data/RG3_J2KR.dcm",
        "conformance/pydicom/MR_small_jp2klossless.dcm",
        "conformance/pydicom/J2K_pixelrep_mismatch.dcm",
        "conformance/pydicom/GDCMJ2K_TextGBR.dcm",
        // dcmtk fails on 8-bit-allocated/7-stored JPEG-LS; GDCM decodes it.
        "conformance/pydicom-data/JLSL_08_07_0_1F.dcm",
    ];

    [SkippableTheory]
    [MemberData(nameof(LosslessAgreed))]
    public void Lossless_decodes_to_the_reference_md5(string relative)
    {
        NativeCodecs.SkipIfMissing(relative);
        (string gdcm, string dcmtk) = TestFiles.DecodedReferences[relative];
        string expected = dcmtk.Length == 32 ? dcmtk : gdcm;
        Assert.Equal(expected, TestFiles.Md5(TestFiles.AllRawFrames(DicomReader.ReadFile(TestFiles.Path_(relative)))));
    }

    [Fact]
    public void Siim_chest_radiograph_decodes_within_one_of_dcmtk()
    {
        // JPEG baseline is lossy and JpegLibrary's IDCT is floating point, so libjpeg's exact integers are matched to
        // ±1 (T.81 A.3.3), not by hash. The reference is dcmdjpeg's decode, whose MD5 equals the DCMTK column of
        // decoded_pixels_reference.tsv (codecs/refs/dcmtk/PROVENANCE in codecs/PROVENANCE.md).
        byte[] expected = TestFiles.GunzipCodecReference("siim");
        Assert.Equal(TestFiles.DecodedReferences[Siim].Dcmtk, TestFiles.Md5(expected));
        byte[] decoded = TestFiles.AllRawFrames(DicomReader.ReadFile(TestFiles.Path_(Siim)));
        Assert.Equal(expected.Length, decoded.Length);
        int maxDifference = 0;
        for (int i = 0; i < decoded.Length; i++)
            maxDifference = Math.Max(maxDifference, Math.Abs(decoded[i] - expected[i]));
        Assert.InRange(maxDifference, 0, 1);
    }

    [Fact]
    public void Siim_file_and_its_monochrome1_twin_render_as_exact_inverses()
    {
        // Same stored pixels; with the full 8-bit range as VOI, floor(255 - y) + floor(y) = 255 exactly at integer y.
        var options = new GreyscaleRenderOptions { Voi = VoiChoice.FullRange };
        GreyImage m2 = GreyscaleRenderer.Render(DicomReader.ReadFile(TestFiles.Path_(Siim)), options);
        GreyImage m1 = GreyscaleRenderer.Render(DicomReader.ReadFile(TestFiles.Path_(SiimMono1)), options);
        Assert.Equal(m2.Pixels8!.Select(v => (byte)(255 - v)), m1.Pixels8!);
    }

    [Fact]
    public void Htj2k_is_reported_as_unsupported_with_its_name()
    {
        var e = Assert.Throws<DicomException>(() =>
            DicomReader.ReadFile(TestFiles.Path_("conformance/pydicom-data/HTJ2KLossless_08_RGB.dcm"))
                .GetPixelData().DecodeRawFrame(0));
        Assert.Contains(
            "unsupported transfer syntax 1.2.840.10008.1.2.4.201 (High-Throughput JPEG 2000 Lossless)", e.Message);
    }
}
