using System.Text.Json;
using ChestDx.Core;
using ChestDx.Core.Models;
using ChestDx.Core.Predictions;
using ChestDx.Core.Progress;
using ChestDx.Evaluation.Pipeline;
using ChestDx.Evaluation.Runs;
using static ChestDx.Evaluation.Tests.Recalibration.JrzechCalibrationSet;

namespace ChestDx.Evaluation.Tests.Recalibration;

/// <summary>
/// chestdx calibrate's stage and evaluate --calibration, end to end on jrzech's real predictions and a model file
/// whose only tensor is a stand-in (calibration reads and writes metadata; the tensors are copied byte for byte).
/// </summary>
public sealed class CalibrationRunTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-calibrate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Model()
    {
        string path = Path.Combine(_dir, "model.safetensors");
        IReadOnlyList<string> classes = Set.Classes;
        var package = new ModelPackage
        {
            Architecture = DenseNetConfig.DenseNet121(classes.Count), Classes = classes, InputSize = 224,
            ImageSize = 256, EvalCrop = EvalCrop.Center,
        };
        float[] weights = [1.5f, -2.25f, 3f];
        using FileStream f = File.Create(path);
        SafeTensorsFile.Write(f, [new SafeTensorsEntry("classifier.bias", SafeTensorsDType.F32, [3], 0, 12)],
            package.ToMetadata(), (s, _) => s.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(
                weights.AsSpan())));
        return path;
    }

    private static byte[] Tensors(string path)
    {
        using FileStream f = SafeTensorsFile.OpenRead(path);
        SafeTensorsHeader header = SafeTensorsFile.ReadHeader(f, path);
        return SafeTensorsFile.ReadFloat32(f, header, header.Entries[0], path)
            .SelectMany(BitConverter.GetBytes).ToArray();
    }

    [Fact]
    public void Calibrate_writes_a_copy_with_the_reference_temperatures_and_leaves_the_model_untouched()
    {
        string model = Model();
        byte[] original = File.ReadAllBytes(model);
        string copy = Path.Combine(_dir, "calibrated.safetensors");

        CalibrationOutcome outcome = CalibrationRun.Run(new CalibrationRequest
        {
            Model = model, Predictions = PredictionsPath, Labels = LabelsPath, Output = copy,
        });

        Assert.Equal(original, File.ReadAllBytes(model));
        Assert.Equal(Tensors(model), Tensors(copy));
        ModelPackage written = ModelPackage.Read(copy);
        Assert.Equal(14, written.Calibration!.Count);
        foreach (ClassCalibration c in written.Calibration)
        {
            Assert.Equal(CalibrationMethod.Temperature, c.Method);
            Near(Reference(c.Class).GetProperty("temperature").GetProperty("slope").GetDouble(), c.Slope, 1e-6,
                c.Class);
        }
        Assert.Null(outcome.Replaced);
        Assert.Equal(copy, outcome.Written);
    }

    [Fact]
    public void Calibrate_in_place_replaces_an_earlier_calibration_and_keeps_the_tensors()
    {
        string model = Model();
        byte[] tensors = Tensors(model);
        var request = new CalibrationRequest
        {
            Model = model, Predictions = PredictionsPath, Labels = LabelsPath, InPlace = true,
        };
        CalibrationRun.Run(request);

        CalibrationOutcome second = CalibrationRun.Run(request with { Method = CalibrationMethod.Platt });

        Assert.Equal(CalibrationMethod.Temperature, second.Replaced![0].Method);
        ModelPackage written = ModelPackage.Read(model);
        Assert.All(written.Calibration!, c => Assert.Equal(CalibrationMethod.Platt, c.Method));
        Near(Reference("Hernia").GetProperty("platt").GetProperty("intercept").GetDouble(),
            written.Calibration!.Single(c => c.Class == "Hernia").Intercept, 1e-6, "Hernia intercept");
        Assert.Equal(tensors, Tensors(model));
    }

    [Fact]
    public void Calibrate_without_out_or_in_place_is_refused_before_reading_anything()
    {
        var e = Assert.Throws<ChestDxException>(() => CalibrationRun.Run(new CalibrationRequest
        {
            Model = Path.Combine(_dir, "missing.safetensors"), Predictions = "p.csv", Labels = "l.csv",
        }));

        Assert.Contains("--out MODEL (a copy) or --in-place", e.Message);
    }

    [Fact]
    public void Evaluate_with_calibration_reports_ece_and_brier_before_and_after_in_every_format()
    {
        string model = Model();
        CalibrationRun.Run(new CalibrationRequest
        {
            Model = model, Predictions = PredictionsPath, Labels = LabelsPath, InPlace = true,
        });
        string output = Path.Combine(_dir, "eval");

        EvaluationOutcome outcome = EvaluationRun.Run(new EvaluationRequest
        {
            Predictions = PredictionsPath, Labels = LabelsPath, Output = output, Calibration = model,
            Options = new EvaluationOptions { Bootstrap = new() { Resamples = 0 } },
        }, NullProgressSink.Instance);

        Assert.NotNull(outcome.Result.Recalibration);
        using JsonDocument metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        JsonElement recalibration = metrics.RootElement.GetProperty("recalibration");
        Assert.Equal(model, recalibration.GetProperty("model").GetString());
        foreach (JsonElement c in recalibration.GetProperty("classes").EnumerateArray())
        {
            string name = c.GetProperty("name").GetString()!;
            JsonElement expected = Reference(name);
            Assert.Equal("temperature", c.GetProperty("method").GetString());
            Near(expected.GetProperty("ece_before").GetDouble(), c.GetProperty("ece_before").GetDouble(), 1e-9, name);
            Near(expected.GetProperty("brier_before").GetDouble(), c.GetProperty("brier_before").GetDouble(), 1e-9,
                name);
            JsonElement t = expected.GetProperty("temperature");
            Near(t.GetProperty("ece").GetDouble(), c.GetProperty("ece_after").GetDouble(), 1e-6, name);
            Near(t.GetProperty("brier").GetDouble(), c.GetProperty("brier_after").GetDouble(), 1e-6, name);
            Near(t.GetProperty("t").GetDouble(), c.GetProperty("temperature").GetDouble(), 1e-6, name);
        }
        string markdown = File.ReadAllText(Path.Combine(output, "report.md"));
        Assert.Contains("## Recalibration", markdown);
        Assert.Contains("| Hernia | temperature | T = ", markdown);
        Assert.Contains("<section id=\"recalibration\">", File.ReadAllText(Path.Combine(output, "report.html")));
    }

    [Fact]
    public void Metrics_json_says_recalibration_null_without_a_calibration()
    {
        string output = Path.Combine(_dir, "eval");
        EvaluationRun.Run(new EvaluationRequest
        {
            Predictions = PredictionsPath, Labels = LabelsPath, Output = output,
            Options = new EvaluationOptions { Bootstrap = new() { Resamples = 0 } },
        }, NullProgressSink.Instance);

        using JsonDocument metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        Assert.Equal(JsonValueKind.Null, metrics.RootElement.GetProperty("recalibration").ValueKind);
        Assert.DoesNotContain("Recalibration", File.ReadAllText(Path.Combine(output, "report.md")));
    }

    [Fact]
    public void Calibrated_predictions_are_marked_and_refused_by_calibrate_and_evaluate_calibration()
    {
        string model = Model();
        string calibrated = Path.Combine(_dir, "calibrated.csv");
        PredictionsCsv.Write(calibrated, ["Atelectasis"], [("00000010_000.png", [0.25f])],
            PredictionsCsv.CalibratedIdHeader);
        string labels = Path.Combine(_dir, "labels.csv");
        File.WriteAllText(labels, "image_id,Atelectasis\n00000010_000.png,1\n");

        Assert.True(PredictionTable.Read(calibrated).Calibrated);
        var fit = Assert.Throws<ChestDxException>(() => CalibrationRun.Run(new CalibrationRequest
        {
            Model = model, Predictions = calibrated, Labels = labels, InPlace = true,
        }));
        var evaluate = Assert.Throws<ChestDxException>(() => EvaluationRun.Run(new EvaluationRequest
        {
            Predictions = calibrated, Labels = labels, Output = Path.Combine(_dir, "e"), Calibration = model,
        }, NullProgressSink.Instance));

        Assert.Contains("calibrated probabilities", fit.Message);
        Assert.Contains(calibrated, evaluate.Message);
        Assert.Contains("calibrated probabilities", evaluate.Message);
    }
}
