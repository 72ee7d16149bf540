using ChestDx.Evaluation.Pipeline;

namespace ChestDx.Evaluation.Reports;

/// <summary>
/// One line per plot type saying what each mark is, above the per-class plots of report.html. The band is what
/// <see cref="Bootstrap.ClassBootstrap"/> computes: at each false-positive rate of a fixed grid, the percentile
/// interval of the resampled curves' sensitivity — pointwise, so the whole curve may leave it more often than the
/// confidence level says.
/// </summary>
public static class PlotLegends
{
    public static string Roc(EvaluationResult r, bool readers)
    {
        var o = r.Options;
        string band = o.Bootstrap.Resamples > 0
            ? $"shaded band: pointwise {o.ConfidenceLevel * 100:0.#}% percentile-bootstrap interval of sensitivity at "
              + $"each of {o.RocBandPoints} false-positive rates ({o.Bootstrap.Resamples:N0} stratified resamples; "
              + "pointwise, not a band for the whole curve)"
            : "no band (bootstrap off)";
        return $"ROC: solid line, the model's ROC curve; {band}; dashed grey diagonal: chance (a random ranking, "
            + "AUROC 0.5); square: the model at its threshold"
            + (readers ? "; circles: the readers' operating points" : "") + ".";
    }

    public const string PrecisionRecall =
        "Precision–recall: step line, the model's curve (scikit-learn's step definition, whose area is AP); dashed "
        + "grey line: the prevalence, the precision of a random ranking.";

    public static string Reliability(EvaluationResult r) =>
        $"Reliability: points and line, the observed frequency against the mean predicted probability in each of "
        + $"{r.Options.CalibrationBins} equal-width bins (empty bins left out; hover a point for its count); dashed "
        + "grey diagonal: perfect calibration.";

    public static string Html(EvaluationResult r, bool readers) =>
        "<ul class=\"legends\">"
        + $"<li class=\"legend\" data-legend=\"roc\">{Page.Esc(Roc(r, readers))}</li>"
        + $"<li class=\"legend\" data-legend=\"pr\">{Page.Esc(PrecisionRecall)}</li>"
        + $"<li class=\"legend\" data-legend=\"calibration\">{Page.Esc(Reliability(r))}</li>"
        + "</ul>";
}
