using ChestDx.Core.Progress;
using ChestDx.Evaluation.Metrics;

namespace ChestDx.Evaluation.Bootstrap;

/// <summary>Percentile intervals for one class from stratified resamples.</summary>
/// <param name="RocBandLow">
/// Pointwise interval of sensitivity at each false-positive rate of <see cref="RocGrid"/>.
/// </param>
/// <param name="AurocDifference">Interval of AUROC(model) − AUROC(comparison) on the same resamples (paired).</param>
public sealed record ClassBootstrapResult(
    PercentileInterval? Auroc, PercentileInterval? AveragePrecision,
    PercentileInterval? Sensitivity, PercentileInterval? Specificity, PercentileInterval? Precision,
    PercentileInterval? Npv, PercentileInterval? F1,
    IReadOnlyList<double> RocGrid, IReadOnlyList<double>? RocBandLow, IReadOnlyList<double>? RocBandHigh,
    PercentileInterval? ComparisonAuroc, PercentileInterval? AurocDifference);

/// <summary>
/// Stratified bootstrap of one class (pROC's boot.stratified = TRUE): each resample draws m positives from the m
/// positives and n negatives from the n negatives, with replacement, so every resample has the class's prevalence and
/// AUROC is always defined. Scores are never re-sorted: a resample only changes how many times each tie group is
/// drawn, and every statistic is one sweep over the groups (see <see cref="RankedScores"/>). A comparison model is
/// scored on the very same draws, which makes the difference's interval paired.
/// </summary>
public static class ClassBootstrap
{
    private const int Block = 32;

    public static ClassBootstrapResult Run(
        RankedScores model, double? threshold, RankedScores? comparison, ReadOnlySpan<bool> positive, ulong stream,
        BootstrapOptions options, ReadOnlySpan<double> rocGrid, IProgressTask? progress = null,
        CancellationToken cancellation = default)
    {
        options.Validate();
        if (comparison is not null && comparison.Count != model.Count)
            throw new ArgumentException("the comparison must score the same cases");
        int b = options.Resamples;
        int m = model.TotalPositives, n = model.TotalNegatives;
        var posA = new int[m];
        var negA = new int[n];
        int[]? posB = comparison is null ? null : new int[m], negB = comparison is null ? null : new int[n];
        for (int i = 0, p = 0, q = 0; i < positive.Length; i++)
        {
            if (positive[i])
            {
                posA[p] = model.GroupOf[i];
                if (posB is not null) posB[p] = comparison!.GroupOf[i];
                p++;
            }
            else
            {
                negA[q] = model.GroupOf[i];
                if (negB is not null) negB[q] = comparison!.GroupOf[i];
                q++;
            }
        }
        int cut = threshold is { } t ? model.GroupsAtOrAbove(t) : -1;
        double[] grid = rocGrid.ToArray();
        bool band = m > 0 && n > 0 && grid.Length > 0;
        double[] gridFp = band ? grid.Select(f => f * n).ToArray() : [];

        var auroc = new double[b];
        var ap = new double[b];
        var sens = new double[b];
        var spec = new double[b];
        var ppv = new double[b];
        var npv = new double[b];
        var f1 = new double[b];
        var bandValues = band ? new double[(long)b * grid.Length] : [];
        var aurocB = comparison is null ? null : new double[b];

        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellation,
        };
        int blocks = (b + Block - 1) / Block;
        Parallel.For(0, blocks, parallel,
            () => (P: new int[model.Groups], N: new int[model.Groups],
                PB: new int[comparison?.Groups ?? 0], NB: new int[comparison?.Groups ?? 0]),
            (block, loop, w) =>
            {
                int end = Math.Min(b, (block + 1) * Block);
                for (int r = block * Block; r < end; r++)
                {
                    var rng = BootstrapRandom.Create(options.Seed, stream, (ulong)r);
                    Array.Clear(w.P);
                    Array.Clear(w.N);
                    if (posB is null)
                    {
                        for (int k = 0; k < m; k++) w.P[posA[rng.NextInt(m)]]++;
                        for (int k = 0; k < n; k++) w.N[negA[rng.NextInt(n)]]++;
                    }
                    else
                    {
                        Array.Clear(w.PB);
                        Array.Clear(w.NB);
                        for (int k = 0; k < m; k++) { int i = rng.NextInt(m); w.P[posA[i]]++; w.PB[posB[i]]++; }
                        for (int k = 0; k < n; k++) { int i = rng.NextInt(n); w.N[negA[i]]++; w.NB[negB![i]]++; }
                        ResampleSweep.Run(w.PB, w.NB, m, n, -1, [], [], out aurocB![r], out _, out _, out _);
                    }
                    ResampleSweep.Run(w.P, w.N, m, n, cut, gridFp,
                        band ? bandValues.AsSpan(r * grid.Length, grid.Length) : [],
                        out auroc[r], out ap[r], out long tp, out long fp);
                    if (cut >= 0)
                    {
                        var c = new BinaryCounts(tp, fp, m - tp, n - fp);
                        sens[r] = c.Sensitivity ?? double.NaN;
                        spec[r] = c.Specificity ?? double.NaN;
                        ppv[r] = c.Precision ?? double.NaN;
                        npv[r] = c.Npv ?? double.NaN;
                        f1[r] = c.F1 ?? double.NaN;
                    }
                }
                progress?.Advance(end - block * Block);
                return w;
            },
            _ => { });

        double level = options.ConfidenceLevel;
        PercentileInterval? Of(double[] values) => PercentileInterval.Of(values, level);
        double[]? low = null, high = null;
        if (band)
        {
            low = new double[grid.Length];
            high = new double[grid.Length];
            var column = new double[b];
            for (int j = 0; j < grid.Length; j++)
            {
                for (int r = 0; r < b; r++) column[r] = bandValues[(long)r * grid.Length + j];
                PercentileInterval? iv = Of(column);
                low[j] = iv?.Low ?? double.NaN;
                high[j] = iv?.High ?? double.NaN;
            }
        }
        PercentileInterval? diff = null;
        if (aurocB is not null)
        {
            var d = new double[b];
            for (int r = 0; r < b; r++) d[r] = auroc[r] - aurocB[r];
            diff = Of(d);
        }
        bool thresholded = cut >= 0;
        return new ClassBootstrapResult(
            Of(auroc), Of(ap),
            thresholded ? Of(sens) : null, thresholded ? Of(spec) : null, thresholded ? Of(ppv) : null,
            thresholded ? Of(npv) : null, thresholded ? Of(f1) : null,
            grid, low, high, aurocB is null ? null : Of(aurocB), diff);
    }
}
