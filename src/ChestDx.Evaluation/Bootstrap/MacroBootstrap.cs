using ChestDx.Core.Progress;
using ChestDx.Evaluation.Metrics;

namespace ChestDx.Evaluation.Bootstrap;

/// <summary>
/// One class's contribution to a macro average: its ranking and, per ranked item, the image it belongs to.
/// </summary>
public sealed record MacroClass(RankedScores Ranked, int[] ImageOfItem, bool[] Positive);

/// <param name="Skipped">
/// Resamples left out because some averaged class had no positives or no negatives in them.
/// </param>
public sealed record MacroBootstrapResult(
    PercentileInterval? MeanAuroc, PercentileInterval? MeanAveragePrecision, int Skipped);

/// <summary>
/// Interval of the unweighted mean AUROC over classes, CheXNet's way: resample images (all their labels together)
/// with replacement, so the correlation between classes that share images is kept. A resample in which an averaged
/// class loses all its positives or negatives has no mean over the same classes; it is skipped and counted (with
/// NIH-sized test sets this never happens).
/// </summary>
public static class MacroBootstrap
{
    private const int Block = 16;

    public static MacroBootstrapResult Run(
        int images, IReadOnlyList<MacroClass> classes, ulong stream, BootstrapOptions options,
        IProgressTask? progress = null, CancellationToken cancellation = default)
    {
        options.Validate();
        int b = options.Resamples;
        if (classes.Count == 0 || images == 0) return new MacroBootstrapResult(null, null, 0);

        // Items of each class in rank order (group index ascending), so accumulating per group is a sequential pass.
        var sorted = classes.Select(c =>
        {
            int count = c.Ranked.Count;
            var idx = Enumerable.Range(0, count).OrderBy(k => c.Ranked.GroupOf[k]).ToArray();
            return (Image: idx.Select(k => c.ImageOfItem[k]).ToArray(),
                    Group: idx.Select(k => c.Ranked.GroupOf[k]).ToArray(),
                    Positive: idx.Select(k => c.Positive[k] ? 1 : 0).ToArray(),
                    Groups: c.Ranked.Groups);
        }).ToArray();

        var meanAuroc = new double[b];
        var meanAp = new double[b];
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellation,
        };
        int maxGroups = sorted.Max(s => s.Groups);
        int blocks = (b + Block - 1) / Block;
        Parallel.For(0, blocks, parallel,
            () => (W: new int[images], P: new int[maxGroups], N: new int[maxGroups]),
            (block, loop, w) =>
            {
                int end = Math.Min(b, (block + 1) * Block);
                for (int r = block * Block; r < end; r++)
                {
                    var rng = BootstrapRandom.Create(options.Seed, stream, (ulong)r);
                    Array.Clear(w.W);
                    for (int k = 0; k < images; k++) w.W[rng.NextInt(images)]++;
                    double sumAuroc = 0, sumAp = 0;
                    bool skipped = false;
                    foreach (var c in sorted)
                    {
                        Span<int> p = w.P.AsSpan(0, c.Groups), q = w.N.AsSpan(0, c.Groups);
                        p.Clear();
                        q.Clear();
                        long m = 0, total = 0;
                        for (int k = 0; k < c.Image.Length; k++)
                        {
                            // Branch-free: positives and negatives interleave unpredictably in rank order.
                            int weight = w.W[c.Image[k]], pw = weight * c.Positive[k], g = c.Group[k];
                            p[g] += pw;
                            q[g] += weight - pw;
                            m += pw;
                            total += weight;
                        }
                        long n = total - m;
                        if (m == 0 || n == 0) { skipped = true; break; }
                        ResampleSweep.Run(p, q, m, n, -1, [], [], out double auroc, out double ap, out _, out _);
                        sumAuroc += auroc;
                        sumAp += ap;
                    }
                    meanAuroc[r] = skipped ? double.NaN : sumAuroc / sorted.Length;
                    meanAp[r] = skipped ? double.NaN : sumAp / sorted.Length;
                }
                progress?.Advance(end - block * Block);
                return w;
            },
            _ => { });

        PercentileInterval? auroc = PercentileInterval.Of(meanAuroc, options.ConfidenceLevel);
        PercentileInterval? ap = PercentileInterval.Of(meanAp, options.ConfidenceLevel);
        return new MacroBootstrapResult(auroc, ap, auroc?.Undefined ?? b);
    }
}
