namespace ChestDx.Bench.Train;

/// <summary>Seconds per training step of one framework/precision, and what that means in images per second.</summary>
/// <param name="Seconds">Wall-clock seconds of each timed step.</param>
/// <param name="CpuSeconds">
/// Process CPU time (user + system, all threads) of each timed step. On a machine shared with other jobs the wall clock
/// mostly measures the others; CPU time per step still compares the two frameworks' work.
/// </param>
/// <param name="Losses">Loss of every step, warm-up included (ChestDx only):
/// compares devices and precisions step by step.</param>
public sealed record StepTimings(string Framework, string Precision, string Device, int BatchSize,
    IReadOnlyList<double> Seconds,
    IReadOnlyList<double> CpuSeconds, string? Note = null, IReadOnlyList<double>? Losses = null)
{
    public double Median => Medians.Of(Seconds);

    public double MedianCpu => Medians.Of(CpuSeconds);

    public double ImagesPerSecond => BatchSize / Median;
}
