using ChestDx.Evaluation.Pipeline;
using ChestDx.Evaluation.Shift;
using ChestDx.Evaluation.Subgroups;

namespace ChestDx.Evaluation.Runs;

/// <summary>What <see cref="EvaluationRun.Run"/> computed, and the files it wrote into
/// <paramref name="Directory"/>.</summary>
public sealed record EvaluationOutcome(EvaluationResult Result, string Directory, IReadOnlyList<string> Files)
{
    /// <summary>The subgroup analysis, when one was asked for.</summary>
    public SubgroupAnalysisResult? Subgroups { get; init; }

    /// <summary>The dataset-shift audit of an external validation (<c>--train-pack</c>).</summary>
    public ShiftAuditResult? Audit { get; init; }
}
