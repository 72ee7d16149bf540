using ChestDx.Evaluation.Bootstrap;
using ChestDx.Evaluation.Metrics;

namespace ChestDx.Evaluation.Readers;

/// <summary>One rater (reader or model) against a reference, with the bootstrap interval of its F1.</summary>
public sealed record RaterScore(
    string Name, bool IsModel, bool InReference, BinaryCounts Counts, PercentileInterval? F1Ci)
{
    public double? F1 => Counts.F1;
    public double? Sensitivity => Counts.Sensitivity;
    public double? Specificity => Counts.Specificity;
    public double? Precision => Counts.Precision;
    public double? Kappa => Counts.CohenKappa;
}

public sealed record PairwiseKappa(string A, string B, int N, double? Kappa);

/// <summary>
/// CheXNet's protocol for one class: every reader, and the model, against the majority of the other readers.
/// </summary>
/// <param name="Readers">Each reader's F1 against the majority vote of the other readers.</param>
/// <param name="Model">
/// The model's F1 against each of those same references (one per left-out reader), when a model is given.
/// </param>
/// <param name="ReferenceTies">
/// Per left-out reader: images whose other readers split evenly (resolved by the tie rule).
/// </param>
public sealed record ChexNetProtocol(
    IReadOnlyList<RaterScore> Readers, double? ReadersMeanF1, PercentileInterval? ReadersMeanCi,
    IReadOnlyList<RaterScore> Model, double? ModelMeanF1, PercentileInterval? ModelMeanCi,
    double? Difference, PercentileInterval? DifferenceCi, IReadOnlyList<int> ReferenceTies);

public sealed record ClassReaderStudy(
    string Class, int ReferenceKnown, int ReferencePositives, int ReferenceTies,
    IReadOnlyList<RaterScore> VersusReference, IReadOnlyList<PairwiseKappa> Pairwise,
    double? FleissKappa, int FleissN, ChexNetProtocol? Protocol);

public sealed record ReaderStudyResult(
    IReadOnlyList<string> ImageIds, IReadOnlyList<string> Readers, string Reference, string TieRule,
    string? ModelName, string? ModelThresholds, IReadOnlyList<ClassReaderStudy> Classes,
    ReaderStudyOptions Options, IReadOnlyList<string> Notes);
