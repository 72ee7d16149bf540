using System.Text.Json;
using ChestDx.Evaluation.Metrics;

namespace ChestDx.Evaluation.Tests.Metrics;

/// <summary>DeLong variance, 95% CI and the paired test against R pROC 1.18 (delong_reference.R), within 1e-6.</summary>
public sealed class ProcReferenceTests
{
    private const double Tolerance = 1e-6;
    private static readonly ReferenceCase Case = ReferenceCase.Instance;

    public static TheoryData<string> Classes() => new(ReferenceCase.Proc.EnumerateObject().Select(p => p.Name));

    [Theory]
    [MemberData(nameof(Classes))]
    public void Variance_and_ci_match_ci_auc_delong(string cls)
    {
        foreach (string model in new[] { "model_a", "model_b" })
        {
            JsonElement e = ReferenceCase.Proc.GetProperty(cls).GetProperty(model);
            DeLongEstimate d = DeLong.Estimate(Case.Scores(model, cls), Case.Truth[cls]);
            Assert.Equal(e.GetProperty("auc").GetDouble(), d.Auroc, Tolerance);
            Assert.Equal(e.GetProperty("var").GetDouble(), d.Variance!.Value, Tolerance);
            Assert.Equal(e.GetProperty("ci_low").GetDouble(), d.CiLow!.Value, Tolerance);
            Assert.Equal(e.GetProperty("ci_high").GetDouble(), d.CiHigh!.Value, Tolerance);
        }
    }

    [Theory]
    [MemberData(nameof(Classes))]
    public void Paired_test_matches_roc_test_delong(string cls)
    {
        JsonElement e = ReferenceCase.Proc.GetProperty(cls).GetProperty("paired_delong");
        PairedDeLongTest t = DeLong.Compare(Case.ModelA[cls], Case.ModelB[cls], Case.Truth[cls]);
        Assert.Equal(e.GetProperty("z").GetDouble(), t.Z!.Value, Tolerance);
        Assert.Equal(e.GetProperty("p_value").GetDouble(), t.PValue!.Value, Tolerance);
    }
}
