using ChestDx.Core.IO;
using ChestDx.Evaluation.Pipeline;

namespace ChestDx.Evaluation.Reports;

/// <summary>Writes an evaluation's files into a directory, each atomically.</summary>
public static class EvaluationReport
{
    public static readonly string[] Files =
        ["metrics.json", "per_class.csv", "thresholds.csv", "report.md", "report.html"];

    /// <summary>The files <see cref="WriteAll"/> writes with <paramref name="additions"/>.</summary>
    public static IReadOnlyList<string> FilesFor(ReportAdditions? additions) =>
        additions?.Subgroups is null ? Files : [.. Files, .. SubgroupFiles];

    public static readonly string[] SubgroupFiles = ["subgroups.json", "subgroups.csv", "underdiagnosis.csv"];

    public static void WriteAll(string directory, EvaluationResult result,
        IReadOnlyList<OperatingPoint>? readers = null, ReportAdditions? additions = null)
    {
        additions ??= ReportAdditions.None;
        Directory.CreateDirectory(directory);
        AtomicFile.Write(Path.Combine(directory, "metrics.json"),
            s => MetricsJson.Write(s, result, additions.Provenance));
        AtomicFile.WriteAllText(Path.Combine(directory, "per_class.csv"), PerClassCsv.Render(result));
        AtomicFile.WriteAllText(Path.Combine(directory, "thresholds.csv"), PerClassCsv.RenderThresholds(result));
        AtomicFile.WriteAllText(Path.Combine(directory, "report.md"), EvaluationMarkdown.Render(result, additions));
        AtomicFile.WriteAllText(Path.Combine(directory, "report.html"),
            EvaluationHtml.Render(result, readers, additions));
        if (additions.Subgroups is { } subgroups)
        {
            AtomicFile.Write(Path.Combine(directory, "subgroups.json"), s => SubgroupJson.Write(s, subgroups));
            AtomicFile.WriteAllText(Path.Combine(directory, "subgroups.csv"), SubgroupCsv.Render(subgroups));
            AtomicFile.WriteAllText(Path.Combine(directory, "underdiagnosis.csv"),
                SubgroupCsv.RenderUnderdiagnosis(subgroups));
        }
    }
}
