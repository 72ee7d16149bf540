using ChestDx.Core.Csv;
using System.Globalization;
using ChestDx.Evaluation.Inputs;

namespace ChestDx.Evaluation.Reports;

/// <summary>One published per-class AUROC.</summary>
public sealed record PublishedAuroc(string Source, string Class, double Auroc, string TestSet, string Citation);

/// <summary>
/// Published ChestX-ray14 AUROCs (eval/published_baselines.csv, embedded): Wang et al. 2017, Yao et al. 2017 and
/// CheXNet 2017 as CheXNet's Table 2 gives them (anchors §1.1), and jrzech/reproduce-chexnet's reproduction. Each
/// was measured on a different test split, so a side-by-side table shows orders of magnitude, not a paired comparison.
/// </summary>
public static class PublishedBaselines
{
    private static readonly Lazy<IReadOnlyList<PublishedAuroc>> Rows = new(Load);

    public static IReadOnlyList<PublishedAuroc> All => Rows.Value;

    /// <summary>The sources in file order (columns of the comparison table).</summary>
    public static IReadOnlyList<string> Sources => All.Select(r => r.Source).Distinct().ToList();

    public static double? Find(string source, string className) =>
        All.FirstOrDefault(r => r.Source == source && r.Class == className)?.Auroc;

    private static IReadOnlyList<PublishedAuroc> Load()
    {
        using Stream stream = typeof(PublishedBaselines).Assembly
            .GetManifestResourceStream("ChestDx.Evaluation.published_baselines.csv")
            ?? throw new InvalidOperationException("published_baselines.csv is not embedded");
        using CsvFile csv = CsvFile.Open("published_baselines.csv", stream);
        int source = csv.Require("source"), cls = csv.Require("class"), auroc = csv.Require("auroc"),
            testSet = csv.Require("test_set"), citation = csv.Require("citation");
        var rows = new List<PublishedAuroc>();
        while (csv.Read())
            rows.Add(new PublishedAuroc(csv[source].ToString(), csv[cls].ToString(),
                double.Parse(csv[auroc], CultureInfo.InvariantCulture), csv[testSet].ToString(),
                csv[citation].ToString()));
        return rows;
    }
}
