namespace ChestDx.Bench;

/// <summary>The one median every benchmark reports: the middle value, or the mean of the two middle values.</summary>
public static class Medians
{
    /// <summary>The median of <paramref name="values"/>; NaN when there are none.</summary>
    public static double Of(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        int n = sorted.Length;
        if (n == 0) return double.NaN;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
