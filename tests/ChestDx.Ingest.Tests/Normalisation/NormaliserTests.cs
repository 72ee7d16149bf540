using ChestDx.Core.Packs;
using ChestDx.Imaging.Normalisation;
using ChestDx.Imaging.Png;

namespace ChestDx.Ingest.Tests.Normalisation;

public class NormaliserTests
{
    private static GreyBuffer Sample(string name) =>
        PngImageDecoder.Decode(
            File.ReadAllBytes(Path.Combine(TestData.SampleImages, name)), name, new List<string>()).Pixels;

    [Theory]
    [InlineData("00000075_000.png")]
    [InlineData("00001369_000.png")] // RGBA
    [InlineData("00022572_000.png")]
    public void Nih_1024_to_256_equals_the_reference_area_average_exactly(string name)
    {
        using GreyBuffer image = Sample(name);
        var output = new byte[256 * 256];
        Normaliser.Normalise(image, 256, AspectMode.Pad, output);
        byte[] expected = ReferenceResize.Area(
            image.Bytes.ToArray().Select(b => (double)b).ToArray(), 1024, 1024, 256, 256, 255);
        Assert.Equal(expected, output);
    }

    [Fact]
    public void Nih_1024_to_224_differs_from_the_reference_by_float_rounding_at_most()
    {
        using GreyBuffer image = Sample("00000493_000.png");
        var output = new byte[224 * 224];
        Normaliser.Normalise(image, 224, AspectMode.Pad, output);
        byte[] expected = ReferenceResize.Area(
            image.Bytes.ToArray().Select(b => (double)b).ToArray(), 1024, 1024, 224, 224, 255);
        int[] diff = output.Zip(expected, (a, b) => Math.Abs(a - b)).ToArray();
        Assert.True(diff.Max() <= 1, $"max difference {diff.Max()}");
        // Off by one only where the exact mean sits on a rounding boundary (x.5 within float precision).
        Assert.True(diff.Count(d => d > 0) < output.Length / 1000, $"{diff.Count(d => d > 0)} pixels differ");
    }

    [Fact]
    public void Pad_letterboxes_a_wide_16_bit_image_on_black()
    {
        const int w = 300, h = 200;
        int[] samples = Decoding.TestPngEncoder.Pattern(w, h, 1, 65535, seed: 5);
        using GreyBuffer image = GreyBuffer.Rent16(w, h, 65535);
        for (int i = 0; i < samples.Length; i++) image.Words[i] = (ushort)samples[i];
        var output = new byte[256 * 256];
        output.AsSpan().Fill(7);
        Normaliser.Normalise(image, 256, AspectMode.Pad, output);

        // 300×200 → 256×171 (200·256/300 = 170.67, rounded), centred: rows 42…212.
        byte[] content = ReferenceResize.Area(samples.Select(v => (double)v).ToArray(), w, h, 256, 171, 65535);
        for (int y = 0; y < 256; y++)
            for (int x = 0; x < 256; x++)
            {
                byte actual = output[y * 256 + x];
                if (y < 42 || y >= 42 + 171) Assert.Equal(0, actual);
                else Assert.InRange(actual - content[(y - 42) * 256 + x], -1, 1);
            }
    }

    [Fact]
    public void Crop_takes_the_centre_square()
    {
        const int w = 1024, h = 768;
        int[] samples = Decoding.TestPngEncoder.Pattern(w, h, 1, 255, seed: 9);
        using GreyBuffer image = GreyBuffer.Rent8(w, h);
        for (int i = 0; i < samples.Length; i++) image.Bytes[i] = (byte)samples[i];
        var output = new byte[256 * 256];
        Normaliser.Normalise(image, 256, AspectMode.Crop, output);

        // Centre 768×768 square starts at x = 128; 768 → 256 is a whole factor of 3.
        double[] square = new double[768 * 768];
        for (int y = 0; y < 768; y++)
            for (int x = 0; x < 768; x++) square[y * 768 + x] = samples[y * w + 128 + x];
        Assert.Equal(ReferenceResize.Area(square, 768, 768, 256, 256, 255), output);
    }

    [Fact]
    public void Small_images_are_upscaled_with_the_triangle_filter()
    {
        using GreyBuffer image = GreyBuffer.Rent8(2, 1);
        image.Bytes[0] = 0;
        image.Bytes[1] = 200;
        var kernel = AxisKernel.Create(2, 4);
        // Output centres at source coordinates −0.25, 0.25, 0.75, 1.25 → clamped 0, 0.25, 0.75, 1.
        Assert.Equal([0, 0, 0, 1], kernel.Start);
        Assert.Equal(new float[] { 0.75f, 0.25f }, kernel.Weights[1]);
    }

    [Fact]
    public void Statistics_use_nearest_rank_percentiles_in_fractions_of_full_scale()
    {
        byte[] samples = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray(); // 0…99
        ImageStatistics s = ImageStatistics.Of(samples, 255);
        Assert.Equal(49.5 / 255, s.Mean, 12);
        Assert.Equal(Math.Sqrt((100.0 * 100 - 1) / 12) / 255, s.Std, 12);
        Assert.Equal(0 / 255.0, s.P01, 12);   // ⌈0.01·100⌉ = 1st smallest
        Assert.Equal(49 / 255.0, s.P50, 12);  // 50th smallest
        Assert.Equal(98 / 255.0, s.P99, 12);  // 99th smallest
    }
}
