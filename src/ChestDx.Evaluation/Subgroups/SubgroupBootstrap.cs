using ChestDx.Core.Progress;
using ChestDx.Evaluation.Bootstrap;

namespace ChestDx.Evaluation.Subgroups;

/// <summary>
/// The patient-level bootstrap of every subgroup's differences to the whole population. Each resample draws patients
/// (<see cref="PatientBootstrap"/>), weights every image by its patient's count, and for each class accumulates the
/// weighted positives and negatives per tie group of the class's whole-population ranking, for the whole population
/// and per subgroup at once; one sweep per (sub)population (<see cref="ResampleSweep"/>) gives its AUROC and its
/// counts at the threshold. Subgroup and whole population come from the same draw, so each difference is paired. A
/// resample that leaves a statistic undefined (no positives drawn in a subgroup, say) gives NaN there, and the
/// interval counts it as undefined (<see cref="PercentileInterval"/>).
/// </summary>
internal static class SubgroupBootstrap
{
    private const int Block = 8;

    public static void Run(IReadOnlyList<ClassSubgroups> classes, UnderdiagnosisGroups under, GroupLayout layout,
        int[] patientOf, int patients, BootstrapOptions options, IProgressTask progress, CancellationToken cancellation)
    {
        int b = options.Resamples;
        int[] values = layout.Names.Select(n => n.Length).ToArray();
        foreach (ClassSubgroups c in classes)
            c.Samples = c.Groups.Select(g => g
                    .Select(x => x.TooSmall is null && c.Overall.TooSmall is null ? new DifferenceSamples(b) : null)
                    .ToArray())
                .ToArray();
        if (under.Defined)
            under.Samples = under.Groups.Select(g => g.Select(x =>
                x.Rate is not null && under.Overall.Rate is not null ? new double[b] : null).ToArray()).ToArray();

        int maxTies = classes.Count == 0 ? 0 : classes.Max(c => c.TieGroups);
        int images = patientOf.Length;
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellation,
        };
        int blocks = (b + Block - 1) / Block;
        Parallel.For(0, blocks, parallel,
            () => new Workspace(patients, images, maxTies, values),
            (block, _, w) =>
            {
                int end = Math.Min(b, (block + 1) * Block);
                for (int r = block * Block; r < end; r++)
                {
                    PatientBootstrap.Draw(options.Seed, PatientBootstrap.Stream, r, patientOf, w.PatientWeights,
                        w.ImageWeights);
                    foreach (ClassSubgroups c in classes) Resample(c, layout, w, r);
                    if (under.Samples is not null) Underdiagnosis(under, layout, w, r);
                }
                progress.Advance(end - block * Block);
                return w;
            },
            _ => { });
    }

    private static void Resample(ClassSubgroups c, GroupLayout layout, Workspace w, int r)
    {
        int ties = c.TieGroups, attributes = layout.Attributes.Count;
        Span<int> p = w.P.AsSpan(0, ties), q = w.N.AsSpan(0, ties);
        p.Clear();
        q.Clear();
        for (int a = 0; a < attributes; a++)
        {
            w.GroupP[a].AsSpan(0, layout.Names[a].Length * ties).Clear();
            w.GroupN[a].AsSpan(0, layout.Names[a].Length * ties).Clear();
            w.GroupM[a].AsSpan().Clear();
            w.GroupTotal[a].AsSpan().Clear();
        }
        long m = 0, total = 0;
        for (int k = 0; k < c.Image.Length; k++)
        {
            int image = c.Image[k], weight = w.ImageWeights[image];
            if (weight == 0) continue;
            int g = c.TieGroup[k];
            bool positive = c.Positive[k];
            if (positive) { p[g] += weight; m += weight; }
            else q[g] += weight;
            total += weight;
            for (int a = 0; a < attributes; a++)
            {
                int v = layout.GroupOf[a][image];
                if (positive) { w.GroupP[a][v * ties + g] += weight; w.GroupM[a][v] += weight; }
                else w.GroupN[a][v * ties + g] += weight;
                w.GroupTotal[a][v] += weight;
            }
        }
        (double auroc, double sens, double spec) = Sweep(p, q, m, total - m, c.Cut);
        for (int a = 0; a < attributes; a++)
            for (int v = 0; v < layout.Names[a].Length; v++)
            {
                if (c.Samples![a][v] is not { } s) continue;
                long gm = w.GroupM[a][v], gn = w.GroupTotal[a][v] - gm;
                (double ga, double gs, double gp) = Sweep(w.GroupP[a].AsSpan(v * ties, ties),
                    w.GroupN[a].AsSpan(v * ties, ties), gm, gn, c.Cut);
                s.Auroc[r] = ga - auroc;
                s.Sensitivity[r] = gs - sens;
                s.Specificity[r] = gp - spec;
                s.FalsePositiveRate[r] = (1 - gp) - (1 - spec);
            }
    }

    /// <summary>AUROC, sensitivity and specificity of weighted counts per tie group; NaN where undefined.</summary>
    private static (double Auroc, double Sensitivity, double Specificity) Sweep(
        ReadOnlySpan<int> p, ReadOnlySpan<int> q, long m, long n, int cut)
    {
        if (m == 0 && n == 0) return (double.NaN, double.NaN, double.NaN);
        ResampleSweep.Run(p, q, m, n, cut, [], [], out double auroc, out _, out long tp, out long fp);
        double sens = cut >= 0 && m > 0 ? (double)tp / m : double.NaN;
        double spec = cut >= 0 && n > 0 ? 1 - (double)fp / n : double.NaN;
        return (auroc, sens, spec);
    }

    private static void Underdiagnosis(UnderdiagnosisGroups under, GroupLayout layout, Workspace w, int r)
    {
        int attributes = layout.Attributes.Count;
        for (int a = 0; a < attributes; a++)
        {
            w.GroupM[a].AsSpan().Clear();
            w.GroupTotal[a].AsSpan().Clear();
        }
        long healthy = 0, withFinding = 0;
        for (int i = 0; i < w.ImageWeights.Length; i++)
        {
            int weight = w.ImageWeights[i];
            if (weight == 0 || under.Called.WithFinding[i] != true) continue;
            int h = under.Called.Healthy[i] ? weight : 0;
            withFinding += weight;
            healthy += h;
            for (int a = 0; a < attributes; a++)
            {
                int v = layout.GroupOf[a][i];
                w.GroupTotal[a][v] += weight;
                w.GroupM[a][v] += h;
            }
        }
        double overall = withFinding > 0 ? (double)healthy / withFinding : double.NaN;
        for (int a = 0; a < attributes; a++)
            for (int v = 0; v < layout.Names[a].Length; v++)
                if (under.Samples![a][v] is { } s)
                    s[r] = w.GroupTotal[a][v] > 0 ? (double)w.GroupM[a][v] / w.GroupTotal[a][v] - overall : double.NaN;
    }

    /// <summary>One thread's buffers: the draw, and weighted counts per tie group for the whole population and, per
    /// attribute, for each subgroup (subgroup v's tie group g at v·ties + g).</summary>
    private sealed class Workspace
    {
        public Workspace(int patients, int images, int ties, int[] values)
        {
            PatientWeights = new int[patients];
            ImageWeights = new int[images];
            P = new int[ties];
            N = new int[ties];
            GroupP = values.Select(v => new int[v * ties]).ToArray();
            GroupN = values.Select(v => new int[v * ties]).ToArray();
            GroupM = values.Select(v => new long[v]).ToArray();
            GroupTotal = values.Select(v => new long[v]).ToArray();
        }

        public int[] PatientWeights { get; }
        public int[] ImageWeights { get; }
        public int[] P { get; }
        public int[] N { get; }
        public int[][] GroupP { get; }
        public int[][] GroupN { get; }
        public long[][] GroupM { get; }
        public long[][] GroupTotal { get; }
    }
}
