using System.Text;
using System.Text.RegularExpressions;
using ChestDx.Core.Predictions;
using ChestDx.Evaluation.Bootstrap;
using ChestDx.Evaluation.Inputs;
using ChestDx.Evaluation.Pipeline;
using ChestDx.Evaluation.Reports;
using ChestDx.Evaluation.Thresholds;

namespace ChestDx.Evaluation.Tests.Reports;

/// <summary>
/// Every "—" in report.md and report.html carries the number of a reason listed under its table, and the plots have
/// a legend line per plot type. The case: eval-reference's model_a (Hernia has no positives), thresholds max-F1
/// chosen on a validation set whose Pneumonia labels are all negative, so Pneumonia and Hernia have no threshold.
/// </summary>
public sealed partial class BlankReasonsAndLegendsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-blanks-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private EvaluationResult Result(int resamples = 100)
    {
        var c = ReferenceCase.Instance;
        string predictions = Path.Combine(_dir, "p.csv");
        PredictionsCsv.Write(predictions, c.Classes,
            c.Ids.Select((id, i) => (id, c.Classes.Select(k => (float)c.ModelA[k][i]).ToArray())));
        var labels = new StringBuilder("image_id," + string.Join(",", c.Classes) + "\n");
        for (int i = 0; i < c.Ids.Length; i++)
            labels.AppendLine(c.Ids[i] + "," + string.Join(",", c.Classes.Select(k =>
                k == "Pneumonia" ? "0" : c.Truth[k][i] ? "1" : "0")));
        string valLabels = Path.Combine(_dir, "val.csv");
        File.WriteAllText(valLabels, labels.ToString());
        var table = PredictionTable.Read(predictions);
        EvaluationSet test = EvaluationSet.Join(table, LabelReader.Read(Path.Combine(ReferenceCase.DataDir,
            "cases.csv")));
        EvaluationSet validation = EvaluationSet.Join(table, LabelReader.Read(valLabels));
        return Evaluator.Run(test, new EvaluationOptions
        {
            Threshold = ThresholdPolicy.Parse("max-f1"),
            Bootstrap = new BootstrapOptions { Resamples = resamples },
        }, validation);
    }

    [Fact]
    public void A_threshold_with_no_validation_positives_says_so_in_markdown()
    {
        string md = EvaluationMarkdown.Render(Result());
        string pneumonia = md.Split('\n').First(l => l.StartsWith("| Pneumonia |", StringComparison.Ordinal));
        string[] cells = pneumonia.Split('|').Select(x => x.Trim()).ToArray();
        // | Class | n | Pos | Unknown | AUROC | AP | Threshold | Sensitivity | ...
        Match threshold = BlankCell().Match(cells[7]);
        Assert.True(threshold.Success, $"threshold cell: {cells[7]}");
        Assert.Contains($"— [{threshold.Groups[1].Value}]: no positives to choose a max-F1 threshold on in the "
            + "validation split", md);
        Match sensitivity = BlankCell().Match(cells[8]);
        Assert.Contains($"— [{sensitivity.Groups[1].Value}]: no threshold, so no calls (see Threshold)", md);
    }

    [Fact]
    public void Every_blank_of_report_md_has_a_listed_reason()
    {
        string md = EvaluationMarkdown.Render(Result());
        var listed = ListedReason().Matches(md).Select(m => m.Groups[1].Value).ToHashSet();
        int blanks = 0;
        foreach (string line in md.Split('\n').Where(l => l.StartsWith('|')))
            foreach (string cell in line.Split('|').Select(x => x.Trim()).Where(x => x.StartsWith('—')))
            {
                blanks++;
                Match m = BlankCell().Match(cell);
                Assert.True(m.Success, $"a blank without a reason: \"{cell}\" in {line}");
                Assert.Contains(m.Groups[1].Value, listed);
            }
        Assert.True(blanks >= 10, $"the case should have blanks to explain; found {blanks}");
    }

    [Fact]
    public void Every_blank_of_report_html_has_a_reason_as_tooltip_and_in_the_list()
    {
        string html = EvaluationHtml.Render(Result());
        int cells = Regex.Count(html, "<td>—");
        Assert.True(cells >= 10, $"expected blanks in the tables; found {cells}");
        Assert.Equal(cells, Regex.Count(html, "<td>—<sup class=\"why\" title=\"[^\"]+\">\\[\\d+\\]</sup></td>"));
        Assert.Contains("<li>— [", html);
        Assert.Contains("title=\"no positives to choose a max-F1 threshold on in the validation split\"", html);
    }

    [Fact]
    public void The_curves_have_one_legend_line_per_plot_type_naming_band_and_dashed_lines()
    {
        string html = EvaluationHtml.Render(Result(resamples: 100));
        Assert.Equal(3, Regex.Count(html, "<li class=\"legend\""));
        string roc = Regex.Match(html, "<li class=\"legend\" data-legend=\"roc\">([^<]+)</li>").Groups[1].Value;
        Assert.Contains("shaded band: pointwise 95% percentile-bootstrap interval of sensitivity at each of 101 "
            + "false-positive rates (100 stratified resamples", roc);
        Assert.Contains("dashed grey diagonal: chance", roc);
        string pr = Regex.Match(html, "<li class=\"legend\" data-legend=\"pr\">([^<]+)</li>").Groups[1].Value;
        Assert.Contains("dashed grey line: the prevalence", pr);
        string cal = Regex.Match(html, "<li class=\"legend\" data-legend=\"calibration\">([^<]+)</li>").Groups[1].Value;
        Assert.Contains("10 equal-width bins", cal);
        Assert.Contains("dashed grey diagonal: perfect calibration", cal);
        Assert.True(html.IndexOf("class=\"legends\"", StringComparison.Ordinal)
            < html.IndexOf("<figure class=\"class-plots\"", StringComparison.Ordinal), "legends head the plots");
    }

    [Fact]
    public void Without_a_bootstrap_the_roc_legend_says_there_is_no_band()
    {
        string html = EvaluationHtml.Render(Result(resamples: 0));
        Assert.Contains("no band (bootstrap off)", html);
        Assert.DoesNotContain("class=\"roc-band\"", html);
    }

    [GeneratedRegex(@"^— \[(\d+)\]$")]
    private static partial Regex BlankCell();

    [GeneratedRegex(@"^— \[(\d+)\]: ", RegexOptions.Multiline)]
    private static partial Regex ListedReason();
}
