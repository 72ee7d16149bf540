using System.Text.Json;
using ChestDx.Evaluation.Pipeline;
using ChestDx.Evaluation.Subgroups;

namespace ChestDx.Evaluation.Tests.Subgroups;

/// <summary>
/// Every subgroup's n, positives, AUROC, sensitivity, specificity and false-positive rate, and every subgroup's
/// underdiagnosis rate, against scikit-learn 1.2 (tests/data/eval-reference/subgroups/make_subgroups.py), within a
/// relative 1e-9; the too-small subgroups are the ones the script marks.
/// </summary>
public sealed class SubgroupSklearnReferenceTests : IDisposable
{
    private const double Tolerance = 1e-9;
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-subgroups-").FullName;
    private readonly SubgroupAnalysisResult _result;

    public SubgroupSklearnReferenceTests()
    {
        EvaluationResult evaluation = SubgroupCase.Evaluate(_dir, resamples: 0);
        _result = SubgroupAnalysis.Run(evaluation, SubgroupMetadata.Load(null, SubgroupCase.Metadata),
            new SubgroupOptions { Attributes = Enum.GetValues<SubgroupAttribute>() });
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static void Close(double expected, double? actual, string what)
    {
        Assert.True(actual.HasValue, $"{what}: expected {expected:R}, got no value");
        double scale = Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual!.Value) <= Tolerance * scale,
            $"{what}: expected {expected:R}, got {actual.Value:R}");
    }

    private static string Key(string attribute, string group) =>
        attribute == SubgroupAnalysis.All ? SubgroupAnalysis.All : $"{attribute}:{group}";

    [Fact]
    public void Every_subgroup_of_the_reference_is_reported_and_no_other()
    {
        foreach (string cls in SubgroupCase.Classes)
        {
            var expected = SubgroupCase.Sklearn.GetProperty("per_class").GetProperty(cls).EnumerateObject()
                .Select(p => p.Name).Order(StringComparer.Ordinal);
            var actual = _result.Classes.Where(c => c.Class == cls).Select(c => Key(c.Attribute, c.Group))
                .Order(StringComparer.Ordinal);
            Assert.Equal(expected, actual);
        }
        Assert.Equal(SubgroupCase.Sklearn.GetProperty("patients").GetInt32(), _result.Patients);
    }

    [Fact]
    public void Class_metrics_per_subgroup_match_scikit_learn()
    {
        int compared = 0, tooSmall = 0;
        foreach (SubgroupClassMetrics c in _result.Classes)
        {
            string where = $"{c.Class} {Key(c.Attribute, c.Group)}";
            JsonElement e = SubgroupCase.Sklearn.GetProperty("per_class").GetProperty(c.Class)
                .GetProperty(Key(c.Attribute, c.Group));
            Assert.True(e.GetProperty("n").GetInt32() == c.N, $"{where}: n");
            Assert.True(e.GetProperty("positives").GetInt32() == c.Positives, $"{where}: positives");
            Close(SubgroupCase.Sklearn.GetProperty("thresholds").GetProperty(c.Class).GetDouble(), c.Threshold,
                $"{where} threshold");
            if (e.GetProperty("too_small").GetBoolean())
            {
                Assert.True(c.TooSmall is not null, $"{where}: scikit-learn reference marks it too small");
                tooSmall++;
                continue;
            }
            Assert.True(c.TooSmall is null, $"{where}: reported too small ({c.TooSmall})");
            Close(e.GetProperty("auroc").GetDouble(), c.Auroc, $"{where} AUROC");
            Close(e.GetProperty("sensitivity").GetDouble(), c.Sensitivity, $"{where} sensitivity");
            Close(e.GetProperty("specificity").GetDouble(), c.Specificity, $"{where} specificity");
            Close(e.GetProperty("false_positive_rate").GetDouble(), c.FalsePositiveRate, $"{where} FPR");
            compared++;
        }
        Assert.True(compared >= 40 && tooSmall >= 10, $"{compared} compared, {tooSmall} too small");
    }

    [Fact]
    public void Underdiagnosis_rate_per_subgroup_matches_the_false_positive_rate_of_no_finding()
    {
        Assert.Null(_result.Underdiagnosis.UndefinedReason);
        JsonElement reference = SubgroupCase.Sklearn.GetProperty("underdiagnosis");
        Assert.Equal(reference.EnumerateObject().Count(), _result.UnderdiagnosisRates.Count);
        foreach (UnderdiagnosisRate u in _result.UnderdiagnosisRates)
        {
            string where = Key(u.Attribute, u.Group);
            JsonElement e = reference.GetProperty(where);
            Assert.True(e.GetProperty("images").GetInt32() == u.Images, $"{where}: images");
            Assert.True(e.GetProperty("with_finding").GetInt32() == u.WithFinding, $"{where}: with a finding");
            Assert.True(e.GetProperty("called_healthy").GetInt32() == u.CalledHealthy, $"{where}: called healthy");
            if (e.GetProperty("too_small").GetBoolean())
            {
                Assert.True(u.TooSmall is not null && u.Rate is null, $"{where}: should be too small");
                continue;
            }
            Close(e.GetProperty("rate").GetDouble(), u.Rate, $"{where} underdiagnosis rate");
        }
    }
}
