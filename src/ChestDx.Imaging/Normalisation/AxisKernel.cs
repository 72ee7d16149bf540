
namespace ChestDx.Imaging.Normalisation;

/// <summary>
/// Resampling weights along one axis: output sample j = Σ Weights[j][t] · input[Start[j] + t].
/// Downscaling uses area averaging (each output pixel is the mean of the input area it covers, partial pixels
/// weighted by the covered fraction; OpenCV's INTER_AREA, Pillow's `reduce` for integer factors), which is the
/// antialiasing filter that cannot ring or overshoot. Upscaling (smaller sources than the pack size) uses the
/// triangle filter (bilinear) with pixel centres at half-integers, clamped at the edges.
/// </summary>
public sealed class AxisKernel
{
    private AxisKernel(int[] start, float[][] weights)
    {
        Start = start;
        Weights = weights;
    }

    public int[] Start { get; }
    public float[][] Weights { get; }

    public static AxisKernel Create(int sourceLength, int targetLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetLength, 1);
        return sourceLength >= targetLength ? Area(sourceLength, targetLength) : Triangle(sourceLength, targetLength);
    }

    private static AxisKernel Area(int n, int m)
    {
        double scale = (double)n / m;
        var start = new int[m];
        var weights = new float[m][];
        for (int j = 0; j < m; j++)
        {
            double lo = j * scale, hi = Math.Min(n, (j + 1) * scale);
            int first = (int)Math.Floor(lo);
            int last = Math.Min(n - 1, (int)Math.Ceiling(hi) - 1);
            var w = new float[last - first + 1];
            for (int i = first; i <= last; i++)
                w[i - first] = (float)((Math.Min(i + 1, hi) - Math.Max(i, lo)) / scale);
            start[j] = first;
            weights[j] = w;
        }
        return new AxisKernel(start, weights);
    }

    private static AxisKernel Triangle(int n, int m)
    {
        double scale = (double)n / m;
        var start = new int[m];
        var weights = new float[m][];
        for (int j = 0; j < m; j++)
        {
            double centre = Math.Clamp((j + 0.5) * scale - 0.5, 0, n - 1);
            int left = Math.Min((int)Math.Floor(centre), n - 1);
            double frac = centre - left;
            start[j] = left;
            weights[j] = left + 1 < n ? [(float)(1 - frac), (float)frac] : [1f];
        }
        return new AxisKernel(start, weights);
    }
}
