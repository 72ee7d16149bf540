using ChestDx.Core;
using ChestDx.Core.Progress;
using ChestDx.Evaluation.Bootstrap;
using ChestDx.Evaluation.Inputs;
using ChestDx.Evaluation.Metrics;
using ChestDx.Evaluation.Thresholds;
using ChestDx.Core.IO;

namespace ChestDx.Evaluation.Pipeline;

/// <summary>
/// Evaluates predictions against labels, class by class, then averages. Per class, only cases with a known label
/// count (blank labels are excluded and counted). A class with no positives or no negatives has no AUROC: it is
/// reported as undefined with the reason and left out of every mean, never averaged in as NaN. Thresholds for the
/// data-driven policies are chosen on the validation set when one is given; without one they are chosen on the test
/// set itself, which is optimistic, and the result says so.
/// </summary>
public static class Evaluator
{
    public static EvaluationResult Run(
        EvaluationSet test, EvaluationOptions? options = null, EvaluationSet? validation = null,
        EvaluationSet? comparison = null,
        IProgressSink? progress = null, CancellationToken cancellation = default)
    {
        options ??= new EvaluationOptions();
        options.Validate();
        progress ??= NullProgressSink.Instance;
        var notes = new List<string>();
        double[][]? otherScores = comparison is null ? null : AlignComparison(test, comparison);

        ThresholdPolicy policy = options.Threshold;
        string chosenOn = !policy.ChosenFromData ? "fixed" : validation is not null ? "validation" : "test";
        if (chosenOn == "test")
            notes.Add($"Thresholds ({policy}) were chosen on the test predictions themselves: the threshold metrics "
                + "are optimistic. Pass validation predictions and labels to choose them on held-out data.");
        // Reports name input files by their last part only (Core/IO/FileNames: folders may carry patient names).
        var origin = new ThresholdOrigin(policy.ToString(), chosenOn,
            chosenOn == "validation" ? FileNames.LastPart(validation!.PredictionsPath) : null);

        double[] grid = Enumerable.Range(0, options.RocBandPoints)
            .Select(k => (double)k / (options.RocBandPoints - 1)).ToArray();
        int resamples = options.Bootstrap.Resamples;
        using IProgressTask task = progress.Start(
            "bootstrap", resamples == 0 ? 0 : (long)resamples * (test.Classes.Count + 1));

        var classes = new List<ClassEvaluation>();
        var macro = new List<MacroClass>();
        for (int c = 0; c < test.Classes.Count; c++)
        {
            cancellation.ThrowIfCancellationRequested();
            string name = test.Classes[c];
            int[] known = KnownRows(test.Labels[c]);
            double[] scores = known.Select(i => test.Scores[c][i]).ToArray();
            bool[] positive = known.Select(i => test.Labels[c][i] == 1).ToArray();
            RankedScores ranked = RankedScores.Build(scores, positive);
            string? undefined = known.Length == 0 ? "no labelled cases"
                : ranked.TotalPositives == 0 ? "no positives"
                : ranked.TotalNegatives == 0 ? "no negatives"
                : null;

            ThresholdChoice threshold = policy.ChosenFromData
                ? ThresholdSelector.Choose(
                    policy, validation is null ? ranked : ValidationThresholds.Ranking(validation, name))
                : ThresholdSelector.Choose(policy, null);
            BinaryCounts? counts = threshold.Value is { } t && known.Length > 0 ? ranked.CountsAt(t) : null;

            CalibrationSummary? calibration = Calibration.Compute(scores, positive, options.CalibrationBins);
            string? calibrationWhy = calibration is not null ? null
                : known.Length == 0 ? "no labelled cases"
                : "scores outside [0, 1] are not probabilities";

            RankedScores? other = null;
            bool[] positiveAll = positive;
            if (otherScores is not null)
                other = RankedScores.Build(known.Select(i => otherScores[c][i]).ToArray(), positiveAll);

            ClassBootstrapResult? boot = null;
            if (resamples > 0 && known.Length > 0)
                boot = ClassBootstrap.Run(
                    ranked, threshold.Value, undefined is null ? other : null, positive, StreamOf(name),
                    options.Bootstrap, grid, task, cancellation);

            ClassComparison? comparisonResult = null;
            if (other is not null)
                comparisonResult = undefined is null
                    ? new ClassComparison(
                        other.Auroc(), DeLong.Compare(ranked, other, positive, options.ConfidenceLevel),
                        boot?.ComparisonAuroc, boot?.AurocDifference)
                    : new ClassComparison(null, null, null, null);

            classes.Add(new ClassEvaluation
            {
                Name = name,
                N = known.Length,
                Positives = ranked.TotalPositives,
                Unknown = test.Labels[c].Length - known.Length,
                UndefinedReason = undefined,
                Auroc = ranked.Auroc(),
                DeLong = undefined is null ? DeLong.Estimate(ranked, options.ConfidenceLevel) : null,
                AveragePrecision = ranked.AveragePrecision(),
                Threshold = threshold.Value,
                ThresholdUndefinedReason = threshold.UndefinedReason,
                Counts = counts,
                Calibration = calibration,
                CalibrationUndefinedReason = calibrationWhy,
                Roc = Curves.Roc(ranked),
                PrecisionRecall = Curves.PrecisionRecall(ranked),
                Bootstrap = boot,
                Comparison = comparisonResult,
            });
            if (undefined is null) macro.Add(new MacroClass(ranked, known, positive));
        }

        MacroBootstrapResult? macroResult = null;
        if (resamples > 0 && macro.Count > 0)
        {
            macroResult = MacroBootstrap.Run(test.Ids.Count, macro, stream: 0, options.Bootstrap, task, cancellation);
            if (macroResult.Skipped > 0)
                notes.Add($"{macroResult.Skipped} of {resamples} image-level resamples left an averaged class "
                    + "without positives or negatives and were skipped in the mean-AUROC interval.");
        }

        var defined = classes.Where(k => k.UndefinedReason is null).ToList();
        var excluded = classes.Where(k => k.UndefinedReason is not null)
            .Select(k => (k.Name, k.UndefinedReason!)).ToList();
        if (excluded.Count > 0)
            notes.Add("Left out of the means (AUROC undefined): "
                + $"{string.Join("; ", excluded.Select(e => $"{e.Item1} ({e.Item2})"))}.");
        return new EvaluationResult
        {
            Data = test,
            Options = options,
            ThresholdOrigin = origin,
            Classes = classes,
            MeanAuroc = Mean(defined, k => k.Auroc),
            MeanAveragePrecision = Mean(defined, k => k.AveragePrecision),
            MeanF1 = Mean(defined, k => k.Counts?.F1),
            MeanSensitivity = Mean(defined, k => k.Counts?.Sensitivity),
            MeanSpecificity = Mean(defined, k => k.Counts?.Specificity),
            MacroBootstrap = macroResult,
            Excluded = excluded,
            ComparisonPath = comparison is null ? null : FileNames.LastPart(comparison.PredictionsPath),
            Notes = notes,
        };
    }

    /// <summary>
    /// A class's bootstrap stream, from its name, so its intervals do not change when other classes are added or
    /// dropped.
    /// </summary>
    public static ulong StreamOf(string className)
    {
        ulong h = 14695981039346656037UL; // FNV-1a 64
        foreach (char ch in className) { h ^= ch; h *= 1099511628211UL; }
        return h | 1; // stream 0 is the image-level (macro) bootstrap's
    }

    private static ClassMean Mean(List<ClassEvaluation> classes, Func<ClassEvaluation, double?> value)
    {
        var values = classes.Select(value).Where(v => v.HasValue).Select(v => v!.Value).ToList();
        return new ClassMean(values.Count == 0 ? null : values.Average(), values.Count);
    }

    private static int[] KnownRows(sbyte[] labels)
    {
        var rows = new List<int>(labels.Length);
        for (int i = 0; i < labels.Length; i++) if (labels[i] != ReferenceLabels.Unknown) rows.Add(i);
        return [.. rows];
    }

    /// <summary>
    /// The comparison model's scores in the test set's row order; both must cover the same ids and classes.
    /// </summary>
    private static double[][] AlignComparison(EvaluationSet test, EvaluationSet comparison)
    {
        var row = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < comparison.Ids.Count; i++) row[comparison.Ids[i]] = i;
        var missing = test.Ids.Where(id => !row.ContainsKey(id)).ToList();
        if (missing.Count > 0 || comparison.Ids.Count != test.Ids.Count)
            throw ChestDxException.ForFile(comparison.PredictionsPath,
                $"the comparison predictions must cover the same {test.Ids.Count} ids as {test.PredictionsPath}" +
                (missing.Count > 0 ? $"; missing: {IdChecks.Few(missing)}" : $"; it has {comparison.Ids.Count}"));
        return test.Classes.Select(name =>
        {
            int c = comparison.Classes.ToList().IndexOf(name);
            if (c < 0) throw ChestDxException.ForFile(comparison.PredictionsPath, $"no column for class \"{name}\"");
            return test.Ids.Select(id => comparison.Scores[c][row[id]]).ToArray();
        }).ToArray();
    }
}
