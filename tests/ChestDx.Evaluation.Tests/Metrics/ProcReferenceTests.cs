using System.Text.Json;
using ChestDx.Evaluation.Metrics;

namespace ChestDx.Evaluation.Tests.Metrics;

/// <summary>
/// DeLong variance, 95% CI and the paired test against R pROC 1.18 (delong_reference.R), within a relative 1e-9. The
/// reference prints 15 significant digits and both sides compute in double, so agreement is ~1e-14; 1e-9 leaves room
/// for summation order, while a variance using n instead of n−1 in S₀₁ or S₁₀ (an absolute shift of 1–2e-7 on
/// variances of 2e-4 to 4e-3, which an absolute 1e-6 tolerance let through) fails.
/// </summary>
public sealed class ProcReferenceTests
{
    private const double Relative = 1e-9;
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
            Close(e.GetProperty("auc").GetDouble(), d.Auroc, $"{cls} {model} auc");
            Close(e.GetProperty("var").GetDouble(), d.Variance!.Value, $"{cls} {model} variance");
            Close(e.GetProperty("ci_low").GetDouble(), d.CiLow!.Value, $"{cls} {model} ci_low");
            Close(e.GetProperty("ci_high").GetDouble(), d.CiHigh!.Value, $"{cls} {model} ci_high");
        }
    }

    [Theory]
    [MemberData(nameof(Classes))]
    public void Paired_test_matches_roc_test_delong(string cls)
    {
        JsonElement e = ReferenceCase.Proc.GetProperty(cls).GetProperty("paired_delong");
        PairedDeLongTest t = DeLong.Compare(Case.ModelA[cls], Case.ModelB[cls], Case.Truth[cls]);
        Close(e.GetProperty("z").GetDouble(), t.Z!.Value, $"{cls} z");
        Close(e.GetProperty("p_value").GetDouble(), t.PValue!.Value, $"{cls} p");
    }

    private static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(actual - expected) <= Relative * Math.Abs(expected),
            FormattableString.Invariant($"{what}: {actual:R} vs pROC {expected:R} (relative error {
                Math.Abs(actual - expected) / Math.Abs(expected):G3})"));
}
