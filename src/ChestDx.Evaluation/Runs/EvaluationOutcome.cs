using ChestDx.Evaluation.Pipeline;
using ChestDx.Evaluation.Subgroups;

namespace ChestDx.Evaluation.Runs;

/// <summary>What <see cref="EvaluationRun.Run"/> computed, and the files it wrote into
/// <paramref name="Directory"/>.</summary>
public sealed record EvaluationOutcome(EvaluationResult Result, string Directory, IReadOnlyList<string> Files)
{
    /// <summary>The subgroup analysis, when one was asked for.</summary>
    public SubgroupAnalysisResult? Subgroups { get; init; }
}
