using System.Text.Json;
using ChestDx.Core.Labels;
using ChestDx.Core.Packs;

namespace ChestDx.Ingest.Tests.Pipeline;

/// <summary>
/// settings.labels.format and settings.split.method are enums now (issue 13 item 4, issue 15): pack.json files written
/// when they were strings must read and rewrite byte for byte, and other names must be refused.
/// </summary>
public sealed class PackJsonChoiceTests
{
    // The settings block as the string-typed writer produced it (main at 9acad83, an NIH pack and a synth pack).
    [Theory]
    [InlineData("nih-data-entry", "official", LabelFileFormat.NihDataEntry, SplitMethod.Official)]
    [InlineData("generic-csv", "random", LabelFileFormat.GenericCsv, SplitMethod.Random)]
    [InlineData("google-expert", "file", LabelFileFormat.GoogleExpert, SplitMethod.File)]
    [InlineData("none", "none", LabelFileFormat.None, SplitMethod.None)]
    public void Pack_json_written_with_string_settings_reads_as_enums_and_rewrites_byte_identical(string format,
        string method, LabelFileFormat expectedFormat, SplitMethod expectedMethod)
    {
        string json = $$"""
            {
              "schema_version": 1,
              "image_size": 256,
              "count": 0,
              "classes": [
                "Atelectasis"
              ],
              "splits": {},
              "rejected": 0,
              "settings": {
                "aspect": "pad",
                "resampling": "area",
                "grey_conversion": "bt601",
                "split": {
                  "method": "{{method}}",
                  "seed": 0
                },
                "labels": {
                  "format": "{{format}}",
                  "file": "labels.csv",
                  "ignored": [],
                  "ages_blanked": 0
                },
                "pseudonym": "none",
                "source_paths_pseudonymised": false,
                "inputs_sha256": "00"
              }
            }

            """.ReplaceLineEndings("\n");
        PackInfo info = JsonSerializer.Deserialize<PackInfo>(json, PackInfo.JsonOptions)!;
        Assert.Equal(expectedFormat, info.Settings!.Labels.Format);
        Assert.Equal(expectedMethod, info.Settings.Split.Method);
        Assert.Equal(json, info.ToJson());
    }

    [Theory]
    [InlineData("\"format\": \"NihDataEntry\"", "\"method\": \"none\"")]
    [InlineData("\"format\": \"none\"", "\"method\": \"Official\"")]
    [InlineData("\"format\": \"none\"", "\"method\": 1")]
    public void Other_spellings_of_the_choices_are_refused(string format, string method)
    {
        string json = $"{{\"settings\": {{\"split\": {{{method}}}, \"labels\": {{{format}}}}}}}";
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<PackInfo>(json, PackInfo.JsonOptions));
    }

    [Fact]
    public void Adapter_settings_are_written_as_snake_case_names()
    {
        var info = new PackInfo
        {
            Settings = new PackSettings
            {
                Labels = new LabelSettings
                {
                    Format = LabelFileFormat.Vindr, PatientIdsFrom = PatientIdSource.PerImage,
                    Readers = ReaderRule.Majority,
                    Uncertain = new Dictionary<string, UncertainPolicy> { ["Edema"] = UncertainPolicy.Ones },
                },
            },
        };
        string json = info.ToJson();
        Assert.Contains("\"format\": \"vindr\"", json);
        Assert.Contains("\"patient_ids_from\": \"per_image\"", json);
        Assert.Contains("\"readers\": \"majority\"", json);
        Assert.Contains("\"Edema\": \"ones\"", json);
        PackInfo back = JsonSerializer.Deserialize<PackInfo>(json, PackInfo.JsonOptions)!;
        Assert.Equal(json, back.ToJson());
    }
}
