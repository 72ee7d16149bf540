namespace ChestDx.Evaluation.Bootstrap;

/// <summary>
/// A percentile bootstrap interval. <see cref="Undefined"/> counts resamples in which the statistic had no value
/// (e.g. no predicted positives, so no precision); the percentiles are taken over the others and the count is reported.
/// </summary>
public sealed record PercentileInterval(double Low, double High, int Resamples, int Undefined)
{
    /// <summary>
    /// The (1−level)/2 and (1+level)/2 quantiles of the defined values, interpolated linearly between order statistics
    /// (Hyndman &amp; Fan type 7, numpy.percentile's default); null when no resample had a value. Sorts in place.
    /// </summary>
    public static PercentileInterval? Of(Span<double> values, double level)
    {
        int defined = 0;
        for (int i = 0; i < values.Length; i++)
            if (!double.IsNaN(values[i])) values[defined++] = values[i];
        if (defined == 0) return null;
        Span<double> v = values[..defined];
        v.Sort();
        return new PercentileInterval(
            Quantile(v, (1 - level) / 2), Quantile(v, (1 + level) / 2), values.Length, values.Length - defined);
    }

    public static double Quantile(ReadOnlySpan<double> sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        if (lo >= sorted.Length - 1) return sorted[^1];
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }
}
