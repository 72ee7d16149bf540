using ChestDx.Dicom.Imaging;

namespace ChestDx.Dicom.Tests.Imaging;

/// <summary>
/// Bits Allocated 1 with Pixel Representation 1 (found by fuzzing, tests/data/fuzz-regressions/part10): a set bit is
/// the two's complement value −1. dcmtk 3.6.7 renders the 1 × 8 file with Pixel Data `55 00` by min-max
/// (`dcm2pnm +Wm +op`) as `00 ff 00 ff 00 ff 00 ff`: set bits darkest.
/// </summary>
public sealed class SignedOneBitTests
{
    [Fact]
    public void Signed_one_bit_samples_are_minus_one_and_render_as_dcmtk_renders_them()
    {
        DicomFile file = DicomReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "data", "fuzz-regressions",
            "part10", "bits_allocated_1_signed_index_out_of_range.dcm"));
        Assert.Equal(new[] { -1, 0, -1, 0, -1, 0, -1, 0 }, file.GetPixelData().DecodeSamples(0));
        GreyImage image = GreyscaleRenderer.Render(file, new GreyscaleRenderOptions { Voi = VoiChoice.MinMax });
        Assert.Equal(new byte[] { 0x00, 0xff, 0x00, 0xff, 0x00, 0xff, 0x00, 0xff }, image.Pixels8);
    }
}
