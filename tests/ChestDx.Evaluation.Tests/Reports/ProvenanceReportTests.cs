using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using ChestDx.Core;
using ChestDx.Core.Models;
using ChestDx.Core.Predictions;
using ChestDx.Core.Progress;
using ChestDx.Evaluation.Bootstrap;
using ChestDx.Evaluation.Pipeline;
using ChestDx.Evaluation.Reports;
using ChestDx.Evaluation.Runs;

namespace ChestDx.Evaluation.Tests.Reports;

/// <summary>
/// The provenance block of report.md, report.html and metrics.json, field by field, on the eval-reference case with a
/// predictions sidecar written by the predictions contract's writer. Hashes are checked against the FIPS 180-2 test
/// vector SHA-256("abc"): the "model file" holds "abc", and the "pack" is pack.json "a", manifest.csv "b" and
/// images.u8 "c", whose content hash (Core's PackFingerprint, over the three in that order) is therefore the same.
/// </summary>
public sealed class ProvenanceReportTests : IDisposable
{
    private const string ShaOfAbc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-provenance-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private string Labels => Path.Combine(ReferenceCase.DataDir, "cases.csv");

    /// <summary>model_a's scores as predictions.csv, with a sidecar from <see cref="PredictionsProvenance.Describe"/>
    /// when <paramref name="trainImages"/> is given (a model card beside the model says so).</summary>
    private string Predictions(int? trainImages, bool sidecar = true)
    {
        var c = ReferenceCase.Instance;
        var rows = c.Ids.Select((id, i) => (id, c.Classes.Select(k => (float)c.ModelA[k][i]).ToArray()));
        PredictionsProvenance? provenance = null;
        if (sidecar)
        {
            string run = Directory.CreateDirectory(Path.Combine(_dir, "Doe^Jane", "run")).FullName;
            string model = Path.Combine(run, "model.safetensors");
            File.WriteAllText(model, "abc");
            if (trainImages is { } n)
                File.WriteAllText(Path.Combine(run, ModelCardSummary.FileName), $$"""
                    {"model": "{{model}}", "created": "2026-02-01T10:00:00+00:00",
                     "data": {"pack": "/hospital/Doe^Jane/nih-pack", "sha256": "{{ShaOfAbc}}", "train_images": {{n}},
                              "val_images": 2},
                     "starting_weights": "random initialisation (from scratch)",
                     "epochs": [{}, {}, {}], "best_epoch": 2, "best_val_mean_auroc": 0.625}
                    """);
            string pack = Directory.CreateDirectory(Path.Combine(_dir, "Doe^Jane", "nih-pack")).FullName;
            File.WriteAllText(Path.Combine(pack, "pack.json"), "a");
            File.WriteAllText(Path.Combine(pack, "manifest.csv"), "b");
            File.WriteAllText(Path.Combine(pack, "images.u8"), "c");
            var package = new ModelPackage
            {
                Architecture = DenseNetConfig.DenseNet121(c.Classes.Length), Classes = c.Classes,
                InputSize = 224, ImageSize = 256, EvalCrop = EvalCrop.Center,
            };
            provenance = PredictionsProvenance.Describe(model, package, [pack], "test");
        }
        string path = Path.Combine(_dir, "predictions.csv");
        PredictionsCsv.Write(path, c.Classes, rows, provenance: provenance);
        return path;
    }

    private string Evaluate(string predictions, string? commandLine = "chestdx evaluate --predictions predictions.csv")
    {
        string outDir = Path.Combine(_dir, "out");
        EvaluationRun.Run(new EvaluationRequest
        {
            Predictions = predictions, Labels = Labels, Output = outDir, CommandLine = commandLine,
            Clock = new FixedClock(Now),
            Options = new EvaluationOptions { Bootstrap = new BootstrapOptions { Resamples = 50 } },
        }, NullProgressSink.Instance);
        return outDir;
    }

    private static JsonElement Provenance(string outDir) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "metrics.json"))).RootElement
            .GetProperty("provenance");

    private static string Informational => typeof(ProvenanceCollector).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

    [Fact]
    public void Metrics_json_records_model_data_version_command_and_date()
    {
        JsonElement p = Provenance(Evaluate(Predictions(trainImages: 50_000)));

        JsonElement model = p.GetProperty("model");
        Assert.Equal("run/model.safetensors", model.GetProperty("name").GetString());
        Assert.Equal(ShaOfAbc, model.GetProperty("sha256").GetString());
        Assert.Equal("DenseNet-121, growth rate 32, 5 classes (custom)", model.GetProperty("architecture").GetString());
        JsonElement card = model.GetProperty("card");
        Assert.Equal(50_000, card.GetProperty("train_images").GetInt32());
        Assert.Equal(2, card.GetProperty("best_epoch").GetInt32());
        Assert.Equal(3, card.GetProperty("epochs").GetInt32());
        Assert.Equal("nih-pack", card.GetProperty("pack").GetString()); // the card's folders are not copied
        Assert.Equal(JsonValueKind.Null, p.GetProperty("model_not_recorded").ValueKind);

        JsonElement on = p.GetProperty("predicted_on");
        Assert.Equal("nih-pack", on.GetProperty("pack").GetString());
        Assert.Equal(ShaOfAbc, on.GetProperty("pack_sha256").GetString());
        Assert.Equal("test", on.GetProperty("split").GetString());

        Assert.Equal("predictions.csv", p.GetProperty("predictions").GetString());
        JsonElement labels = p.GetProperty("labels");
        Assert.Equal("cases.csv", labels.GetProperty("name").GetString());
        Assert.Equal("file", labels.GetProperty("kind").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Labels))),
            labels.GetProperty("sha256").GetString());
        Assert.Equal("custom", p.GetProperty("class_set").GetString());
        Assert.Equal(ReferenceCase.Instance.Classes,
            p.GetProperty("classes").EnumerateArray().Select(e => e.GetString()));

        Assert.Equal(Informational.Split('+')[0], p.GetProperty("chestdx_version").GetString());
        Assert.Equal(Informational.Contains('+') ? Informational.Split('+')[1] : null,
            p.GetProperty("chestdx_commit").GetString());
        Assert.Equal("chestdx evaluate --predictions predictions.csv", p.GetProperty("command_line").GetString());
        Assert.Equal("2026-03-01T12:00:00Z", p.GetProperty("created").GetString());
        Assert.Equal(JsonValueKind.Null, p.GetProperty("disclaimer").ValueKind); // 50,000 images: not a demo
        Assert.DoesNotContain("Doe^Jane", File.ReadAllText(Path.Combine(_dir, "out", "metrics.json")));
    }

    [Fact]
    public void Report_md_opens_with_every_provenance_field()
    {
        string md = File.ReadAllText(Path.Combine(Evaluate(Predictions(trainImages: 50_000)), "report.md"));
        string block = md[md.IndexOf("## Provenance", StringComparison.Ordinal)..md.IndexOf("## Per class",
            StringComparison.Ordinal)];
        Assert.Contains("- Model: run/model.safetensors — DenseNet-121, growth rate 32, 5 classes (custom)", block);
        Assert.Contains($"- Model SHA-256: {ShaOfAbc}", block);
        Assert.Contains("- Model card: trained on pack nih-pack (sha256 ba7816bf8f01…), 50,000 train / 2 val images; "
            + "from random initialisation (from scratch); best epoch 2 of 3, val mean AUROC 0.625; "
            + "card written 2026-02-01T10:00:00+00:00", block);
        Assert.Contains($"- Predicted on: pack nih-pack, split test (pack sha256 {ShaOfAbc})", block);
        Assert.Contains("- Labels: cases.csv (sha256 ", block);
        Assert.Contains("- Classes: 5 (custom): " + string.Join(", ", ReferenceCase.Instance.Classes), block);
        Assert.Contains($"- ChestDx: {Informational.Split('+')[0]}, commit ", block);
        Assert.Contains("- Command: chestdx evaluate --predictions predictions.csv", block);
        Assert.Contains("- Date: 2026-03-01 12:00:00 UTC", block);
        Assert.DoesNotContain("pipeline check", md);
        Assert.DoesNotContain("Doe^Jane", md);
    }

    [Fact]
    public void A_model_trained_on_a_handful_of_images_carries_the_demo_disclaimer_in_every_report()
    {
        string outDir = Evaluate(Predictions(trainImages: 5));
        string expected = "This model is a pipeline check, not a diagnostic model: it was trained on 5 images";
        Assert.StartsWith(expected, Provenance(outDir).GetProperty("disclaimer").GetString());
        string md = File.ReadAllText(Path.Combine(outDir, "report.md"));
        Assert.True(md.IndexOf(expected, StringComparison.Ordinal) < md.IndexOf("## Per class",
            StringComparison.Ordinal), "the disclaimer opens report.md");
        Assert.Contains("<p id=\"disclaimer\" class=\"disclaimer\">" + expected,
            File.ReadAllText(Path.Combine(outDir, "report.html")));
    }

    [Fact]
    public void Predictions_without_a_sidecar_say_the_model_was_not_recorded()
    {
        string outDir = Evaluate(Predictions(trainImages: null, sidecar: false), commandLine: null);
        JsonElement p = Provenance(outDir);
        Assert.Equal(JsonValueKind.Null, p.GetProperty("model").ValueKind);
        Assert.Equal("not recorded in the predictions file", p.GetProperty("model_not_recorded").GetString());
        Assert.Equal(JsonValueKind.Null, p.GetProperty("predicted_on").ValueKind);
        Assert.Equal(JsonValueKind.Null, p.GetProperty("command_line").ValueKind);
        string md = File.ReadAllText(Path.Combine(outDir, "report.md"));
        Assert.Contains("- Model: not recorded in the predictions file (predictions.csv has no .provenance.json", md);
        Assert.Contains("- Command: not recorded (run from code", md);
    }

    [Fact]
    public void Rewriting_predictions_without_provenance_removes_the_old_sidecar()
    {
        string path = Predictions(trainImages: 5);
        Assert.True(File.Exists(PredictionsProvenance.PathFor(path)));
        PredictionsCsv.Write(path, ["A"], [("x", [0.5f])]);
        Assert.False(File.Exists(PredictionsProvenance.PathFor(path)), "a stale sidecar would name the wrong model");
        Assert.Null(PredictionTable.Read(path).Provenance);
    }

    [Fact]
    public void A_damaged_sidecar_is_an_error_naming_it()
    {
        string path = Predictions(trainImages: 5);
        File.WriteAllText(PredictionsProvenance.PathFor(path), "{\"schema\": \"chestdx.predictions_provenance/1\"}");
        var e = Assert.Throws<ChestDxException>(() => PredictionTable.Read(path));
        Assert.Contains("predictions.csv.provenance.json", e.Message);
        Assert.Contains("damaged predictions provenance", e.Message);
    }

    [Fact]
    public void The_sidecar_round_trips_through_the_contract()
    {
        string path = Predictions(trainImages: 5);
        PredictionsProvenance read = PredictionTable.Read(path).Provenance!;
        Assert.Equal(ShaOfAbc, read.Model.Sha256);
        Assert.Equal(5, read.Model.Card!.TrainImages);
        Assert.Equal("test", read.Data.Split);
        Assert.Equal(ChestDxVersion.Informational, read.Chestdx);
        string json = File.ReadAllText(PredictionsProvenance.PathFor(path));
        Assert.Contains("\"pack_sha256\"", json); // snake_case, as every ChestDx JSON
        Assert.DoesNotContain("Doe^Jane", json);
    }
}
