using ChestDx.Dicom.Pixels;

namespace ChestDx.Dicom.Imaging;

/// <summary>
/// Min, max and percentiles of a frame's modality values with padding excluded, computed lazily from a histogram of
/// stored values (Bits Stored ≤ 16) so that any modality transform, monotonic or not, is handled exactly.
/// </summary>
internal sealed class ValueStatistics(
    int[]? samples, PixelLayout layout, ModalityTransform modality, PixelPadding? padding)
{
    private readonly Func<long[]>? _histogram;

    /// <summary>
    /// Statistics from a histogram of stored values (index = value − the smallest storable value) that
    /// <paramref name="histogram"/> computes only if a statistic is asked for (Bits Stored ≤ 16): the row-streaming
    /// renderer then needs a second pass over the frame only for min/max and percentile windows.
    /// </summary>
    public ValueStatistics(Func<long[]> histogram, PixelLayout layout, ModalityTransform modality,
        PixelPadding? padding)
        : this((int[]?)null, layout, modality, padding)
    {
        if (layout.BitsStored > 16)
            throw new ArgumentException("a histogram of stored values needs Bits Stored ≤ 16", nameof(layout));
        _histogram = histogram;
    }

    private (double Value, long Count)[]? _sorted;

    public string PaddingNote => padding is { } p ? $", padding {p.Low}..{p.High} excluded" : "";

    public double Min => Sorted()[0].Value;

    public double Max => Sorted()[^1].Value;

    /// <summary>Nearest-rank percentiles (see <see cref="VoiChoice.Percentile"/>).</summary>
    public (double Low, double High) Percentiles(double low, double high)
    {
        var sorted = Sorted();
        long total = 0;
        foreach (var (_, count) in sorted) total += count;
        return (At(sorted, total, low), At(sorted, total, high));
    }

    private static double At((double Value, long Count)[] sorted, long total, double percentile)
    {
        long rank = Math.Max(1, (long)Math.Ceiling(percentile / 100 * total));
        long seen = 0;
        foreach (var (value, count) in sorted)
        {
            seen += count;
            if (seen >= rank) return value;
        }
        return sorted[^1].Value;
    }

    /// <summary>
    /// Distinct modality values and their counts, ascending. All-padding frames fall back to every pixel.
    /// </summary>
    private (double Value, long Count)[] Sorted()
    {
        if (_sorted is not null) return _sorted;
        var counts = new Dictionary<double, long>();
        if (layout.BitsStored <= 16)
        {
            int min = layout.IsSigned ? -(1 << (layout.BitsStored - 1)) : 0;
            long[] histogram;
            if (_histogram is not null)
            {
                histogram = _histogram();
            }
            else
            {
                histogram = new long[1 << layout.BitsStored];
                foreach (int s in samples!) histogram[s - min]++;
            }
            for (int pass = 0; pass < 2 && counts.Count == 0; pass++)
                for (int i = 0; i < histogram.Length; i++)
                    if (histogram[i] > 0 && (pass == 1 || padding is not { } p || !p.Contains(i + min)))
                        Add(counts, modality.Apply(i + min), histogram[i]);
        }
        else
        {
            for (int pass = 0; pass < 2 && counts.Count == 0; pass++)
                foreach (int s in samples!)
                    if (pass == 1 || padding is not { } p || !p.Contains(s))
                        Add(counts, modality.Apply(s), 1);
        }
        _sorted = [.. counts.Select(kv => (kv.Key, kv.Value)).OrderBy(t => t.Key)];
        return _sorted;
    }

    private static void Add(Dictionary<double, long> counts, double value, long n) =>
        counts[value] = counts.GetValueOrDefault(value) + n;
}
