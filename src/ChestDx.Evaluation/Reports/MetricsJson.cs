using System.Text.Json;
using ChestDx.Evaluation.Pipeline;
using ChestDx.Core.IO;

namespace ChestDx.Evaluation.Reports;

/// <summary>Writes metrics.json; the schema is documented field by field in eval/METRICS_SCHEMA.md.</summary>
public static class MetricsJson
{
    public const string Schema = "chestdx.metrics/1";

    public static void Write(Stream stream, EvaluationResult r, ReportProvenance? provenance = null)
    {
        using var w = new Utf8JsonWriter(stream, Json.Options);
        var o = r.Options;
        bool boot = o.Bootstrap.Resamples > 0;
        w.WriteStartObject();
        w.WriteString("schema", Schema);
        ProvenanceSections.Json(w, provenance);
        w.WriteString("predictions", FileNames.LastPart(r.Data.PredictionsPath));
        w.WriteString("labels", FileNames.LastPart(r.Data.LabelsPath));
        w.WriteString("labels_source", r.Data.LabelsDescription);
        w.WriteStartObject("join");
        w.WriteString("id_match", r.Data.JoinSummary.Match.ToString().ToLowerInvariant());
        w.WriteNumber("evaluated_ids", r.Data.Ids.Count);
        w.WriteNumber("ignored_prediction_ids", r.Data.JoinSummary.IgnoredPredictionIds);
        w.WriteNumber("ignored_label_ids", r.Data.JoinSummary.IgnoredLabelIds);
        w.Strings("classes_only_in_predictions", r.Data.JoinSummary.ClassesOnlyInPredictions);
        w.Strings("classes_only_in_labels", r.Data.JoinSummary.ClassesOnlyInLabels);
        w.Strings("prob_prefix_removed_from", r.Data.JoinSummary.PrefixedColumns);
        w.WriteEndObject();

        w.WriteStartObject("threshold");
        w.WriteString("policy", r.ThresholdOrigin.Policy);
        w.WriteString("chosen_on", r.ThresholdOrigin.ChosenOn);
        if (r.ThresholdOrigin.ValidationPath is { } vp) w.WriteString("validation_predictions", vp);
        else w.WriteNull("validation_predictions");
        w.WriteString("rule", "a score >= threshold is called positive");
        w.WriteEndObject();

        w.WriteStartObject("bootstrap");
        w.WriteNumber("resamples", o.Bootstrap.Resamples);
        w.WriteNumber("seed", o.Bootstrap.Seed);
        w.WriteNumber("confidence_level", o.ConfidenceLevel);
        w.WriteString("per_class",
            "percentile interval of stratified resamples (positives and negatives of the class resampled separately)");
        w.WriteString("mean_auroc", "percentile interval of image-level resamples (all classes of an image together)");
        w.WriteString("percentile", "linear interpolation between order statistics (numpy default)");
        w.WriteEndObject();
        w.WriteString("auroc_ci_method", boot ? "bootstrap" : "delong");
        w.WriteNumber("calibration_bins", o.CalibrationBins);

        w.WriteStartArray("classes");
        foreach (ClassEvaluation c in r.Classes) WriteClass(w, c, boot, r.ComparisonPath is not null);
        w.WriteEndArray();

        w.Number("mean_auroc", r.MeanAuroc.Value);
        w.Interval("mean_auroc_ci", r.MacroBootstrap?.MeanAuroc);
        w.WriteNumber("mean_auroc_classes", r.MeanAuroc.Classes);
        w.Number("mean_average_precision", r.MeanAveragePrecision.Value);
        w.Interval("mean_average_precision_ci", r.MacroBootstrap?.MeanAveragePrecision);
        w.Number("mean_f1", r.MeanF1.Value);
        w.Number("mean_sensitivity", r.MeanSensitivity.Value);
        w.Number("mean_specificity", r.MeanSpecificity.Value);
        w.WriteStartArray("excluded_from_means");
        foreach (var (name, reason) in r.Excluded)
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteString("reason", reason);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (r.ComparisonPath is not null) w.WriteString("comparison_predictions", r.ComparisonPath);
        RecalibrationJson.Write(w, r);
        w.Strings("notes", r.Notes);
        w.WriteEndObject();
    }

    private static void WriteClass(Utf8JsonWriter w, ClassEvaluation c, bool boot, bool compared)
    {
        var b = c.Bootstrap;
        w.WriteStartObject();
        w.WriteString("name", c.Name);
        w.WriteNumber("n", c.N);
        w.WriteNumber("positives", c.Positives);
        w.WriteNumber("negatives", c.Negatives);
        w.WriteNumber("unknown_excluded", c.Unknown);
        if (c.UndefinedReason is { } why) w.WriteString("undefined_reason", why); else w.WriteNull("undefined_reason");
        w.Number("auroc", c.Auroc);
        if (boot) w.Interval("auroc_ci", b?.Auroc);
        else w.Interval("auroc_ci", c.DeLong?.CiLow, c.DeLong?.CiHigh);
        w.Interval("auroc_ci_bootstrap", b?.Auroc);
        w.Interval("auroc_ci_delong", c.DeLong?.CiLow, c.DeLong?.CiHigh);
        w.Number("auroc_variance_delong", c.DeLong?.Variance);
        w.Number("average_precision", c.AveragePrecision);
        w.Interval("average_precision_ci", b?.AveragePrecision);
        w.Number("threshold", c.Threshold);
        if (c.ThresholdUndefinedReason is { } tw) w.WriteString("threshold_undefined_reason", tw);
        else w.WriteNull("threshold_undefined_reason");
        if (c.Counts is { } k)
        {
            w.WriteNumber("tp", k.TruePositives);
            w.WriteNumber("fp", k.FalsePositives);
            w.WriteNumber("fn", k.FalseNegatives);
            w.WriteNumber("tn", k.TrueNegatives);
        }
        else foreach (string name in new[] { "tp", "fp", "fn", "tn" }) w.WriteNull(name);
        w.Number("f1", c.Counts?.F1);
        w.Interval("f1_ci", b?.F1);
        w.Number("precision", c.Counts?.Precision);
        w.Interval("precision_ci", b?.Precision);
        w.Number("sensitivity", c.Counts?.Sensitivity);
        w.Interval("sensitivity_ci", b?.Sensitivity);
        w.Number("specificity", c.Counts?.Specificity);
        w.Interval("specificity_ci", b?.Specificity);
        w.Number("npv", c.Counts?.Npv);
        w.Interval("npv_ci", b?.Npv);
        if (c.Calibration is { } cal)
        {
            w.WriteStartObject("calibration");
            w.WriteNumber("ece", cal.Ece);
            w.WriteNumber("brier", cal.Brier);
            w.WriteStartArray("bins");
            foreach (var bin in cal.Bins)
            {
                w.WriteStartObject();
                w.WriteNumber("low", bin.Low);
                w.WriteNumber("high", bin.High);
                w.WriteNumber("n", bin.Count);
                w.Number("mean_predicted", bin.MeanPredicted);
                w.Number("observed_rate", bin.ObservedRate);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        else w.WriteNull("calibration");
        if (c.CalibrationUndefinedReason is { } cw) w.WriteString("calibration_undefined_reason", cw);
        else w.WriteNull("calibration_undefined_reason");
        if (compared && c.Comparison is { } cmp)
        {
            w.WriteStartObject("comparison");
            w.Number("auroc_other", cmp.AurocOther);
            w.Interval("auroc_other_ci", cmp.AurocOtherCi);
            w.Number("auroc_difference", c.Auroc - cmp.AurocOther);
            w.Interval("auroc_difference_ci_bootstrap", cmp.DifferenceCi);
            w.Interval("auroc_difference_ci_delong", cmp.DeLong?.DifferenceCiLow, cmp.DeLong?.DifferenceCiHigh);
            w.Number("delong_z", cmp.DeLong?.Z);
            w.Number("delong_p", cmp.DeLong?.PValue);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }
}
