using ChestDx.Evaluation.Shift;

namespace ChestDx.Evaluation.Reports;

/// <summary>The rows of the dataset-shift audit's tables, shared by the Markdown and HTML reports: for each
/// attribute, every value on either side with its count and share on each side.</summary>
internal static class ShiftAuditText
{
    public static IEnumerable<(string Attribute, string Value, string Train, string Evaluation)> Distributions(
        ShiftAuditResult a)
    {
        foreach (var (name, train, eval) in new[]
                 {
                     ("view", a.Train.Views, a.Evaluation.Views), ("sex", a.Train.Sex, a.Evaluation.Sex),
                     ("age band", a.Train.AgeBands, a.Evaluation.AgeBands),
                 })
        {
            var values = train.Select(s => s.Value).Concat(eval.Select(s => s.Value)).Distinct().ToList();
            foreach (string v in values)
                yield return (name, v, Cell(train.FirstOrDefault(s => s.Value == v)),
                    Cell(eval.FirstOrDefault(s => s.Value == v)));
        }
        yield return ("age", "mean / median (years)", Age(a.Train), Age(a.Evaluation));
        yield return ("grey level", "pixel mean ± sd", Grey(a.Train.Intensity), Grey(a.Evaluation.Intensity));
        yield return ("grey level", "pixel 1st / 50th / 99th percentile", Percentiles(a.Train.Intensity),
            Percentiles(a.Evaluation.Intensity));
        yield return ("grey level", "per-image mean, 5th–95th percentile", ImageMeans(a.Train.Intensity),
            ImageMeans(a.Evaluation.Intensity));
        yield return ("images", "images / patients", $"{a.Train.Images:N0} / {a.Train.Patients:N0}",
            $"{a.Evaluation.Images:N0} / {a.Evaluation.Patients:N0}");
    }

    public static string Prevalence(int positives, int known, double? prevalence) =>
        known == 0 ? "no known labels" : $"{Format.Num(prevalence)} ({positives:N0}/{known:N0})";

    public static string Unmatched(ShiftAuditResult a) =>
        $"Only in the training pack's classes: {List(a.TrainOnly)}. Only in the evaluation pack's classes: "
        + $"{List(a.EvaluationOnly)}.";

    private static string List(IReadOnlyList<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);

    private static string Cell(Share? s) => s is null ? "0" : $"{s.Count:N0} ({s.Fraction * 100:0.0}%)";

    private static string Age(PackSide s) => $"{Format.Num(s.AgeMean, 1)} / {Format.Num(s.AgeMedian, 1)}";

    private static string Grey(IntensitySummary i) => $"{Format.Num(i.PixelMean, 1)} ± {Format.Num(i.PixelStd, 1)}";

    private static string Percentiles(IntensitySummary i) => $"{i.P01} / {i.P50} / {i.P99}";

    private static string ImageMeans(IntensitySummary i) =>
        $"{Format.Num(i.ImageMeanP05, 1)}–{Format.Num(i.ImageMeanP95, 1)}";
}
