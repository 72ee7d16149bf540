using ChestDx.Evaluation.Metrics;

namespace ChestDx.Evaluation.Reports;

/// <summary>
/// A reader's (or another binary rater's) calls for one class, scored against the evaluation's labels; drawn on the
/// ROC.
/// </summary>
public sealed record OperatingPoint(string Name, string Class, BinaryCounts Counts);
