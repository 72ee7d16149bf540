using System.Text;
using ChestDx.Core.Choices;
using ChestDx.Core.Models;
using ChestDx.Evaluation.Pipeline;
using ChestDx.Evaluation.Recalibration;

namespace ChestDx.Evaluation.Reports;

/// <summary>report.md's "Recalibration" section: ECE, Brier and log loss before and after, per class.</summary>
internal static class RecalibrationMarkdown
{
    public static string Render(EvaluationResult r)
    {
        if (r.Recalibration is not { } recalibration) return "";
        var sb = new StringBuilder();
        sb.AppendLine("## Recalibration").AppendLine();
        sb.AppendLine($"The calibration fitted into `{recalibration.ModelPath}` (chestdx calibrate) applied to these "
                      + "predictions: " + RecalibrationJson.Rule + ". The metrics above are of the predictions as "
                      + $"given; ECE uses the same {r.Options.CalibrationBins} bins before and after.");
        sb.AppendLine();
        sb.AppendLine("| Class | Method | T or slope, intercept | n | ECE before | ECE after | Brier before "
                      + "| Brier after | Log loss before | Log loss after |");
        sb.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (ClassRecalibration c in recalibration.Classes)
            sb.AppendLine($"| {c.Name} | {Method(c)} | {Parameters(c)} | {c.N} | {Format.Num(c.Before?.Ece, 4)} | "
                          + $"{Format.Num(c.After?.Ece, 4)} | {Format.Num(c.Before?.Brier, 4)} | "
                          + $"{Format.Num(c.After?.Brier, 4)} | {Format.Num(c.LogLossBefore, 4)} | "
                          + $"{Format.Num(c.LogLossAfter, 4)} |");
        sb.AppendLine();
        return sb.ToString();
    }

    public static string Method(ClassRecalibration c) =>
        c.Calibration is { } k ? Choice<CalibrationMethod>.Name(k.Method) : c.Reason ?? Format.Undefined;

    public static string Parameters(ClassRecalibration c) => c.Calibration switch
    {
        null => Format.Undefined,
        { Method: CalibrationMethod.Temperature } k => $"T = {Format.Num(1 / k.Slope, 4)}",
        var k => $"{Format.Num(k.Slope, 4)}, {Format.Num(k.Intercept, 4)}",
    };
}
