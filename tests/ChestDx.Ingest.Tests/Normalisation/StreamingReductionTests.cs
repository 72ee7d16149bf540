using ChestDx.Core.Packs;
using ChestDx.Imaging.Normalisation;

namespace ChestDx.Ingest.Tests.Normalisation;

/// <summary>
/// The row-streaming reducer ingestion uses (issue 11) must give the bytes and statistics of the whole-image
/// functions, which the Pillow and reference-resize tests pin down: same arithmetic, same order, every path (exact
/// box average, separable area average, upscaling triangle, pad and crop, 8- and 16-bit).
/// </summary>
public class StreamingReductionTests
{
    [Theory]
    [InlineData(1024, 1024, 8, 256, AspectMode.Pad, 1)] // whole factor 4: the box path (NIH)
    [InlineData(1024, 1024, 8, 224, AspectMode.Pad, 2)] // 1024/224: separable area
    [InlineData(3000, 2400, 16, 256, AspectMode.Pad, 3)] // letterboxed 16-bit
    [InlineData(2500, 3052, 16, 512, AspectMode.Crop, 4)]
    [InlineData(777, 1301, 8, 256, AspectMode.Crop, 5)]
    [InlineData(150, 90, 16, 224, AspectMode.Pad, 6)] // upscaling: triangle filter
    [InlineData(130, 300, 8, 256, AspectMode.Pad, 7)] // up one axis, down the other
    public void Streaming_reduction_equals_whole_image_normalise_and_statistics(
        int w, int h, int bits, int size, AspectMode aspect, int seed)
    {
        int max = (1 << bits) - 1;
        int[] samples = Tests.Decoding.TestPngEncoder.Pattern(w, h, 1, max, seed);
        using GreyBuffer image = bits == 8 ? GreyBuffer.Rent8(w, h) : GreyBuffer.Rent16(w, h, max);
        for (int i = 0; i < samples.Length; i++)
        {
            if (bits == 8) image.Bytes[i] = (byte)samples[i];
            else image.Words[i] = (ushort)samples[i];
        }

        var whole = new byte[size * size];
        whole.AsSpan().Fill(13); // the reducer must clear padding itself
        Normaliser.Normalise(image, size, aspect, whole);
        ImageStatistics wholeStats = ImageStatistics.Of(image);

        var streamed = new byte[size * size];
        streamed.AsSpan().Fill(13);
        var reducer = new GreyReducer(size, aspect, streamed);
        image.WriteTo(reducer);
        ImageStatistics streamedStats = reducer.Finish();

        Assert.True(whole.AsSpan().SequenceEqual(streamed),
            $"seed {seed}: {whole.Zip(streamed).Count(p => p.First != p.Second)} bytes differ");
        Assert.Equal(wholeStats, streamedStats);
    }

    [Fact]
    public void A_decoder_that_sends_too_few_rows_is_caught()
    {
        var reducer = new GreyReducer(224, AspectMode.Pad, new byte[224 * 224]);
        reducer.Begin(10, 3, 255, eightBit: true);
        reducer.Row(new byte[10]);
        Assert.Throws<InvalidOperationException>(() => reducer.Finish());
        Assert.Throws<InvalidOperationException>(() => reducer.Row(new ushort[10]));
    }
}
