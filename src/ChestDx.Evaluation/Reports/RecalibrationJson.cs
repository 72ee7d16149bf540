using System.Text.Json;
using ChestDx.Core.Choices;
using ChestDx.Core.Models;
using ChestDx.Evaluation.Metrics;
using ChestDx.Evaluation.Pipeline;
using ChestDx.Evaluation.Recalibration;

namespace ChestDx.Evaluation.Reports;

/// <summary>metrics.json's "recalibration" (eval/METRICS_SCHEMA.md): null unless <c>--calibration</c> was
/// given.</summary>
internal static class RecalibrationJson
{
    public const string Rule =
        "z = logit(clip(p, 2^-24, 1 - 2^-24)); calibrated p = 1 / (1 + exp(-(slope * z + intercept)))";

    public static void Write(Utf8JsonWriter w, EvaluationResult r)
    {
        if (r.Recalibration is not { } recalibration)
        {
            w.WriteNull("recalibration");
            return;
        }
        w.WriteStartObject("recalibration");
        w.WriteString("model", recalibration.ModelPath);
        w.WriteString("rule", Rule);
        w.WriteStartArray("classes");
        foreach (ClassRecalibration c in recalibration.Classes) WriteClass(w, c);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteClass(Utf8JsonWriter w, ClassRecalibration c)
    {
        w.WriteStartObject();
        w.WriteString("name", c.Name);
        if (c.Calibration is { } k)
        {
            w.WriteString("method", Choice<CalibrationMethod>.Name(k.Method));
            w.WriteNumber("slope", k.Slope);
            w.WriteNumber("intercept", k.Intercept);
            w.Number("temperature", k.Method == CalibrationMethod.Temperature ? 1 / k.Slope : null);
        }
        else
            foreach (string name in new[] { "method", "slope", "intercept", "temperature" }) w.WriteNull(name);
        w.WriteNumber("n", c.N);
        w.WriteNumber("clipped", c.Clipped);
        w.Number("ece_before", c.Before?.Ece);
        w.Number("ece_after", c.After?.Ece);
        w.Number("brier_before", c.Before?.Brier);
        w.Number("brier_after", c.After?.Brier);
        w.Number("log_loss_before", c.LogLossBefore);
        w.Number("log_loss_after", c.LogLossAfter);
        if (c.After is { } after)
        {
            w.WriteStartArray("bins_after");
            foreach (ReliabilityBin bin in after.Bins)
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
        }
        else w.WriteNull("bins_after");
        if (c.Reason is { } why) w.WriteString("reason", why); else w.WriteNull("reason");
        w.WriteEndObject();
    }
}
