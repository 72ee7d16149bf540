using System.Diagnostics;
using System.Globalization;
using System.Text;
using ChestDx.Core;
using ChestDx.Core.Classes;
using ChestDx.Evaluation.Bootstrap;
using ChestDx.Evaluation.Inputs;
using ChestDx.Evaluation.Metrics;
using ChestDx.Evaluation.Pipeline;

namespace ChestDx.Bench.Eval;

/// <summary>What `chestdx bench eval` measures.</summary>
public sealed record EvalBenchSettings
{
    /// <summary>Synthetic images (NIH official test set: 25,596).</summary>
    public int Images { get; init; } = 25_596;

    /// <summary>Bootstrap resamples of the full evaluation.</summary>
    public int Resamples { get; init; } = 10_000;

    /// <summary>Timed repeats (medians are reported); at least 1.</summary>
    public int Repeats { get; init; } = 5;

    /// <summary>scikit-learn bootstrap resamples to time and extrapolate from.</summary>
    public int SklearnResamples { get; init; } = 200;

    /// <summary>Python with numpy and scikit-learn.</summary>
    public string Python { get; init; } = "/usr/bin/python3";
}

/// <summary>scikit-learn's times on the same data.</summary>
/// <param name="AurocSeconds">Median seconds of one roc_auc_score per class.</param>
/// <param name="SecondsPerResample">
/// Seconds per bootstrap resample (AUROCs only), from <see cref="EvalBenchSettings.SklearnResamples"/>.
/// </param>
public sealed record SklearnTimes(double AurocSeconds, double SecondsPerResample);

/// <param name="AurocSeconds">Median seconds of AUROC for every class.</param>
/// <param name="DeLongSeconds">Median seconds of AUROC + DeLong CI for every class.</param>
/// <param name="EvaluationSeconds">
/// Median seconds of the full evaluation with <see cref="EvalBenchSettings.Resamples"/> resamples.
/// </param>
/// <param name="Sklearn">Null when the Python was not found (<paramref name="SklearnSkipped"/> says so).</param>
public sealed record EvalBenchReport(
    EvalBenchSettings Settings, double AurocSeconds, double DeLongSeconds, double EvaluationSeconds,
    SklearnTimes? Sklearn, string? SklearnSkipped)
{
    /// <summary>scikit-learn's AUROC time over ChestDx's: above 1, ChestDx is faster.</summary>
    public double? AurocRatio => Sklearn is { } s ? s.AurocSeconds / AurocSeconds : null;

    /// <summary>scikit-learn's bootstrap extrapolated to <see cref="EvalBenchSettings.Resamples"/> resamples.</summary>
    public double? SklearnBootstrapSeconds => Sklearn is { } s ? s.SecondsPerResample * Settings.Resamples : null;

    /// <summary>scikit-learn's extrapolated bootstrap (AUROC only) over ChestDx's full evaluation.</summary>
    public double? BootstrapRatio => SklearnBootstrapSeconds / EvaluationSeconds;
}

/// <summary>
/// `chestdx bench eval`: AUROC, AUROC + DeLong, and the full bootstrap evaluation of a synthetic NIH-test-sized set
/// (25,596 images × 14 classes at ChestX-ray14's label prevalences, seeded), next to scikit-learn's roc_auc_score on
/// the same data in the same run (sklearn_auroc.py). scikit-learn's bootstrap is timed on a few hundred resamples and
/// extrapolated linearly to the requested count (its cost is linear in resamples).
/// </summary>
public static class EvalBench
{
    private static readonly ClassSet Classes = ClassSet.ChestXray14;

    // Images per label among the 112,120 of data-manifests/nih-cxr14/Data_Entry_2017_v2020.csv.gz (counted from that
    // file), in ClassSet.ChestXray14 order.
    private static readonly int[] LabelCounts =
        [11_559, 2_776, 13_317, 19_894, 5_782, 6_331, 1_431, 5_302, 4_667, 2_303, 2_516, 1_686, 3_385, 227];

    /// <param name="say">Receives the description of the data before the timed runs start.</param>
    public static EvalBenchReport Run(EvalBenchSettings settings, Action<string> say, CancellationToken cancel)
    {
        int n = settings.Images, b = settings.Resamples, reps = Math.Max(1, settings.Repeats);
        var (y, s) = Synthetic(n);
        // AUROC and DeLong need both outcomes in every class; Hernia (0.2%) has none below a few hundred images.
        for (int c = 0; c < Classes.Count; c++)
            if (!y[c].Contains(true) || !y[c].Contains(false))
            {
                string missing = y[c].Contains(true) ? "negative" : "positive";
                throw new ChestDxException(
                    $"bench eval: {n:N0} synthetic images have no {missing} '{Classes[c]}' case; use more --images");
            }
        say($"Synthetic set: {n:N0} images × {Classes.Count} classes (seed 0), {Environment.ProcessorCount} cores.");

        double aurocOnly =
            Median(reps, () => { for (int c = 0; c < Classes.Count; c++) RankedScores.Build(s[c], y[c]).Auroc(); });
        double delong = Median(reps, () => { for (int c = 0; c < Classes.Count; c++) DeLong.Estimate(s[c], y[c]); });
        EvaluationSet set = AsSet(y, s);
        var options = new EvaluationOptions { Bootstrap = new BootstrapOptions { Resamples = b } };
        double full = Median(Math.Min(reps, 3), () => Evaluator.Run(set, options, cancellation: cancel));

        if (!File.Exists(settings.Python))
        {
            string skipped = $"{settings.Python} not found: scikit-learn column skipped.";
            return new EvalBenchReport(settings, aurocOnly, delong, full, null, skipped);
        }
        SklearnTimes sk = Sklearn(settings.Python, y, s, reps, settings.SklearnResamples);
        return new EvalBenchReport(settings, aurocOnly, delong, full, sk, null);
    }

    private static double Median(int repeats, Action work)
    {
        var times = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            work();
            times[i] = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        }
        return Medians.Of(times);
    }

    private static (bool[][] Y, double[][] S) Synthetic(int n)
    {
        var rng = BootstrapRandom.Create(0, 0, 0);
        double Uniform() => (rng.NextUInt64() >> 11) * (1.0 / (1UL << 53));
        var y = new bool[Classes.Count][];
        var s = new double[Classes.Count][];
        for (int c = 0; c < Classes.Count; c++)
        {
            double prevalence = LabelCounts[c] / 112_120.0;
            y[c] = new bool[n];
            s[c] = new double[n];
            for (int i = 0; i < n; i++)
            {
                y[c][i] = Uniform() < prevalence;
                // A logistic score with separation ~ CheXNet's AUROCs, stored as float32 like real model outputs.
                double normal = Math.Sqrt(-2 * Math.Log(1 - Uniform())) * Math.Cos(2 * Math.PI * Uniform());
                double z = normal + (y[c][i] ? 1.3 : 0) - 2.5;
                s[c][i] = (float)(1 / (1 + Math.Exp(-z)));
            }
        }
        return (y, s);
    }

    private static EvaluationSet AsSet(bool[][] y, double[][] s) => new()
    {
        PredictionsPath = "synthetic",
        LabelsPath = "synthetic",
        LabelsDescription = "synthetic NIH-sized set",
        Ids = Enumerable.Range(0, y[0].Length).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray(),
        Classes = Classes.Names,
        Scores = s,
        Labels = y.Select(col => col.Select(v => v ? (sbyte)1 : (sbyte)0).ToArray()).ToArray(),
        JoinSummary = new JoinSummary(IdMatch.Exact, 0, 0, [], [], []),
    };

    private static SklearnTimes Sklearn(string python, bool[][] y, double[][] s, int repeats, int resamples)
    {
        string dir = Directory.CreateTempSubdirectory("chestdx-bench-eval-").FullName;
        try
        {
            // Labels then scores, one image a line, scores round-trippable ("R"): the script reads it with numpy.
            string csv = Path.Combine(dir, "data.csv");
            var sb = new StringBuilder();
            for (int i = 0; i < y[0].Length; i++)
            {
                for (int c = 0; c < y.Length; c++) sb.Append(y[c][i] ? '1' : '0').Append(',');
                for (int c = 0; c < s.Length; c++)
                    sb.Append(s[c][i].ToString("R", CultureInfo.InvariantCulture))
                        .Append(c + 1 < s.Length ? ',' : '\n');
            }
            File.WriteAllText(csv, sb.ToString());
            string script = BaselineScript.WriteTo("sklearn_auroc.py", Path.Combine(dir, "bench.py"));
            string[] args = [script, csv, Str(y.Length), Str(repeats), Str(resamples)];
            string[] result = Exec(python, args).Trim().Split(' ');
            return new SklearnTimes(
                double.Parse(result[0], CultureInfo.InvariantCulture),
                double.Parse(result[1], CultureInfo.InvariantCulture));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Str(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Exec(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args) psi.ArgumentList.Add(a);
        using Process p = Process.Start(psi)!;
        Task<string> err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new ChestDxException(
                $"{file} failed (is python3-sklearn installed?): {err.Result.Trim().Split('\n').LastOrDefault()}");
        return output;
    }
}
