using ChestDx.Evaluation.Bootstrap;
using ChestDx.Evaluation.Metrics;
using ChestDx.Evaluation.Tests.Metrics;

namespace ChestDx.Evaluation.Tests.Bootstrap;

public sealed class BootstrapTests
{
    private static readonly ReferenceCase Case = ReferenceCase.Instance;

    /// <summary>
    /// The fused group sweep must equal materialising each resample and recomputing from scratch (same draws, same
    /// order: m positives, then n negatives, from the stream of (seed, stream, resample)).
    /// </summary>
    [Fact]
    public void Stratified_intervals_equal_a_naive_resample_and_recompute()
    {
        double[] s = Case.ModelA["Atelectasis"];
        bool[] y = Case.Truth["Atelectasis"];
        var options = new BootstrapOptions { Resamples = 300, Seed = 11 };
        ClassBootstrapResult fast = ClassBootstrap.Run(RankedScores.Build(s, y), 0.5, null, y, 7, options, []);

        int[] pos = Enumerable.Range(0, y.Length).Where(i => y[i]).ToArray(),
            neg = Enumerable.Range(0, y.Length).Where(i => !y[i]).ToArray();
        var auroc = new double[options.Resamples];
        var ap = new double[options.Resamples];
        var f1 = new double[options.Resamples];
        for (int r = 0; r < options.Resamples; r++)
        {
            var rng = BootstrapRandom.Create(options.Seed, 7, (ulong)r);
            var idx = new List<int>();
            for (int k = 0; k < pos.Length; k++) idx.Add(pos[rng.NextInt(pos.Length)]);
            for (int k = 0; k < neg.Length; k++) idx.Add(neg[rng.NextInt(neg.Length)]);
            double[] rs = idx.Select(i => s[i]).ToArray();
            bool[] ry = idx.Select(i => y[i]).ToArray();
            RankedScores ranked = RankedScores.Build(rs, ry);
            auroc[r] = PairwiseAuroc.Of(rs, ry)!.Value;
            ap[r] = ranked.AveragePrecision()!.Value;
            f1[r] = ranked.CountsAt(0.5).F1!.Value;
        }
        Assert.Equal(PercentileInterval.Of(auroc, 0.95)!.Low, fast.Auroc!.Low, 12);
        Assert.Equal(PercentileInterval.Of(auroc, 0.95)!.High, fast.Auroc.High, 12);
        Assert.Equal(PercentileInterval.Of(ap, 0.95)!.Low, fast.AveragePrecision!.Low, 12);
        Assert.Equal(PercentileInterval.Of(f1, 0.95)!.High, fast.F1!.High, 12);
    }

    [Fact]
    public void Results_do_not_depend_on_the_number_of_threads()
    {
        double[] s = Case.ModelA["Effusion"];
        bool[] y = Case.Truth["Effusion"];
        RankedScores r = RankedScores.Build(s, y);
        double[] grid = [0, 0.1, 0.5, 1];
        var one = ClassBootstrap.Run(r, 0.4, RankedScores.Build(Case.ModelB["Effusion"], y), y, 1,
            new BootstrapOptions { Resamples = 257, MaxDegreeOfParallelism = 1 }, grid);
        var two = ClassBootstrap.Run(r, 0.4, RankedScores.Build(Case.ModelB["Effusion"], y), y, 1,
            new BootstrapOptions { Resamples = 257, MaxDegreeOfParallelism = 2 }, grid);
        Assert.Equal(one.Auroc, two.Auroc);
        Assert.Equal(one.AurocDifference, two.AurocDifference);
        Assert.Equal(one.RocBandLow, two.RocBandLow);
        // The band ends where every ROC curve ends.
        Assert.Equal(1.0, one.RocBandLow![^1]);
        Assert.InRange(r.Auroc()!.Value, one.Auroc!.Low, one.Auroc.High);
    }

    [Fact]
    public void Percentiles_interpolate_like_numpy()
    {
        // numpy.percentile([1, 2, 3, 4], [2.5, 97.5]) = [1.075, 3.925]
        PercentileInterval? i = PercentileInterval.Of([4, 1, 3, 2, double.NaN], 0.95);
        Assert.Equal(1.075, i!.Low, 12);
        Assert.Equal(3.925, i.High, 12);
        Assert.Equal(1, i.Undefined);
    }

    [Fact]
    public void Bounded_draws_are_uniform()
    {
        var rng = BootstrapRandom.Create(1, 2, 3);
        var counts = new int[7];
        for (int i = 0; i < 70_000; i++) counts[rng.NextInt(7)]++;
        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
    }
}
