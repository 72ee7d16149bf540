using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ChestDx.Core.Classes;
using ChestDx.Phantoms.Anatomy;
using ChestDx.Phantoms.Findings;

namespace ChestDx.Phantoms.Output;

/// <summary>
/// phantoms.json: how a phantom folder was made — seed, count, size, bit depth, generator version, the findings with
/// their prevalence and parameter ranges, which label columns are meaningful — and how many positives each class got.
/// Written before the first image so that a resumed run can check it continues the same job. No timestamps or paths:
/// the same settings give the same file.
/// </summary>
public static class PhantomManifestJson
{
    public const string FileName = "phantoms.json";

    public static string Format(PhantomOptions options, IReadOnlyList<int> positives, int apFilms)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(
            buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("format", "chestdx-phantoms");
            json.WriteNumber("generator_version", PhantomGenerator.GeneratorVersion);
            json.WriteString("description",
                "Synthetic chest radiographs with planted findings (chestdx synth). "
                + "Labels are exact for the planted classes; "
                + "every other class is 0 because nothing of it was planted, so those columns carry no information.");
            json.WriteNumber("seed", options.Seed);
            json.WriteNumber("count", options.Count);
            json.WriteNumber("size", options.Size);
            json.WriteNumber("bits", options.Bits);
            json.WriteNumber("images_per_patient", options.ImagesPerPatient);
            json.WriteNumber("patients", options.Patients);
            json.WriteNumber("ap_films", apFilms);
            json.WriteString("frame_unit", "half the image width at magnification 1, about 20 cm of patient");

            var planted = options.Findings.Select(f => FindingCatalog.Get(f.Kind).ClassName).ToHashSet();
            json.WriteStartArray("planted_classes");
            foreach (string name in ClassSet.ChestXray14.Names.Where(planted.Contains)) json.WriteStringValue(name);
            json.WriteEndArray();
            json.WriteStartArray("unplanted_classes_written_as_0");
            foreach (string name in ClassSet.ChestXray14.Names.Where(n => !planted.Contains(n)))
                json.WriteStringValue(name);
            json.WriteEndArray();

            json.WriteStartObject("positives");
            for (int i = 0; i < ClassSet.ChestXray14.Count; i++)
                json.WriteNumber(ClassSet.ChestXray14.Names[i], positives[i]);
            json.WriteEndObject();

            json.WriteStartArray("findings");
            foreach (FindingPrevalence wanted in options.Findings)
            {
                FindingInfo info = FindingCatalog.Get(wanted.Kind);
                json.WriteStartObject();
                json.WriteString("class", info.ClassName);
                json.WriteNumber("prevalence", wanted.Prevalence);
                json.WriteBoolean("persists_across_follow_ups", info.Chronic);
                json.WriteString("appearance", info.Appearance);
                json.WriteStartObject("parameters");
                foreach (var (name, range) in info.Parameters) WriteRange(json, name, range);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();

            json.WriteStartObject("normal_anatomy");
            WriteRange(json, "cardiothoracic_ratio", PatientTraits.NormalCtrRange);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteRange(Utf8JsonWriter json, string name, ParameterRange range)
    {
        json.WriteStartObject(name);
        json.WriteNumber("min", range.Min);
        json.WriteNumber("max", range.Max);
        json.WriteString("unit", range.Unit);
        json.WriteString("description", range.Description);
        json.WriteEndObject();
    }
}
