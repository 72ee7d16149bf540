namespace ChestDx.Evaluation.Subgroups;

/// <summary>Settings of subgroup analysis. The bootstrap's resamples, seed and level are the evaluation's.</summary>
public sealed record SubgroupOptions
{
    public required IReadOnlyList<SubgroupAttribute> Attributes { get; init; }

    /// <summary>A subgroup needs at least this many positives (and <see cref="MinNegatives"/> negatives) of a class
    /// for any estimate; below it the subgroup is reported as too small. Defaults to 10: with fewer, a sensitivity
    /// moves in steps of more than 0.1 and DeLong's normal approximation is poor.</summary>
    public int MinPositives { get; init; } = 10;

    public int MinNegatives { get; init; } = 10;

    /// <summary>"sex,age,view,site" (any subset, comma-separated, each once) as attributes.</summary>
    public static IReadOnlyList<SubgroupAttribute> ParseAttributes(string text)
    {
        var attributes = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(t => Core.Choices.Choice<SubgroupAttribute>.Parse(t, "--subgroups")).ToList();
        if (attributes.Count == 0) throw new Core.ChestDxException("--subgroups names no attribute");
        if (attributes.Distinct().Count() != attributes.Count)
            throw new Core.ChestDxException("--subgroups lists an attribute twice");
        return attributes;
    }

    public void Validate()
    {
        if (Attributes.Count == 0) throw new ArgumentException("at least one subgroup attribute", nameof(Attributes));
        if (Attributes.Distinct().Count() != Attributes.Count)
            throw new Core.ChestDxException("--subgroups lists an attribute twice");
        if (MinPositives < 1) throw new ArgumentOutOfRangeException(nameof(MinPositives), MinPositives, "at least 1");
        if (MinNegatives < 1) throw new ArgumentOutOfRangeException(nameof(MinNegatives), MinNegatives, "at least 1");
    }
}
