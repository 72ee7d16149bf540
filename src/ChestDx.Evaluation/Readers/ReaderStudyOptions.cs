using ChestDx.Evaluation.Bootstrap;

namespace ChestDx.Evaluation.Readers;

/// <summary>How an even split of votes is resolved when a majority vote makes a reference.</summary>
public enum MajorityTie
{
    /// <summary>A tie counts as negative: a finding needs a strict majority. The default.</summary>
    Negative,
    /// <summary>A tie counts as positive.</summary>
    Positive,
}

public sealed record ReaderStudyOptions
{
    /// <summary>
    /// Readers whose majority vote is the reference when no reference file is given; null means all readers.
    /// </summary>
    public IReadOnlyList<string>? MajorityOf { get; init; }

    /// <summary>
    /// Even splits in any majority vote (the reference, and the CheXNet protocol's "other readers"). Defaults to
    /// negative.
    /// </summary>
    public MajorityTie Ties { get; init; } = MajorityTie.Negative;

    /// <summary>
    /// Image-level percentile bootstrap (CheXNet §4.1: 10,000 resamples); every interval uses the same resamples.
    /// </summary>
    public BootstrapOptions Bootstrap { get; init; } = new();
}
