using System.Globalization;
using System.Text;
using System.Text.Json;
using ChestDx.Core.Packs;
using ChestDx.Core.Progress;
using ChestDx.Evaluation.Bootstrap;
using ChestDx.Evaluation.Pipeline;
using ChestDx.Evaluation.Runs;
using ChestDx.Evaluation.Subgroups;
using ChestDx.Evaluation.Tests.Subgroups;
using ChestDx.Evaluation.Thresholds;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ChestDx.Evaluation.Tests.Reports;

/// <summary>
/// External validation end to end: a model trained on pack A (ChestX-ray14 names, darker images, mostly PA, older)
/// scored on pack B (CheXpert-style names: "Pleural Effusion", plus a "Lung Opacity" A lacks; the 600 reference
/// images with their metadata and a site column). The evaluation scores the four shared classes, lists the others,
/// opens with the shift audit, and its subgroup analysis from B's manifest matches scikit-learn as the subgroup file
/// does. The HTML is rendered by headless Chromium and checked in its DOM and pixels.
/// </summary>
public sealed class ExternalValidationReportTests : IDisposable
{
    private const int Size = 16;
    private static readonly string[] TrainClasses = ["Atelectasis", "Cardiomegaly", "Effusion", "Pneumonia", "Hernia"];
    private static readonly string[] EvalClasses =
        ["Atelectasis", "Cardiomegaly", "Pleural Effusion", "Pneumonia", "Lung Opacity"];

    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-external-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Pack A: 120 train and 40 val images; Effusion positive in every 4th train image (30 of 120).</summary>
    private string TrainPack()
    {
        string dir = Path.Combine(_dir, "packA");
        var entries = new List<PackEntry>();
        for (int i = 0; i < 160; i++)
        {
            float[] labels = [i % 5 == 0 ? 1 : 0, i % 7 == 0 ? 1 : 0, i % 4 == 0 ? 1 : 0, i % 9 == 0 ? 1 : 0, 0];
            entries.Add(new PackEntry(i, $"a{i:D4}.png", $"pa{i / 2:D4}", i % 10 == 0 ? "AP" : "PA",
                i % 3 == 0 ? "F" : "M", 50 + i % 40, labels, i < 120 ? PackFormat.Train : PackFormat.Val,
                new Dictionary<string, string>()));
        }
        // Dark images: every pixel 40 + (pixel index mod 20).
        WritePack(dir, TrainClasses, entries, [], (_, p) => (byte)(40 + p % 20));
        return dir;
    }

    /// <summary>Pack B: the 600 reference images with their labels, metadata (site as an extra manifest column) and
    /// bright pixels.</summary>
    private string EvaluationPack()
    {
        string dir = Path.Combine(_dir, "packB");
        var c = ReferenceCase.Instance;
        var meta = File.ReadAllLines(SubgroupCase.Metadata).Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0]);
        var entries = new List<PackEntry>();
        for (int i = 0; i < c.Ids.Length; i++)
        {
            string[] m = meta[c.Ids[i]];
            float[] labels =
            [
                c.Truth["Atelectasis"][i] ? 1 : 0, c.Truth["Cardiomegaly"][i] ? 1 : 0, c.Truth["Effusion"][i] ? 1 : 0,
                c.Truth["Pneumonia"][i] ? 1 : 0, i % 3 == 0 ? 1 : 0,
            ];
            entries.Add(new PackEntry(i, c.Ids[i], m[1], m[4], m[2].Length > 0 ? m[2] : null,
                m[3].Length > 0 ? int.Parse(m[3], CultureInfo.InvariantCulture) : null, labels, PackFormat.Test,
                new Dictionary<string, string> { ["site"] = m[5] }));
        }
        WritePack(dir, EvalClasses, entries, ["site"], (_, p) => (byte)(180 + p % 40));
        return dir;
    }

    private static void WritePack(string dir, string[] classes, List<PackEntry> entries, string[] extra,
        Func<int, int, byte> pixel)
    {
        Directory.CreateDirectory(dir);
        var images = new byte[entries.Count * Size * Size];
        for (int i = 0; i < entries.Count; i++)
            for (int p = 0; p < Size * Size; p++) images[i * Size * Size + p] = pixel(i, p);
        File.WriteAllBytes(Path.Combine(dir, PackFormat.ImagesFile), images);
        using (var writer = new StreamWriter(Path.Combine(dir, PackFormat.ManifestFile)))
            ManifestCsv.Write(writer, classes, extra, entries);
        var info = new PackInfo { ImageSize = Size, Count = entries.Count, Classes = classes };
        File.WriteAllText(Path.Combine(dir, PackFormat.InfoFile), info.ToJson());
    }

    /// <summary>model_a's scores under A's class names (Hernia constant: not evaluated on B).</summary>
    private string Predictions()
    {
        var c = ReferenceCase.Instance;
        var sb = new StringBuilder("image_id," + string.Join(",", TrainClasses) + "\n");
        for (int i = 0; i < c.Ids.Length; i++)
            sb.AppendLine(c.Ids[i] + "," + string.Join(",", TrainClasses.Select(k =>
                (k == "Hernia" ? 0.01 : c.ModelA[k][i]).ToString("R", CultureInfo.InvariantCulture))));
        string path = Path.Combine(_dir, "predictions.csv");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    private EvaluationOutcome Run(string outDir) => EvaluationRun.Run(new EvaluationRequest
    {
        Predictions = Predictions(),
        Labels = EvaluationPack(),
        TrainPack = TrainPack(),
        Output = outDir,
        Subgroups = Enum.GetValues<SubgroupAttribute>(),
        Options = new EvaluationOptions
        {
            Threshold = new ThresholdPolicy(ThresholdRule.Youden),
            Bootstrap = new BootstrapOptions { Resamples = 200, Seed = 3 },
        },
    }, NullProgressSink.Instance);

    [Fact]
    public void Shared_classes_are_evaluated_the_others_listed_and_the_audit_opens_the_report()
    {
        string outDir = Path.Combine(_dir, "out");
        EvaluationOutcome outcome = Run(outDir);

        Assert.Equal(["Atelectasis", "Cardiomegaly", "Effusion", "Pneumonia"], outcome.Result.Data.Classes);
        Assert.Equal(["Hernia"], outcome.Result.Data.JoinSummary.ClassesOnlyInPredictions);
        Assert.Equal(["Lung Opacity"], outcome.Result.Data.JoinSummary.ClassesOnlyInLabels);
        foreach (string file in new[] { "subgroups.json", "subgroups.csv", "underdiagnosis.csv", "report.md" })
            Assert.Contains(file, outcome.Files);

        string md = File.ReadAllText(Path.Combine(outDir, "report.md"));
        Assert.StartsWith("# ChestDx evaluation report\n\n## External validation: training pack vs evaluation pack\n",
            md.ReplaceLineEndings("\n"));
        Assert.Contains("the 120 images of its train split", md);
        Assert.Contains("the 600 evaluated images (of 600 in the pack)", md);
        // Effusion in A's train split: i % 4 == 0 for i < 120, 30 of 120; B's "Pleural Effusion" is the same finding.
        int bEffusion = ReferenceCase.Instance.Truth["Effusion"].Count(x => x);
        string evalPrevalence = (bEffusion / 600.0).ToString("F3", CultureInfo.InvariantCulture);
        Assert.Contains($"| Effusion | Pleural Effusion | 0.250 (30/120) | {evalPrevalence} ({bEffusion}/600) | yes |",
            md);
        Assert.Contains(
            "Only in the training pack's classes: Hernia. Only in the evaluation pack's classes: Lung Opacity.", md);
        Assert.Contains("| grey level | pixel 1st / 50th / 99th percentile | 40 / 49 / 59 | 180 / 198 / 219 |", md);
        Assert.Contains("| view | PA | 108 (90.0%) | ", md);
    }

    [Fact]
    public void Subgroups_from_the_evaluation_packs_manifest_match_scikit_learn()
    {
        EvaluationOutcome outcome = Run(Path.Combine(_dir, "out"));
        SubgroupAnalysisResult s = outcome.Subgroups!;
        int compared = 0;
        foreach (SubgroupClassMetrics c in s.Classes.Where(c => c.TooSmall is null))
        {
            string key = c.Attribute == SubgroupAnalysis.All ? "all" : $"{c.Attribute}:{c.Group}";
            JsonElement e = SubgroupCase.Sklearn.GetProperty("per_class").GetProperty(c.Class).GetProperty(key);
            double expected = e.GetProperty("auroc").GetDouble();
            Assert.True(Math.Abs(expected - c.Auroc!.Value) <= 1e-9, $"{c.Class} {key}: {c.Auroc} vs {expected}");
            Assert.True(Math.Abs(e.GetProperty("sensitivity").GetDouble() - c.Sensitivity!.Value) <= 1e-9, key);
            compared++;
        }
        Assert.True(compared >= 40, $"{compared} compared");
    }

    [Fact]
    public void A_train_pack_needs_the_evaluation_labels_to_be_a_pack()
    {
        var e = Assert.Throws<Core.ChestDxException>(() => EvaluationRun.Run(new EvaluationRequest
        {
            Predictions = Predictions(),
            Labels = Path.Combine(ReferenceCase.DataDir, "cases.csv"),
            TrainPack = TrainPack(),
            Output = Path.Combine(_dir, "out"),
            Options = new EvaluationOptions { Bootstrap = new BootstrapOptions { Resamples = 0 } },
            Classes = ["Atelectasis"],
        }, NullProgressSink.Instance));
        Assert.Equal("--train-pack compares two packs: --labels must be the evaluation pack", e.Message);
    }

    [SkippableFact]
    public void Chromium_renders_the_audit_first_and_the_forest_plots()
    {
        string? chromium = Chromium.Path();
        Skip.If(chromium is null, "chromium is not installed (apt-get install chromium); CI installs it");
        string outDir = Path.Combine(_dir, "out");
        Run(outDir);
        string url = new Uri(Path.Combine(outDir, "report.html")).AbsoluteUri;

        string dom = Chromium.Run(chromium!, _dir, "--dump-dom", url);
        int Count(string needle) => (dom.Length - dom.Replace(needle, "").Length) / needle.Length;
        int audit = dom.IndexOf("<section id=\"shift-audit\"", StringComparison.Ordinal);
        Assert.True(audit >= 0 && audit < dom.IndexOf("<section id=\"notes\"", StringComparison.Ordinal),
            "the shift audit is not the first section");
        Assert.Contains("id=\"shift-table\"", dom);
        Assert.Contains("<td>Pleural Effusion</td>", dom);
        Assert.Contains("Hernia (predictions only), Lung Opacity (labels only)", dom);
        Assert.Equal(4, Count("data-plot=\"forest-auroc\""));
        Assert.Equal(1, Count("data-plot=\"forest-underdiagnosis\""));
        Assert.True(Count("class=\"forest-point\"") >= 40, "forest points missing");
        Assert.True(Count("class=\"forest-too-small\"") >= 10, "too-small rows not shown as such");
        Assert.Contains("id=\"underdiagnosis-table\"", dom);

        string png = Path.Combine(_dir, "shot.png");
        Chromium.Run(chromium!, _dir, "--window-size=1400,9000", "--hide-scrollbars", $"--screenshot={png}", url);
        using Image<Rgb24> image = Image.Load<Rgb24>(png);
        long blue = 0, nonWhite = 0;
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
                foreach (Rgb24 px in rows.GetRowSpan(y))
                {
                    if (px.R < 245 || px.G < 245 || px.B < 245) nonWhite++;
                    if (Math.Abs(px.R - 0x1f) < 16 && Math.Abs(px.G - 0x5f) < 16 && Math.Abs(px.B - 0xa8) < 16) blue++;
                }
        });
        long total = (long)image.Width * image.Height;
        Assert.True(nonWhite > total / 20, $"the page looks blank: {nonWhite} of {total} pixels are not white");
        // About 60 forest marks of 8×8 pixels with their whiskers, and the ROC curves further down.
        Assert.True(blue > 4_000, $"forest marks and curves not visible: {blue} pixels of the model colour");
    }
}
