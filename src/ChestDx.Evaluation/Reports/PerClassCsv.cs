using System.Text;
using ChestDx.Evaluation.Pipeline;

namespace ChestDx.Evaluation.Reports;

/// <summary>per_class.csv: one row per class, full precision, empty cells for undefined values.</summary>
public static class PerClassCsv
{
    public static string Render(EvaluationResult r)
    {
        var sb = new StringBuilder();
        sb.AppendLine("class,n,positives,negatives,unknown_excluded,auroc,auroc_ci_low,auroc_ci_high,"
                    + "auroc_delong_ci_low,auroc_delong_ci_high,average_precision,threshold,tp,fp,fn,tn,"
                    + "sensitivity,specificity,precision,npv,f1,ece,brier,undefined_reason");
        bool boot = r.Options.Bootstrap.Resamples > 0;
        foreach (ClassEvaluation c in r.Classes)
        {
            double? lo = boot ? c.Bootstrap?.Auroc?.Low : c.DeLong?.CiLow,
                hi = boot ? c.Bootstrap?.Auroc?.High : c.DeLong?.CiHigh;
            string[] cells =
            [
                Format.CsvField(c.Name), c.N.ToString(), c.Positives.ToString(), c.Negatives.ToString(),
                c.Unknown.ToString(),
                Format.Raw(c.Auroc), Format.Raw(lo), Format.Raw(hi),
                Format.Raw(c.DeLong?.CiLow), Format.Raw(c.DeLong?.CiHigh),
                Format.Raw(c.AveragePrecision), Format.Raw(c.Threshold),
                c.Counts?.TruePositives.ToString() ?? "", c.Counts?.FalsePositives.ToString() ?? "",
                c.Counts?.FalseNegatives.ToString() ?? "", c.Counts?.TrueNegatives.ToString() ?? "",
                Format.Raw(c.Counts?.Sensitivity), Format.Raw(c.Counts?.Specificity), Format.Raw(c.Counts?.Precision),
                Format.Raw(c.Counts?.Npv), Format.Raw(c.Counts?.F1),
                Format.Raw(c.Calibration?.Ece), Format.Raw(c.Calibration?.Brier),
                Format.CsvField(c.UndefinedReason ?? ""),
            ];
            sb.AppendLine(string.Join(",", cells));
        }
        return sb.ToString();
    }

    /// <summary>thresholds.csv: the per-class thresholds, reusable by `chestdx readers --thresholds FILE`.</summary>
    public static string RenderThresholds(EvaluationResult r)
    {
        var sb = new StringBuilder("class,threshold,policy,chosen_on\n");
        foreach (ClassEvaluation c in r.Classes)
            sb.AppendLine($"{Format.CsvField(c.Name)},{Format.Raw(c.Threshold)},"
                + $"{r.ThresholdOrigin.Policy},{r.ThresholdOrigin.ChosenOn}");
        return sb.ToString();
    }
}
