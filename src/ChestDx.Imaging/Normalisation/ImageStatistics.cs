using System.Buffers;

namespace ChestDx.Imaging.Normalisation;

/// <summary>
/// Grey-level statistics of one image as fractions of full scale (value / MaxValue), so 8-bit, 16-bit and DICOM
/// sources compare. Percentiles use the nearest-rank definition: the smallest value v with at least ⌈p·N⌉ samples ≤ v.
/// Computed from a histogram, so exact and one pass.
/// </summary>
public readonly record struct ImageStatistics(double Mean, double Std, double P01, double P50, double P99)
{
    public static ImageStatistics Of(GreyBuffer image) =>
        image.IsEightBit ? Of(image.Bytes, 255) : Of16(image.Words, image.MaxValue);

    public static ImageStatistics Of(ReadOnlySpan<byte> samples, int maxValue)
    {
        // Four interleaved histograms avoid the store-to-load stall of runs of equal pixels (flat backgrounds).
        Span<int> h = stackalloc int[4 * 256];
        h.Clear();
        int i = 0;
        for (; i <= samples.Length - 4; i += 4)
        {
            h[samples[i]]++;
            h[256 + samples[i + 1]]++;
            h[512 + samples[i + 2]]++;
            h[768 + samples[i + 3]]++;
        }
        for (; i < samples.Length; i++) h[samples[i]]++;
        Span<long> histogram = stackalloc long[256];
        for (int v = 0; v < 256; v++) histogram[v] = h[v] + h[256 + v] + h[512 + v] + h[768 + v];
        return FromHistogram(histogram, samples.Length, maxValue);
    }

    private static ImageStatistics Of16(ReadOnlySpan<ushort> samples, int maxValue)
    {
        long[] rented = ArrayPool<long>.Shared.Rent(65536);
        try
        {
            Span<long> histogram = rented.AsSpan(0, 65536);
            histogram.Clear();
            foreach (ushort s in samples) histogram[s]++;
            return FromHistogram(histogram, samples.Length, maxValue);
        }
        finally
        {
            ArrayPool<long>.Shared.Return(rented);
        }
    }

    internal static ImageStatistics FromHistogram(ReadOnlySpan<long> histogram, long n, int maxValue)
    {
        if (n == 0) return default;
        double sum = 0, sumSquares = 0;
        for (int v = 0; v < histogram.Length; v++)
        {
            if (histogram[v] == 0) continue;
            sum += (double)v * histogram[v];
            sumSquares += (double)v * v * histogram[v];
        }
        double mean = sum / n;
        double variance = Math.Max(0, sumSquares / n - mean * mean);
        return new ImageStatistics(
            mean / maxValue,
            Math.Sqrt(variance) / maxValue,
            Percentile(histogram, n, 0.01) / (double)maxValue,
            Percentile(histogram, n, 0.50) / (double)maxValue,
            Percentile(histogram, n, 0.99) / (double)maxValue);
    }

    private static int Percentile(ReadOnlySpan<long> histogram, long n, double p)
    {
        long rank = Math.Max(1, (long)Math.Ceiling(p * n));
        long cumulative = 0;
        for (int v = 0; v < histogram.Length; v++)
        {
            cumulative += histogram[v];
            if (cumulative >= rank) return v;
        }
        return histogram.Length - 1;
    }
}
