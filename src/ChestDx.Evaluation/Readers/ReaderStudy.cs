using ChestDx.Core;
using ChestDx.Core.Progress;
using ChestDx.Evaluation.Bootstrap;
using ChestDx.Evaluation.Inputs;
using ChestDx.Evaluation.Metrics;

namespace ChestDx.Evaluation.Readers;

/// <summary>
/// A reader study in the manner of CheXNet (Rajpurkar et al. 2017 §4.1, Table 1). Per class:
/// every reader and the model against the reference (a file, or the majority of chosen readers): F1, sensitivity,
/// specificity, precision, Cohen's kappa; Cohen's kappa for every pair of readers and Fleiss' kappa over all readers;
/// and the CheXNet protocol — each reader scored against the majority vote of the other readers, the model against
/// each of those same majorities, both averaged, with percentile bootstrap intervals and the interval of
/// model − readers, all from the same image-level resamples (10,000 by default) so the difference is paired.
/// Blank calls are left out of every comparison they take part in; ties in majority votes follow
/// <see cref="ReaderStudyOptions.Ties"/> and are counted.
/// </summary>
public static class ReaderStudy
{
    private const int Block = 32;

    public static ReaderStudyResult Run(
        IReadOnlyList<string> ids, IReadOnlyList<ReaderRatings> readers, ReferenceLabels? reference,
        ReaderRatings? model,
        ReaderStudyOptions? options = null, string? modelThresholds = null, IReadOnlyList<string>? classes = null,
        IProgressSink? progress = null, CancellationToken cancellation = default)
    {
        options ??= new ReaderStudyOptions();
        options.Bootstrap.Validate();
        progress ??= NullProgressSink.Instance;
        if (readers.Count < 2)
            throw new ChestDxException($"a reader study needs at least two readers; {readers.Count} given");
        var notes = new List<string>();
        var majorityOf = options.MajorityOf is { Count: > 0 } m ? m : readers.Select(r => r.Name).ToList();
        foreach (string name in majorityOf)
            if (readers.All(r => r.Name != name))
                throw new ChestDxException($"--majority-of names \"{name}\", which is not a reader ("
                    + $"{string.Join(", ", readers.Select(r => r.Name))})");

        string[] chosen = ChooseClasses(readers, reference, model, classes, notes);
        sbyte[][]? referenceCalls = reference is null ? null : AlignReference(ids, reference, chosen);

        var comparisons = new List<(sbyte[] Rater, sbyte[] Truth)>();
        int Add(sbyte[] rater, sbyte[] truth) { comparisons.Add((rater, truth)); return comparisons.Count - 1; }
        var plans = new List<ClassPlan>();
        for (int c = 0; c < chosen.Length; c++)
        {
            string cls = chosen[c];
            sbyte[][] calls = readers.Select(r => r.Calls[r.IndexOfClass(cls)]).ToArray();
            int ties = 0;
            sbyte[] truth = referenceCalls is not null ? referenceCalls[c]
                : MajorityVote.Of(
                    readers.Where(r => majorityOf.Contains(r.Name)).Select(r => r.Calls[r.IndexOfClass(cls)]).ToList(),
                    options.Ties, out ties);
            sbyte[]? modelCalls = model?.Calls[model.IndexOfClass(cls)];
            var plan = new ClassPlan(cls, truth, ties, calls, modelCalls)
            {
                VsReference = calls.Select(x => Add(x, truth)).ToList(),
                ModelVsReference = modelCalls is null ? -1 : Add(modelCalls, truth),
            };
            for (int r = 0; r < readers.Count; r++)
            {
                sbyte[] others = MajorityVote.Of(calls.Where((_, k) => k != r).ToList(), options.Ties, out int t);
                plan.ProtocolTies.Add(t);
                plan.ReaderProtocol.Add(Add(calls[r], others));
                if (modelCalls is not null) plan.ModelProtocol.Add(Add(modelCalls, others));
            }
            plans.Add(plan);
        }

        double[][] boot = Bootstrap(ids.Count, comparisons, options.Bootstrap, progress, cancellation);
        double level = options.Bootstrap.ConfidenceLevel;
        PercentileInterval? Ci(int k) => boot.Length == 0 ? null : PercentileInterval.Of(boot[k].ToArray(), level);
        PercentileInterval? MeanCi(IReadOnlyList<int> ks) => boot.Length == 0 || ks.Count == 0 ? null
            : PercentileInterval.Of(
                Enumerable.Range(0, options.Bootstrap.Resamples).Select(b => ks.Average(k => boot[k][b])).ToArray(),
                level);
        BinaryCounts Counts(int k) => CountsOf(comparisons[k].Rater, comparisons[k].Truth);

        var results = new List<ClassReaderStudy>();
        foreach (ClassPlan p in plans)
        {
            var versus = p.VsReference.Select((k, r) => new RaterScore(
                readers[r].Name, false, reference is null && majorityOf.Contains(readers[r].Name), Counts(k), Ci(k)))
                .ToList();
            if (p.ModelVsReference >= 0)
                versus.Add(new RaterScore(
                    model!.Name, true, false, Counts(p.ModelVsReference), Ci(p.ModelVsReference)));

            var pairs = new List<PairwiseKappa>();
            for (int a = 0; a < readers.Count; a++)
                for (int b = a + 1; b < readers.Count; b++)
                {
                    BinaryCounts k = CountsOf(p.Calls[b], p.Calls[a]);
                    pairs.Add(new PairwiseKappa(readers[a].Name, readers[b].Name, (int)k.Total, k.CohenKappa));
                }
            var votes = new List<int>();
            for (int i = 0; i < ids.Count; i++)
                if (p.Calls.All(x => x[i] != ReferenceLabels.Unknown)) votes.Add(p.Calls.Count(x => x[i] == 1));

            var readerScores = p.ReaderProtocol
                .Select((k, r) => new RaterScore(readers[r].Name, false, false, Counts(k), Ci(k))).ToList();
            var modelScores = p.ModelProtocol.Select((k, r) => new RaterScore(
                $"{model!.Name} vs majority without {readers[r].Name}", true, false, Counts(k), Ci(k))).ToList();
            double? readersMean = MeanOf(readerScores), modelMean = modelScores.Count > 0 ? MeanOf(modelScores) : null;
            PercentileInterval? diffCi = null;
            if (boot.Length > 0 && p.ModelProtocol.Count > 0)
                diffCi = PercentileInterval.Of(Enumerable.Range(0, options.Bootstrap.Resamples)
                    .Select(b => p.ModelProtocol.Average(k => boot[k][b]) - p.ReaderProtocol.Average(k => boot[k][b]))
                    .ToArray(), level);
            var protocol = new ChexNetProtocol(readerScores, readersMean, MeanCi(p.ReaderProtocol),
                modelScores, modelMean, p.ModelProtocol.Count > 0 ? MeanCi(p.ModelProtocol) : null,
                modelMean - readersMean, diffCi, p.ProtocolTies);

            int known = p.Truth.Count(v => v != ReferenceLabels.Unknown), positives = p.Truth.Count(v => v == 1);
            results.Add(new ClassReaderStudy(p.Class, known, positives, p.ReferenceTies, versus, pairs,
                readers.Count >= 2 && votes.Count > 0 ? Agreement.FleissKappa(votes.ToArray(), readers.Count) : null,
                votes.Count, protocol));
            if (p.ReferenceTies > 0)
                notes.Add($"{p.Class}: {p.ReferenceTies}"
                    + $" image(s) split evenly in the reference majority vote; counted as "
                    + $"{options.Ties.ToString().ToLowerInvariant()}.");
            if (p.ProtocolTies.Any(t => t > 0))
                notes.Add($"{p.Class}: even splits among the other readers (CheXNet protocol), per left-out reader: "
                    + string.Join(", ", p.ProtocolTies.Select((t, r) => $"{readers[r].Name} {t}"))
                    + $"; counted as {options.Ties.ToString().ToLowerInvariant()}.");
        }
        string referenceText = reference is not null
            ? $"{reference.Path} ({reference.Description})"
            : $"majority vote of {string.Join(", ", majorityOf)}";
        if (reference is null && majorityOf.Count == readers.Count)
            notes.Add("The reference is the majority of all readers, so each reader's score against it is inflated "
                + "by their own vote; the CheXNet protocol (majority of the other readers) avoids this.");
        return new ReaderStudyResult(
            ids, readers.Select(r => r.Name).ToList(), referenceText, options.Ties.ToString().ToLowerInvariant(),
            model?.Name, modelThresholds, results, options, notes);
    }

    private static double? MeanOf(List<RaterScore> scores) =>
        scores.Count == 0 || scores.Any(s => s.F1 is null) ? null : scores.Average(s => s.F1!.Value);

    public static BinaryCounts CountsOf(sbyte[] rater, sbyte[] truth)
    {
        long tp = 0, fp = 0, fn = 0, tn = 0;
        for (int i = 0; i < rater.Length; i++)
        {
            if (rater[i] == ReferenceLabels.Unknown || truth[i] == ReferenceLabels.Unknown) continue;
            if (truth[i] == 1) { if (rater[i] == 1) tp++; else fn++; }
            else if (rater[i] == 1) fp++; else tn++;
        }
        return new BinaryCounts(tp, fp, fn, tn);
    }

    /// <summary>
    /// F1 of every comparison in every image-level resample: [comparison][resample]; NaN where undefined.
    /// </summary>
    private static double[][] Bootstrap(
        int images, List<(sbyte[] Rater, sbyte[] Truth)> comparisons, BootstrapOptions options,
        IProgressSink progress, CancellationToken cancellation)
    {
        int b = options.Resamples;
        if (b == 0) return [];
        // Per comparison and image: 0 TP, 1 FP, 2 FN, 3 TN, 4 not compared (a blank call).
        byte[][] codes = comparisons.Select(c => c.Rater.Select((v, i) =>
            v == ReferenceLabels.Unknown || c.Truth[i] == ReferenceLabels.Unknown ? (byte)4
            : c.Truth[i] == 1 ? (v == 1 ? (byte)0 : (byte)2) : (v == 1 ? (byte)1 : (byte)3)).ToArray()).ToArray();
        var f1 = comparisons.Select(_ => new double[b]).ToArray();
        using IProgressTask task = progress.Start("reader bootstrap", b);
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellation,
        };
        Parallel.For(0, (b + Block - 1) / Block, parallel, () => new int[images], (block, loop, w) =>
        {
            int end = Math.Min(b, (block + 1) * Block);
            Span<long> counts = stackalloc long[5];
            for (int r = block * Block; r < end; r++)
            {
                var rng = BootstrapRandom.Create(options.Seed, stream: 0, (ulong)r);
                Array.Clear(w);
                for (int k = 0; k < images; k++) w[rng.NextInt(images)]++;
                for (int c = 0; c < codes.Length; c++)
                {
                    counts.Clear();
                    byte[] code = codes[c];
                    for (int i = 0; i < images; i++) counts[code[i]] += w[i];
                    long denominator = 2 * counts[0] + counts[1] + counts[2];
                    f1[c][r] = denominator == 0 ? double.NaN : 2.0 * counts[0] / denominator;
                }
            }
            task.Advance(end - block * Block);
            return w;
        }, _ => { });
        return f1;
    }

    private static string[] ChooseClasses(
        IReadOnlyList<ReaderRatings> readers, ReferenceLabels? reference, ReaderRatings? model,
        IReadOnlyList<string>? requested, List<string> notes)
    {
        var common = readers[0].Classes.Where(c => readers.All(r => r.Classes.Contains(c))).ToList();
        if (requested is { Count: > 0 })
        {
            foreach (string c in requested)
                if (!common.Contains(c))
                    throw new ChestDxException($"class \"{c}\" is not labelled by every reader (common classes: "
                        + $"{string.Join(", ", common)})");
            common = [.. requested];
        }
        if (reference is not null)
        {
            foreach (string c in common.Where(c => reference.IndexOfClass(c) < 0).ToList())
            {
                if (requested is { Count: > 0 })
                    throw ChestDxException.ForFile(reference.Path, $"no reference labels for class \"{c}\"");
                notes.Add($"{c}: not in the reference file; left out.");
                common.Remove(c);
            }
        }
        if (model is not null)
            foreach (string c in common)
                if (model.IndexOfClass(c) < 0)
                    throw new ChestDxException($"the model's predictions have no column for class \"{c}\"");
        if (common.Count == 0)
            throw new ChestDxException(
                "no class is labelled by every reader" + (reference is null ? "" : " and the reference"));
        return [.. common];
    }

    private static sbyte[][] AlignReference(IReadOnlyList<string> ids, ReferenceLabels reference, string[] classes)
    {
        var row = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < reference.Ids.Count; i++) row[reference.Ids[i]] = i;
        var missing = ids.Where(id => !row.ContainsKey(id)).ToList();
        if (missing.Count > 0)
            throw ChestDxException.ForFile(reference.Path,
                $"{missing.Count} study image(s) have no reference labels: {IdChecks.Few(missing)}");
        return classes.Select(c =>
        {
            sbyte[] v = reference.Values[reference.IndexOfClass(c)];
            return ids.Select(id => v[row[id]]).ToArray();
        }).ToArray();
    }

    private sealed class ClassPlan(string cls, sbyte[] truth, int ties, sbyte[][] calls, sbyte[]? model)
    {
        public string Class { get; } = cls;
        public sbyte[] Truth { get; } = truth;
        public int ReferenceTies { get; } = ties;
        public sbyte[][] Calls { get; } = calls;
        public sbyte[]? ModelCalls { get; } = model;
        public List<int> VsReference { get; init; } = [];
        public int ModelVsReference { get; init; } = -1;
        public List<int> ReaderProtocol { get; } = [];
        public List<int> ModelProtocol { get; } = [];
        public List<int> ProtocolTies { get; } = [];
    }
}
