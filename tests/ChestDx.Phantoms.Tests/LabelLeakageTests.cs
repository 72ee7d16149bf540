using ChestDx.Core.Labels;
using ChestDx.Phantoms;
using ChestDx.Phantoms.Findings;
using Xunit.Abstractions;

namespace ChestDx.Phantoms.Tests;

/// <summary>
/// Labels must not be readable from global brightness: a model should have to find the finding, not notice a
/// brighter or darker film. Over 300 phantoms at 64², for every planted class, the image mean separates positives
/// from negatives no better than chance allows (AUROC near 0.5) and the mean shift is small next to the spread of
/// exposures. Exposure is drawn independently of the findings, so only the finding's own pixels move the mean.
/// </summary>
public class LabelLeakageTests(ITestOutputHelper output)
{
    private const int Count = 300;

    [Fact]
    public void Global_brightness_does_not_reveal_any_label()
    {
        PhantomOptions options = PhantomTestKit.Options(count: Count, seed: 21);
        var means = new double[Count];
        var labels = new float[Count][];
        Parallel.For(0, Count, i =>
        {
            PhantomCase phantom = PhantomTestKit.Case(options, i);
            means[i] = PhantomTestKit.Grey(phantom, 64).Average();
            labels[i] = phantom.Labels();
        });
        double meanSpread = StandardDeviation(means);
        foreach (FindingInfo info in FindingCatalog.All)
        {
            bool[] positive = labels.Select(l => l[info.ClassIndex] == 1).ToArray();
            int positives = positive.Count(p => p);
            double shift = Mean(means, positive, true) - Mean(means, positive, false);
            double auroc = Auroc(means, positive);
            output.WriteLine($"{info.ClassName,-14} n+={positives,3} mean shift {shift,6:0.00} grey "
                + $"({shift / meanSpread,5:0.00} sd)  AUROC(mean) {auroc:0.000}");
            Assert.InRange(positives, 20, Count - 20);
            // With ~45 positives the AUROC's standard error is ~0.045; 0.65 is over 3 standard errors from chance.
            Assert.InRange(auroc, 0.35, 0.65);
            Assert.True(Math.Abs(shift) < 0.3 * meanSpread,
                $"{info.ClassName}: mean shift {shift:0.00} vs exposure spread {meanSpread:0.00}");
        }
    }

    private static double Mean(double[] values, bool[] positive, bool which) =>
        values.Where((_, i) => positive[i] == which).Average();

    private static double StandardDeviation(double[] values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }

    /// <summary>Mann–Whitney AUROC of <paramref name="scores"/> for <paramref name="positive"/>,
    /// ties counted half.</summary>
    private static double Auroc(double[] scores, bool[] positive)
    {
        double wins = 0;
        int pairs = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            if (!positive[i]) continue;
            for (int j = 0; j < scores.Length; j++)
            {
                if (positive[j]) continue;
                wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                pairs++;
            }
        }
        return wins / pairs;
    }
}
