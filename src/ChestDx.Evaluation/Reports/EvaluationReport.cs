using ChestDx.Core.IO;
using ChestDx.Evaluation.Pipeline;

namespace ChestDx.Evaluation.Reports;

/// <summary>Writes an evaluation's files into a directory, each atomically.</summary>
public static class EvaluationReport
{
    public static readonly string[] Files =
        ["metrics.json", "per_class.csv", "thresholds.csv", "report.md", "report.html"];

    public static void WriteAll(
        string directory, EvaluationResult result, IReadOnlyList<OperatingPoint>? readers = null)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.Write(Path.Combine(directory, "metrics.json"), s => MetricsJson.Write(s, result));
        AtomicFile.WriteAllText(Path.Combine(directory, "per_class.csv"), PerClassCsv.Render(result));
        AtomicFile.WriteAllText(Path.Combine(directory, "thresholds.csv"), PerClassCsv.RenderThresholds(result));
        AtomicFile.WriteAllText(Path.Combine(directory, "report.md"), EvaluationMarkdown.Render(result));
        AtomicFile.WriteAllText(Path.Combine(directory, "report.html"), EvaluationHtml.Render(result, readers));
    }
}
