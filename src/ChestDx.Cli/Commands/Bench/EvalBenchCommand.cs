using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using ChestDx.Cli.Infrastructure;
using ChestDx.Core;
using ChestDx.Core.Labels;
using ChestDx.Evaluation.Bootstrap;
using ChestDx.Evaluation.Evaluation;
using ChestDx.Evaluation.Inputs;
using ChestDx.Evaluation.Metrics;
using Spectre.Console;

namespace ChestDx.Cli.Commands.Bench;

/// <summary>
/// `chestdx bench eval`: AUROC, AUROC + DeLong, and the full bootstrap evaluation of a synthetic NIH-test-sized set
/// (25,596 images × 14 classes at ChestX-ray14's label prevalences, seeded), next to scikit-learn's roc_auc_score on
/// the same data in the same run. scikit-learn's bootstrap is timed on a few hundred resamples and extrapolated
/// linearly to the requested count (its cost is linear in resamples).
/// </summary>
internal static class EvalBenchCommand
{
    // Images per label in Data_Entry_2017_v2020 (anchors §3) over 112,120 images, in ChexNetClasses order.
    private static readonly int[] LabelCounts = [11_559, 2_776, 13_317, 19_894, 5_782, 6_331, 1_431, 5_302, 4_667, 2_303, 2_516, 1_686, 3_385, 227];

    private const string SklearnScript = """
        import sys, time, numpy as np
        from sklearn.metrics import roc_auc_score
        d = np.load(sys.argv[1]); y, s = d["y"], d["s"]; repeats, boot = int(sys.argv[2]), int(sys.argv[3])
        def aurocs(yy, ss): return [roc_auc_score(yy[:, c], ss[:, c]) for c in range(y.shape[1])]
        times = []
        for _ in range(repeats):
            t = time.perf_counter(); aurocs(y, s); times.append(time.perf_counter() - t)
        rng = np.random.default_rng(0); t = time.perf_counter()
        for _ in range(boot):
            i = rng.integers(0, len(y), len(y)); aurocs(y[i], s[i])
        print(np.median(times), (time.perf_counter() - t) / max(boot, 1))
        """;

    public static Command Create(CliContext context)
    {
        var images = new Option<int>("--images") { Description = "Synthetic images (NIH official test set: 25,596).", DefaultValueFactory = _ => 25_596 };
        var resamples = new Option<int>("--resamples") { Description = "Bootstrap resamples of the full evaluation.", DefaultValueFactory = _ => 10_000 };
        var repeats = new Option<int>("--repeats") { Description = "Timed repeats (medians are printed).", DefaultValueFactory = _ => 5 };
        var sklearnResamples = new Option<int>("--sklearn-resamples") { Description = "scikit-learn bootstrap resamples to time and extrapolate from.", DefaultValueFactory = _ => 200 };
        var python = new Option<string>("--python") { Description = "Python with numpy and scikit-learn (Debian: apt-get install python3-sklearn).", DefaultValueFactory = _ => "/usr/bin/python3" };
        var command = new Command("eval", "AUROC, DeLong and bootstrap CIs for 25,596 × 14, beside scikit-learn.") { images, resamples, repeats, sklearnResamples, python };
        context.SetHandler(command, (parse, ct) =>
        {
            int n = parse.GetValue(images), b = parse.GetValue(resamples), reps = Math.Max(1, parse.GetValue(repeats));
            var (y, s) = Synthetic(n);
            var console = context.Console;
            console.MarkupLine($"Synthetic set: {n:N0} images × {ChexNetClasses.Count} classes (seed 0), {Environment.ProcessorCount} cores.");

            double aurocOnly = Median(reps, () => { for (int c = 0; c < ChexNetClasses.Count; c++) RankedScores.Build(s[c], y[c]).Auroc(); });
            double delong = Median(reps, () => { for (int c = 0; c < ChexNetClasses.Count; c++) DeLong.Estimate(s[c], y[c]); });
            EvaluationSet set = AsSet(y, s);
            double full = Median(Math.Min(reps, 3), () => Evaluator.Run(set, new EvaluationOptions { Bootstrap = new BootstrapOptions { Resamples = b } }, cancellation: ct));

            (double Auroc, double PerResample)? sk = Sklearn(parse.GetValue(python)!, y, s, reps, parse.GetValue(sklearnResamples), context);
            var table = new Table().AddColumns("work", "chestdx median", "scikit-learn median", "ratio (sklearn / chestdx)");
            table.AddRow("AUROC, 14 classes", Seconds(aurocOnly), sk is { } a ? Seconds(a.Auroc) : "n/a", sk is { } a2 ? $"{a2.Auroc / aurocOnly:0.0}×" : "");
            table.AddRow("AUROC + DeLong CI, 14 classes", Seconds(delong), "—", "");
            string skBoot = sk is { } c1 ? Seconds(c1.PerResample * b) + $" (extrapolated from {parse.GetValue(sklearnResamples)})" : "n/a";
            table.AddRow($"{b:N0} bootstrap resamples (AUROC only in sklearn; chestdx: every metric, ROC band, mean-AUROC CI)", Seconds(full), skBoot,
                sk is { } c2 ? $"{c2.PerResample * b / full:0}×" : "");
            console.Write(table);
            return 0;
        });
        return command;
    }

    private static string Seconds(double s) => s < 1 ? $"{s * 1000:0.0} ms" : $"{s:0.00} s";

    private static double Median(int repeats, Action work)
    {
        var times = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            work();
            times[i] = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        }
        Array.Sort(times);
        return repeats % 2 == 1 ? times[repeats / 2] : (times[repeats / 2 - 1] + times[repeats / 2]) / 2;
    }

    private static (bool[][] Y, double[][] S) Synthetic(int n)
    {
        var rng = BootstrapRandom.Create(0, 0, 0);
        double Uniform() => (rng.NextUInt64() >> 11) * (1.0 / (1UL << 53));
        var y = new bool[ChexNetClasses.Count][];
        var s = new double[ChexNetClasses.Count][];
        for (int c = 0; c < ChexNetClasses.Count; c++)
        {
            double prevalence = LabelCounts[c] / 112_120.0;
            y[c] = new bool[n];
            s[c] = new double[n];
            for (int i = 0; i < n; i++)
            {
                y[c][i] = Uniform() < prevalence;
                // A logistic score with separation ~ CheXNet's AUROCs, stored as float32 like real model outputs.
                double z = Math.Sqrt(-2 * Math.Log(1 - Uniform())) * Math.Cos(2 * Math.PI * Uniform()) + (y[c][i] ? 1.3 : 0) - 2.5;
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
        Classes = ChexNetClasses.Names,
        Scores = s,
        Labels = y.Select(col => col.Select(v => v ? (sbyte)1 : (sbyte)0).ToArray()).ToArray(),
        JoinSummary = new JoinSummary(IdMatch.Exact, 0, 0, [], [], []),
    };

    private static (double, double)? Sklearn(string python, bool[][] y, double[][] s, int repeats, int resamples, CliContext context)
    {
        if (!File.Exists(python)) { context.Console.MarkupLine($"[yellow]{Markup.Escape(python)} not found: scikit-learn column skipped.[/]"); return null; }
        string dir = Directory.CreateTempSubdirectory("chestdx-bench-eval-").FullName;
        try
        {
            // numpy's .npz is a zip of .npy files; write the two arrays as text and let numpy convert once.
            string csv = Path.Combine(dir, "data.csv");
            var sb = new StringBuilder();
            for (int i = 0; i < y[0].Length; i++)
            {
                for (int c = 0; c < y.Length; c++) sb.Append(y[c][i] ? '1' : '0').Append(',');
                for (int c = 0; c < s.Length; c++) sb.Append(s[c][i].ToString("R", CultureInfo.InvariantCulture)).Append(c + 1 < s.Length ? ',' : '\n');
            }
            File.WriteAllText(csv, sb.ToString());
            string npz = Path.Combine(dir, "data.npz");
            string convert = $"import numpy as np; a = np.loadtxt('{csv}', delimiter=','); np.savez('{npz}', y=a[:, :{y.Length}].astype(int), s=a[:, {y.Length}:])";
            Exec(python, ["-c", convert]);
            string script = Path.Combine(dir, "bench.py");
            File.WriteAllText(script, SklearnScript);
            string[] result = Exec(python, [script, npz, repeats.ToString(CultureInfo.InvariantCulture), resamples.ToString(CultureInfo.InvariantCulture)])
                .Trim().Split(' ');
            return (double.Parse(result[0], CultureInfo.InvariantCulture), double.Parse(result[1], CultureInfo.InvariantCulture));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Exec(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args) psi.ArgumentList.Add(a);
        using Process p = Process.Start(psi)!;
        Task<string> err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new ChestDxException($"{file} failed (is python3-sklearn installed?): {err.Result.Trim().Split('\n').LastOrDefault()}");
        return output;
    }
}
