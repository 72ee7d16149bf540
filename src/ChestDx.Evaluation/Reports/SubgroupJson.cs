using System.Text.Json;
using ChestDx.Core.Choices;
using ChestDx.Evaluation.Subgroups;

namespace ChestDx.Evaluation.Reports;

/// <summary>subgroups.json: every number of the subgroup analysis, undefined values as null
/// (eval/METRICS_SCHEMA.md).</summary>
public static class SubgroupJson
{
    public static void Write(Stream stream, SubgroupAnalysisResult s)
    {
        using var w = new Utf8JsonWriter(stream, Json.Options);
        w.WriteStartObject();
        w.WriteString("schema", "chestdx.subgroups/1");
        w.Strings("attributes", s.Attributes.Select(Choice<SubgroupAttribute>.Name));
        w.Strings("age_bands", Subgroups.AgeBands.Names);
        w.WriteString("metadata_source", s.MetadataSource);
        w.WriteNumber("images", s.Images);
        w.WriteNumber("patients", s.Patients);
        w.WriteNumber("min_positives", s.MinPositives);
        w.WriteNumber("min_negatives", s.MinNegatives);
        w.WriteStartObject("bootstrap");
        w.WriteString("unit", "patient");
        w.WriteNumber("resamples", s.Resamples);
        w.WriteNumber("seed", s.Seed);
        w.WriteNumber("confidence_level", s.ConfidenceLevel);
        w.WriteEndObject();

        w.WriteStartObject("underdiagnosis");
        w.WriteString("with_finding", s.Underdiagnosis.WithFinding);
        w.WriteString("called_healthy", s.Underdiagnosis.CalledHealthy);
        w.WriteString("undefined_reason", s.Underdiagnosis.UndefinedReason);
        w.WriteStartArray("groups");
        foreach (UnderdiagnosisRate u in s.UnderdiagnosisRates)
        {
            w.WriteStartObject();
            w.WriteString("attribute", u.Attribute);
            w.WriteString("group", u.Group);
            w.WriteNumber("images", u.Images);
            w.WriteNumber("with_finding", u.WithFinding);
            w.WriteNumber("called_healthy", u.CalledHealthy);
            w.WriteString("too_small", u.TooSmall);
            w.Number("rate", u.Rate);
            Difference(w, "difference", u.Difference);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();

        w.WriteStartArray("classes");
        foreach (SubgroupClassMetrics c in s.Classes)
        {
            w.WriteStartObject();
            w.WriteString("attribute", c.Attribute);
            w.WriteString("group", c.Group);
            w.WriteString("class", c.Class);
            w.WriteNumber("n", c.N);
            w.WriteNumber("positives", c.Positives);
            w.Number("prevalence", c.Prevalence);
            w.WriteString("too_small", c.TooSmall);
            w.Number("auroc", c.Auroc);
            w.Interval("auroc_delong_ci", c.DeLong?.CiLow, c.DeLong?.CiHigh);
            w.Number("threshold", c.Threshold);
            w.Number("sensitivity", c.Sensitivity);
            w.Number("specificity", c.Specificity);
            w.Number("false_positive_rate", c.FalsePositiveRate);
            Difference(w, "auroc_difference", c.AurocDifference);
            Difference(w, "sensitivity_difference", c.SensitivityDifference);
            Difference(w, "specificity_difference", c.SpecificityDifference);
            Difference(w, "false_positive_rate_difference", c.FalsePositiveRateDifference);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.Strings("notes", s.Notes);
        w.WriteEndObject();
    }

    private static void Difference(Utf8JsonWriter w, string name, MetricDifference? d)
    {
        if (d is null)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartObject(name);
        w.Number("value", d.Value);
        w.Interval("ci", d.Ci);
        w.WriteEndObject();
    }
}
