namespace ChestDx.Training.Bench;

/// <summary>Seconds per training step of one framework/precision, and what that means in images per second.</summary>
/// <param name="Losses">Loss of every step, warm-up included (ChestDx only): compares devices and precisions step by step.</param>
public sealed record StepTimings(string Framework, string Precision, string Device, int BatchSize, IReadOnlyList<double> Seconds, string? Note = null,
    IReadOnlyList<double>? Losses = null)
{
    public double Median
    {
        get
        {
            if (Seconds.Count == 0) return double.NaN;
            double[] s = Seconds.Order().ToArray();
            return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
        }
    }

    public double ImagesPerSecond => BatchSize / Median;
}
