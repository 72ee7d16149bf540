using System.Globalization;
using System.Text;
using ChestDx.Core.Predictions;
using ChestDx.Evaluation.Bootstrap;
using ChestDx.Evaluation.Inputs;
using ChestDx.Evaluation.Pipeline;
using ChestDx.Evaluation.Readers;
using ChestDx.Evaluation.Reports;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ChestDx.Evaluation.Tests.Reports;

/// <summary>
/// report.html rendered by headless Debian Chromium: the DOM it built holds the tables and one ROC, PR and reliability
/// plot per class (with the bootstrap band and the readers' points), and the screenshot shows them (pixels of the
/// curve and reader colours, a page that is not blank). Skipped, with the reason, only where chromium is absent;
/// CI installs it (.ci/run).
/// </summary>
public sealed class HtmlReportChromiumTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-html-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Report()
    {
        var c = ReferenceCase.Instance;
        var sb = new StringBuilder("image_id," + string.Join(",", c.Classes) + "\n");
        for (int i = 0; i < c.Ids.Length; i++)
            sb.AppendLine(c.Ids[i] + ","
                + string.Join(",", c.Classes.Select(k => c.ModelA[k][i].ToString("R", CultureInfo.InvariantCulture))));
        string predictions = Path.Combine(_dir, "p.csv");
        File.WriteAllText(predictions, sb.ToString());
        EvaluationSet set = EvaluationSet.Join(
            PredictionTable.Read(predictions), LabelReader.Read(Path.Combine(ReferenceCase.DataDir, "cases.csv")));
        EvaluationResult result =
            Evaluator.Run(set, new EvaluationOptions { Bootstrap = new BootstrapOptions { Resamples = 200 } });
        var readers = ReaderPoints.Against(set, [Path.Combine(ReferenceCase.DataDir, "readers.csv")]);
        string outDir = Path.Combine(_dir, "out");
        EvaluationReport.WriteAll(outDir, result, readers, new ReportAdditions { Provenance = Provenance });
        return Path.Combine(outDir, "report.html");
    }

    private const string ModelSha = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    private static ReportProvenance Provenance { get; } = new()
    {
        Model = new PredictedModel
        {
            Name = "run/model.safetensors", Sha256 = ModelSha, Architecture = "DenseNet-121, growth rate 32",
        },
        Predictions = "p.csv", Labels = "cases.csv", LabelsSha256 = "0123", LabelsArePack = false,
        ClassSet = "custom", Classes = ReferenceCase.Instance.Classes, InformationalVersion = "0.1.0+abc1234",
        CommandLine = "chestdx evaluate --predictions p.csv --labels cases.csv --out out",
        Created = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero),
    };

    private string RunChromium(string chromium, params string[] args) => Chromium.Run(chromium, _dir, args);

    [SkippableFact]
    public void Chromium_renders_the_tables_and_plots()
    {
        string? chromium = Chromium.Path();
        Skip.If(chromium is null, "chromium is not installed (apt-get install chromium); CI installs it");
        string html = Report();
        string url = new Uri(html).AbsoluteUri;

        string dom = RunChromium(chromium!, "--dump-dom", url);
        int Count(string needle) => (dom.Length - dom.Replace(needle, "").Length) / needle.Length;
        Assert.Contains("id=\"per-class-table\"", dom);
        Assert.Contains("id=\"published-table\"", dom);
        Assert.Equal(5, Count("<figure class=\"class-plots\""));
        Assert.Equal(5, Count("data-plot=\"roc\""));
        Assert.Equal(5, Count("data-plot=\"pr\""));
        Assert.Equal(5, Count("data-plot=\"calibration\""));
        Assert.Equal(4, Count("class=\"roc-curve\""));   // Hernia has no positives: no curve, stated instead
        Assert.Equal(4, Count("class=\"roc-band\""));
        Assert.Equal(9, Count("class=\"reader-point\"")); // 3 readers × the 3 classes they read
        Assert.Contains("AUROC undefined (no positives)", dom);
        // The provenance block, as the browser built it: model, hash, version and commit, command, date.
        Assert.Contains("<section id=\"provenance\">", dom);
        Assert.Contains("<th>Model SHA-256</th><td>" + ModelSha + "</td>", dom);
        Assert.Contains("<td>run/model.safetensors — DenseNet-121, growth rate 32</td>", dom);
        Assert.Contains("<td>0.1.0, commit abc1234</td>", dom);
        Assert.Contains("<td>chestdx evaluate --predictions p.csv --labels cases.csv --out out</td>", dom);
        Assert.Contains("<td>2026-03-01 12:00:00 UTC</td>", dom);
        Assert.Equal(3, Count("<li class=\"legend\""));

        string png = Path.Combine(_dir, "shot.png");
        RunChromium(chromium!, "--window-size=1400,3400", "--hide-scrollbars", $"--screenshot={png}", url);
        using Image<Rgb24> image = Image.Load<Rgb24>(png);
        long modelBlue = 0, readerOrange = 0, nonWhite = 0;
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
                foreach (Rgb24 px in rows.GetRowSpan(y))
                {
                    if (px.R < 245 || px.G < 245 || px.B < 245) nonWhite++;
                    if (Near(px, 0x1f, 0x5f, 0xa8)) modelBlue++;
                    if (Near(px, 0xd9, 0x82, 0x2b)) readerOrange++;
                }
        });
        long total = (long)image.Width * image.Height;
        Assert.True(nonWhite > total / 20, $"the page looks blank: {nonWhite} of {total} pixels are not white");
        Assert.True(modelBlue > 2_000, $"model curves not visible: {modelBlue} pixels of the curve colour");
        Assert.True(readerOrange > 50, $"reader points not visible: {readerOrange} pixels of the reader colour");
    }

    private static bool Near(Rgb24 p, int r, int g, int b) =>
        Math.Abs(p.R - r) < 16 && Math.Abs(p.G - g) < 16 && Math.Abs(p.B - b) < 16;
}
