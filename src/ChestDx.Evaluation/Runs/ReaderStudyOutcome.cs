using ChestDx.Evaluation.Readers;

namespace ChestDx.Evaluation.Runs;

/// <summary>What <see cref="ReaderStudyRun.Run"/> computed, and the files it wrote into
/// <paramref name="Directory"/>.</summary>
public sealed record ReaderStudyOutcome(ReaderStudyResult Result, string Directory, IReadOnlyList<string> Files);
