using ChestDx.Dicom.Imaging;

namespace ChestDx.Dicom.Tests.Imaging;

public sealed class VoiChoiceTests
{
    private static DicomFile U12 => DicomReader.ReadFile(TestFiles.Generated("base_u12_ele.dcm"));

    [Fact]
    public void Min_max_maps_the_smallest_value_to_0_and_the_largest_to_255()
    {
        // img12: values 0..4095 with 0 at (0,0) and 4095 at (1,0).
        GreyImage image = GreyscaleRenderer.Render(U12, new GreyscaleRenderOptions { Voi = VoiChoice.MinMax });
        Assert.Equal(0, image[0, 0]);
        Assert.Equal(255, image[1, 0]);
        int[] samples = U12.GetPixelData().DecodeSamples(0);
        Assert.Equal(samples.Count(v => v == 4095), image.Pixels8!.Count(v => v == 255));
        Assert.Equal(samples.Count(v => v == 0),
            image.Pixels8!.Count(v => v == 0) - samples.Count(v => v > 0 && v < 4095.0 / 255));
    }

    [Fact]
    public void Min_max_of_a_file_without_voi_is_the_auto_fallback()
    {
        DicomFile u16 = DicomReader.ReadFile(TestFiles.Generated("base_u16_ele.dcm"));
        GreyImage auto = GreyscaleRenderer.Render(u16);
        GreyImage minMax = GreyscaleRenderer.Render(u16, new GreyscaleRenderOptions { Voi = VoiChoice.MinMax });
        Assert.Equal(minMax.Pixels8, auto.Pixels8);
        Assert.Contains("no VOI", auto.Voi);
    }

    [Fact]
    public void File_else_uses_the_file_window_when_there_is_one_and_the_fallback_otherwise()
    {
        VoiChoice choice = VoiChoice.FileElse(VoiChoice.Percentile(0.5, 99.5));

        GreyImage withWindow = GreyscaleRenderer.Render(U12, new GreyscaleRenderOptions { Voi = choice });
        GreyImage firstWindow =
            GreyscaleRenderer.Render(U12, new GreyscaleRenderOptions { Voi = VoiChoice.FileWindow(0) });
        Assert.Equal(firstWindow.Pixels8, withWindow.Pixels8);

        DicomFile u16 = DicomReader.ReadFile(TestFiles.Generated("base_u16_ele.dcm"));
        GreyImage withoutWindow = GreyscaleRenderer.Render(u16, new GreyscaleRenderOptions { Voi = choice });
        GreyImage percentile =
            GreyscaleRenderer.Render(u16, new GreyscaleRenderOptions { Voi = VoiChoice.Percentile(0.5, 99.5) });
        Assert.Equal(percentile.Pixels8, withoutWindow.Pixels8);
        Assert.NotEqual(GreyscaleRenderer.Render(u16, new GreyscaleRenderOptions { Voi = VoiChoice.MinMax }).Pixels8,
            withoutWindow.Pixels8);
        Assert.Contains("percentiles 0.5-99.5", withoutWindow.Voi);
        Assert.Contains("the file has no VOI window or LUT", withoutWindow.Notes);
    }

    [Fact]
    public void Percentile_window_clips_the_tails_and_matches_a_sorted_reference()
    {
        int[] samples = U12.GetPixelData().DecodeSamples(0);
        int[] sorted = [.. samples.Order()];
        // Nearest rank: the k-th smallest with k = ceil(p/100 * N).
        int lo = sorted[(int)Math.Ceiling(0.05 * sorted.Length) - 1];
        int hi = sorted[(int)Math.Ceiling(0.95 * sorted.Length) - 1];
        GreyImage p = GreyscaleRenderer.Render(U12, new GreyscaleRenderOptions { Voi = VoiChoice.Percentile(5, 95) });
        byte[] expected = [.. samples.Select(v => (byte)Math.Clamp(Math.Floor((v - lo) * 255.0 / (hi - lo)), 0, 255))];
        Assert.Equal(expected, p.Pixels8);
        Assert.Equal(sorted.Count(v => v >= hi), p.Pixels8!.Count(v => v == 255));
        Assert.True(p.Pixels8!.Count(v => v == 0) >= sorted.Count(v => v <= lo));
        Assert.True(sorted.Count(v => v <= lo) >= 0.05 * sorted.Length
                    && sorted.Count(v => v < lo) < 0.05 * sorted.Length);
    }

    [Fact]
    public void Full_range_maps_the_12_bit_range_linearly()
    {
        GreyImage image = GreyscaleRenderer.Render(U12, new GreyscaleRenderOptions { Voi = VoiChoice.FullRange });
        int[] samples = U12.GetPixelData().DecodeSamples(0);
        for (int i = 0; i < samples.Length; i++)
            Assert.Equal((int)Math.Floor(samples[i] * 255.0 / 4095), image.Pixels8![i]);
    }

    [Fact]
    public void Requesting_a_missing_window_is_a_clear_error()
    {
        var e = Assert.Throws<DicomException>(() =>
            GreyscaleRenderer.Render(U12, new GreyscaleRenderOptions { Voi = VoiChoice.FileWindow(2) }));
        Assert.Contains("window 3 requested but the file has 2", e.Message);
    }

    [Fact]
    public void Linear_exact_and_sigmoid_follow_ps3_3()
    {
        // C.11.2.1.3.2 and C.11.2.1.3.1 at a few points, 8-bit output.
        var exact = new VoiWindow(100, 50, VoiFunction.LinearExact);
        Assert.Equal(0, exact.Output(75, 255, false));
        Assert.Equal(127, exact.Output(100, 255, false));   // (0 + 0.5) * 255 = 127.5
        Assert.Equal(255, exact.Output(125.5, 255, false));
        var sigmoid = new VoiWindow(100, 50, VoiFunction.Sigmoid);
        Assert.Equal(127, sigmoid.Output(100, 255, false));
        Assert.Equal((int)Math.Floor(255 / (1 + Math.Exp(-4 * 25.0 / 50))), sigmoid.Output(125, 255, false));
        Assert.Equal(255 - 127 - 1, sigmoid.Output(100, 255, true));
    }
}
