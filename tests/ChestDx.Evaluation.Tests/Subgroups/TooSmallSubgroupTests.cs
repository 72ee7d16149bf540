using System.Text.Json;
using ChestDx.Evaluation.Pipeline;
using ChestDx.Evaluation.Reports;
using ChestDx.Evaluation.Subgroups;

namespace ChestDx.Evaluation.Tests.Subgroups;

/// <summary>A subgroup below the minimum size is reported as too small, with the reason, and never with a
/// number.</summary>
public sealed class TooSmallSubgroupTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-subgroup-small-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Site_C_has_one_pneumonia_positive_and_is_reported_too_small_in_every_output()
    {
        EvaluationResult evaluation = SubgroupCase.Evaluate(_dir, resamples: 100);
        SubgroupAnalysisResult s = SubgroupAnalysis.Run(evaluation, SubgroupMetadata.Load(null, SubgroupCase.Metadata),
            new SubgroupOptions { Attributes = [SubgroupAttribute.Site] });

        SubgroupClassMetrics c = s.Classes.Single(x => x.Class == "Pneumonia" && x.Group == "C");
        Assert.Equal((37, 1), (c.N, c.Positives));
        Assert.Equal("1 positive, fewer than 10", c.TooSmall);
        Assert.Null(c.Auroc);
        Assert.Null(c.DeLong);
        Assert.Null(c.Counts);
        Assert.Null(c.Sensitivity);
        Assert.Null(c.AurocDifference);
        Assert.Null(c.SensitivityDifference);
        // Site B, the same class, is estimated: the rule is about size, not about the class.
        Assert.Null(s.Classes.Single(x => x.Class == "Pneumonia" && x.Group == "B").TooSmall);

        string outDir = Path.Combine(_dir, "out");
        EvaluationReport.WriteAll(outDir, evaluation, additions: new ReportAdditions { Subgroups = s });
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "subgroups.json")));
        JsonElement row = json.RootElement.GetProperty("classes").EnumerateArray()
            .Single(x => x.GetProperty("class").GetString() == "Pneumonia"
                && x.GetProperty("group").GetString() == "C");
        Assert.Equal("1 positive, fewer than 10", row.GetProperty("too_small").GetString());
        foreach (string field in new[]
                 {
                     "auroc", "auroc_delong_ci", "sensitivity", "specificity", "false_positive_rate",
                     "auroc_difference",
                 })
            Assert.True(row.GetProperty(field).ValueKind == JsonValueKind.Null, $"{field} should be null");

        string csvRow = File.ReadAllLines(Path.Combine(outDir, "subgroups.csv"))
            .Single(l => l.StartsWith("site,C,Pneumonia,", StringComparison.Ordinal));
        Assert.Equal("site,C,Pneumonia,37,1,"
            + (1 / 37.0).ToString("R", System.Globalization.CultureInfo.InvariantCulture)
            + ",\"1 positive, fewer than 10\",,,,0.27" + new string(',', 15), csvRow);
        string markdown = File.ReadAllText(Path.Combine(outDir, "report.md"));
        Assert.Contains("| Pneumonia | site | C | 37 | 1 | 0.027 | too small (1 positive, fewer than 10) |", markdown);
    }

    [Fact]
    public void A_higher_minimum_marks_more_subgroups_too_small()
    {
        EvaluationResult evaluation = SubgroupCase.Evaluate(_dir, resamples: 0);
        var metadata = SubgroupMetadata.Load(null, SubgroupCase.Metadata);
        SubgroupAnalysisResult normal = SubgroupAnalysis.Run(evaluation, metadata,
            new SubgroupOptions { Attributes = [SubgroupAttribute.Sex] });
        SubgroupAnalysisResult strict = SubgroupAnalysis.Run(evaluation, metadata,
            new SubgroupOptions { Attributes = [SubgroupAttribute.Sex], MinPositives = 60 });
        SubgroupClassMetrics cardio = strict.Classes.Single(x => x.Class == "Cardiomegaly" && x.Group == "F");
        Assert.Equal("37 positives, fewer than 60", cardio.TooSmall);
        Assert.Null(normal.Classes.Single(x => x.Class == "Cardiomegaly" && x.Group == "F").TooSmall);
    }
}
