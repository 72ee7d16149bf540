using ChestDx.Evaluation.Pipeline;

namespace ChestDx.Evaluation.Runs;

/// <summary>What <see cref="EvaluationRun.Run"/> computed, and the files it wrote into
/// <paramref name="Directory"/>.</summary>
public sealed record EvaluationOutcome(EvaluationResult Result, string Directory, IReadOnlyList<string> Files);
