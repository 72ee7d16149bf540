using System.Text;
using ChestDx.Evaluation.Subgroups;

namespace ChestDx.Evaluation.Reports;

/// <summary>subgroups.csv (one row per subgroup and class) and underdiagnosis.csv (one row per subgroup); empty cells
/// are undefined, including every estimate of a subgroup that is too small.</summary>
public static class SubgroupCsv
{
    public static string Render(SubgroupAnalysisResult s)
    {
        var sb = new StringBuilder("attribute,group,class,n,positives,prevalence,too_small,auroc,auroc_ci_low,"
            + "auroc_ci_high,threshold,sensitivity,specificity,false_positive_rate,"
            + Diff("auroc") + "," + Diff("sensitivity") + "," + Diff("specificity") + "," + Diff("false_positive_rate")
            + "\n");
        foreach (SubgroupClassMetrics c in s.Classes)
        {
            sb.AppendJoin(',', Format.CsvField(c.Attribute), Format.CsvField(c.Group), Format.CsvField(c.Class),
                c.N, c.Positives, Format.Raw(c.Prevalence), Format.CsvField(c.TooSmall ?? ""), Format.Raw(c.Auroc),
                Format.Raw(c.DeLong?.CiLow), Format.Raw(c.DeLong?.CiHigh), Format.Raw(c.Threshold),
                Format.Raw(c.Sensitivity), Format.Raw(c.Specificity), Format.Raw(c.FalsePositiveRate),
                Cells(c.AurocDifference), Cells(c.SensitivityDifference), Cells(c.SpecificityDifference),
                Cells(c.FalsePositiveRateDifference));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    public static string RenderUnderdiagnosis(SubgroupAnalysisResult s)
    {
        var sb = new StringBuilder("attribute,group,images,with_finding,called_healthy,too_small,underdiagnosis_rate,"
            + Diff("underdiagnosis_rate") + "\n");
        foreach (UnderdiagnosisRate u in s.UnderdiagnosisRates)
        {
            sb.AppendJoin(',', Format.CsvField(u.Attribute), Format.CsvField(u.Group), u.Images, u.WithFinding,
                u.CalledHealthy, Format.CsvField(u.TooSmall ?? ""), Format.Raw(u.Rate), Cells(u.Difference));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string Diff(string name) => $"{name}_difference,{name}_difference_ci_low,{name}_difference_ci_high";

    private static string Cells(MetricDifference? d) =>
        $"{Format.Raw(d?.Value)},{Format.Raw(d?.Ci?.Low)},{Format.Raw(d?.Ci?.High)}";
}
