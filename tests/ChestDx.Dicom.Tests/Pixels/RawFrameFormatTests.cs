using ChestDx.Dicom.Codecs;
using ChestDx.Dicom.Data;
using ChestDx.Dicom.Pixels;

namespace ChestDx.Dicom.Tests.Pixels;

/// <summary>
/// <see cref="DicomPixelData.RawFormat"/>: native frames are what the data set says; decoded frames are what the
/// codec states (<see cref="IFrameDecoder.DecodedFormat"/>), and the sample interpretation follows the statement.
/// </summary>
public sealed class RawFrameFormatTests
{
    [Theory]
    [InlineData("conformance/pydicom/SC_rgb_jpeg_dcmtk.dcm", "RGB")]            // JPEG YBR_FULL, converted as dcmtk
    [InlineData("conformance/pydicom/SC_rgb_dcmtk_+eb+cy+np.dcm", "RGB")]       // JPEG YBR_FULL_422, upsampled too
    [InlineData("conformance/pydicom/GDCMJ2K_TextGBR.dcm", "RGB")]              // JPEG 2000 YBR_RCT, OpenJPEG undoes it
    [InlineData("conformance/pydicom/SC_rgb_rle.dcm", "RGB")]                   // RLE keeps the data set's
    [InlineData("conformance/pydicom/MR_small_jpeg_ls_lossless.dcm", "MONOCHROME2")]
    public void Decoded_frames_have_the_codecs_stated_format(string relative, string photometric)
    {
        DicomPixelData pixels = DicomReader.ReadFile(TestFiles.Path_(relative)).GetPixelData();

        RawFrameFormat format = pixels.RawFormat;

        Assert.Equal(photometric, format.PhotometricInterpretation);
        Assert.Equal(0, format.PlanarConfiguration);
        Assert.False(format.IsChromaSubsampled);
        Assert.Equal(pixels.Layout.BitsAllocated, format.BitsAllocated);
    }

    [Theory]
    [InlineData("conformance/pydicom/SC_ybr_full_422_uncompressed.dcm", "YBR_FULL_422", 0, true)]
    [InlineData("conformance/pydicom-data/color-pl.dcm", "RGB", 1, false)]
    public void Native_frames_have_the_data_sets_format(
        string relative, string photometric, int planar, bool subsampled)
    {
        DicomPixelData pixels = DicomReader.ReadFile(TestFiles.Path_(relative)).GetPixelData();

        Assert.Equal(new RawFrameFormat(photometric, planar, 8, 8, 0, subsampled), pixels.RawFormat);
    }

    /// <summary>
    /// A codec that says its output is signed is read as signed, although the data set says unsigned.
    /// </summary>
    [Fact]
    public void Sample_values_follow_the_codecs_stated_signedness()
    {
        DicomFile file = DicomReader.ReadFile(TestFiles.Path_("conformance/pydicom/SC_rgb_rle.dcm"));
        var unsignedOnes = new StatingDecoder(frame => RawFrameFormat.Decoded(frame));
        var signedOnes = new StatingDecoder(frame => RawFrameFormat.Decoded(frame) with { PixelRepresentation = 1 });

        int[] asDataSet = file.GetPixelData(FrameDecoders.Default.With(unsignedOnes)).DecodeSamples(0);
        int[] asStated = file.GetPixelData(FrameDecoders.Default.With(signedOnes)).DecodeSamples(0);

        Assert.All(asDataSet, v => Assert.Equal(255, v));
        Assert.All(asStated, v => Assert.Equal(-1, v));
    }

    [Fact]
    public void A_codec_stating_a_layout_outside_the_contract_is_a_programming_error()
    {
        DicomFile file = DicomReader.ReadFile(TestFiles.Path_("conformance/pydicom/SC_rgb_rle.dcm"));
        var byPlane = new StatingDecoder(frame => RawFrameFormat.Decoded(frame) with { PlanarConfiguration = 1 });

        var e = Assert.Throws<InvalidOperationException>(
            () => file.GetPixelData(FrameDecoders.Default.With(byPlane)).DecodeSamples(0));
        Assert.Contains("outside the codec contract", e.Message);
    }

    /// <summary>Decodes every RLE frame to all-ones bytes and states what <paramref name="state"/> says.</summary>
    private sealed class StatingDecoder(Func<FrameInfo, RawFrameFormat> state) : IFrameDecoder
    {
        public IReadOnlyList<TransferSyntax> TransferSyntaxes { get; } = [TransferSyntax.RleLossless];

        public RawFrameFormat DecodedFormat(FrameInfo frame) => state(frame);

        public void Decode(ReadOnlySpan<byte> compressed, FrameInfo frame, Span<byte> destination) =>
            destination.Fill(0xFF);
    }
}
