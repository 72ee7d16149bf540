using System.Text.Json;
using ChestDx.Evaluation.Reports;

namespace ChestDx.Evaluation.Readers;

/// <summary>Writes readers.json; documented in eval/READERS_SCHEMA.md.</summary>
public static class ReadersJson
{
    public const string Schema = "chestdx.readers/1";

    public static void Write(Stream stream, ReaderStudyResult r)
    {
        using var w = new Utf8JsonWriter(stream, Json.Options);
        w.WriteStartObject();
        w.WriteString("schema", Schema);
        w.WriteNumber("images", r.ImageIds.Count);
        w.Strings("readers", r.Readers);
        w.WriteString("reference", r.Reference);
        w.WriteString("majority_ties", r.TieRule);
        if (r.ModelName is { } m) w.WriteString("model", m); else w.WriteNull("model");
        if (r.ModelThresholds is { } t) w.WriteString("model_thresholds", t); else w.WriteNull("model_thresholds");
        w.WriteStartObject("bootstrap");
        w.WriteNumber("resamples", r.Options.Bootstrap.Resamples);
        w.WriteNumber("seed", r.Options.Bootstrap.Seed);
        w.WriteNumber("confidence_level", r.Options.Bootstrap.ConfidenceLevel);
        w.WriteString("method",
            "percentile interval of image-level resamples, the same resamples for every rater (paired)");
        w.WriteEndObject();
        w.WriteStartArray("classes");
        foreach (ClassReaderStudy c in r.Classes)
        {
            w.WriteStartObject();
            w.WriteString("name", c.Class);
            w.WriteNumber("reference_known", c.ReferenceKnown);
            w.WriteNumber("reference_positives", c.ReferencePositives);
            w.WriteNumber("reference_ties", c.ReferenceTies);
            w.WriteStartArray("versus_reference");
            foreach (RaterScore s in c.VersusReference) Score(w, s);
            w.WriteEndArray();
            w.WriteStartArray("pairwise_kappa");
            foreach (PairwiseKappa k in c.Pairwise)
            {
                w.WriteStartObject();
                w.WriteString("a", k.A);
                w.WriteString("b", k.B);
                w.WriteNumber("n", k.N);
                w.Number("kappa", k.Kappa);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.Number("fleiss_kappa", c.FleissKappa);
            w.WriteNumber("fleiss_n", c.FleissN);
            if (c.Protocol is { } p)
            {
                w.WriteStartObject("chexnet_protocol");
                w.WriteString("description",
                    "each reader's F1 against the majority vote of the other readers; "
                    + "the model's F1 against each of those majorities; means and paired bootstrap CIs");
                w.WriteStartArray("readers");
                foreach (RaterScore s in p.Readers) Score(w, s);
                w.WriteEndArray();
                w.Number("readers_mean_f1", p.ReadersMeanF1);
                w.Interval("readers_mean_f1_ci", p.ReadersMeanCi);
                w.WriteStartArray("model");
                foreach (RaterScore s in p.Model) Score(w, s);
                w.WriteEndArray();
                w.Number("model_mean_f1", p.ModelMeanF1);
                w.Interval("model_mean_f1_ci", p.ModelMeanCi);
                w.Number("model_minus_readers", p.Difference);
                w.Interval("model_minus_readers_ci", p.DifferenceCi);
                w.WriteStartArray("ties_per_left_out_reader");
                foreach (int t2 in p.ReferenceTies) w.WriteNumberValue(t2);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.Strings("notes", r.Notes);
        w.WriteEndObject();
    }

    private static void Score(Utf8JsonWriter w, RaterScore s)
    {
        w.WriteStartObject();
        w.WriteString("name", s.Name);
        w.WriteBoolean("is_model", s.IsModel);
        w.WriteBoolean("in_reference", s.InReference);
        w.WriteNumber("tp", s.Counts.TruePositives);
        w.WriteNumber("fp", s.Counts.FalsePositives);
        w.WriteNumber("fn", s.Counts.FalseNegatives);
        w.WriteNumber("tn", s.Counts.TrueNegatives);
        w.Number("f1", s.F1);
        w.Interval("f1_ci", s.F1Ci);
        w.Number("sensitivity", s.Sensitivity);
        w.Number("specificity", s.Specificity);
        w.Number("precision", s.Precision);
        w.Number("kappa", s.Kappa);
        w.WriteEndObject();
    }
}
