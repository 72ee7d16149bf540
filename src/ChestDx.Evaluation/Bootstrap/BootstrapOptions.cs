namespace ChestDx.Evaluation.Bootstrap;

/// <summary>
/// Percentile bootstrap settings. CheXNet (Rajpurkar et al. 2017 §4.1) used 10,000 resamples and the 2.5th/97.5th
/// percentiles.
/// </summary>
public sealed record BootstrapOptions
{
    /// <summary>Number of resamples; 0 turns the bootstrap off (DeLong intervals remain). Defaults to 10,000.</summary>
    public int Resamples { get; init; } = 10_000;

    /// <summary>
    /// Seed of every resample stream; the same seed and inputs give the same intervals. Defaults to 0.
    /// </summary>
    public ulong Seed { get; init; }

    /// <summary>Two-sided coverage of the intervals. Defaults to 0.95.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Worker threads; defaults to all cores. Results do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    public void Validate()
    {
        if (Resamples < 0) throw new ArgumentOutOfRangeException(nameof(Resamples), Resamples, "cannot be negative");
        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1))
            throw new ArgumentOutOfRangeException(
                nameof(ConfidenceLevel), ConfidenceLevel, "must lie strictly between 0 and 1");
        if (MaxDegreeOfParallelism < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "at least 1");
    }
}
