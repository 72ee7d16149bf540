using ChestDx.Evaluation.Shift;
using ChestDx.Evaluation.Subgroups;

namespace ChestDx.Evaluation.Reports;

/// <summary>Optional parts of an evaluation's reports, each with its own files and report sections.</summary>
public sealed record ReportAdditions
{
    /// <summary>Subgroup analysis: subgroups.json, subgroups.csv, underdiagnosis.csv and a report section.</summary>
    public SubgroupAnalysisResult? Subgroups { get; init; }

    /// <summary>External validation's dataset-shift audit, the first section of report.md and report.html.</summary>
    public ShiftAuditResult? Audit { get; init; }

    /// <summary>Which model, data, ChestDx and command made the evaluation: the block every report opens with
    /// (absent only where a report is rendered from code without it).</summary>
    public ReportProvenance? Provenance { get; init; }

    public static ReportAdditions None { get; } = new();
}
