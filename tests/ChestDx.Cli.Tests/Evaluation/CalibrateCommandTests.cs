using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using ChestDx.Core.Models;

namespace ChestDx.Cli.Tests.Evaluation;

/// <summary>`chestdx calibrate` and `evaluate --calibration` end to end on the eval-reference case (600 images, five
/// classes, Hernia without positives), with a model file whose one tensor is a stand-in.</summary>
public sealed class CalibrateCommandTests : IDisposable
{
    private static readonly string[] Classes = ["Atelectasis", "Cardiomegaly", "Effusion", "Pneumonia", "Hernia"];
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-cli-calibrate-").FullName;

    private static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "data", "eval-reference", name);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Model()
    {
        string path = Path.Combine(_dir, "model.safetensors");
        var package = new ModelPackage
        {
            Architecture = DenseNetConfig.DenseNet121(Classes.Length), Classes = Classes, InputSize = 224,
            ImageSize = 256, EvalCrop = EvalCrop.Center,
        };
        float[] bias = [0.5f, -1f];
        using FileStream f = File.Create(path);
        SafeTensorsFile.Write(f, [new SafeTensorsEntry("classifier.bias", SafeTensorsDType.F32, [2], 0, 8)],
            package.ToMetadata(), (s, _) => s.Write(MemoryMarshal.AsBytes(bias.AsSpan())));
        return path;
    }

    /// <summary>model_a's probabilities from cases.csv as a predictions file.</summary>
    private string Predictions()
    {
        string[] lines = File.ReadAllLines(Data("cases.csv"));
        string[] header = lines[0].Split(',');
        var sb = new StringBuilder("image_id," + string.Join(",", Classes) + "\n");
        foreach (string line in lines.Skip(1))
        {
            string[] f = line.Split(',');
            sb.AppendLine(f[0] + "," + string.Join(",", Classes.Select(c => f[Array.IndexOf(header, $"model_a.{c}")])));
        }
        string path = Path.Combine(_dir, "val.csv");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    [Fact]
    public void Calibrate_writes_a_copy_lists_the_classes_it_could_not_fit_and_evaluate_reports_before_and_after()
    {
        string model = Model(), predictions = Predictions(), copy = Path.Combine(_dir, "calibrated.safetensors");
        byte[] original = File.ReadAllBytes(model);

        var (code, output, err) = CliRunner.Run(["calibrate", "--model", model, "--predictions", predictions,
            "--labels", Data("cases.csv"), "--method", "platt", "--out", copy]);

        Assert.True(code == 0, err);
        Assert.Contains("not calibrated: no positives", output);
        Assert.Contains("Calibrated 4 of 5 classes", output);
        Assert.Equal(original, File.ReadAllBytes(model));
        ModelPackage written = ModelPackage.Read(copy);
        Assert.Equal(["Atelectasis", "Cardiomegaly", "Effusion", "Pneumonia"],
            written.Calibration!.Select(c => c.Class));
        Assert.All(written.Calibration!, c => Assert.Equal(CalibrationMethod.Platt, c.Method));

        string outDir = Path.Combine(_dir, "eval");
        (code, _, err) = CliRunner.Run(["evaluate", "--predictions", predictions, "--labels", Data("cases.csv"),
            "--out", outDir, "--bootstrap", "0", "--calibration", copy]);

        Assert.True(code == 0, err);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "metrics.json")));
        JsonElement[] classes = doc.RootElement.GetProperty("recalibration").GetProperty("classes").EnumerateArray()
            .ToArray();
        JsonElement atelectasis = classes.Single(c => c.GetProperty("name").GetString() == "Atelectasis");
        Assert.Equal("platt", atelectasis.GetProperty("method").GetString());
        // Platt's fit minimises log loss on these very cases, so the loss cannot rise.
        Assert.True(atelectasis.GetProperty("log_loss_after").GetDouble()
                    <= atelectasis.GetProperty("log_loss_before").GetDouble());
        JsonElement hernia = classes.Single(c => c.GetProperty("name").GetString() == "Hernia");
        Assert.Equal(JsonValueKind.Null, hernia.GetProperty("ece_after").ValueKind);
        Assert.Contains("no calibration", hernia.GetProperty("reason").GetString());
    }

    [Fact]
    public void Calibrate_without_out_or_in_place_is_a_one_line_error()
    {
        var (code, _, err) = CliRunner.Run(["calibrate", "--model", Model(), "--predictions", Predictions(),
            "--labels", Data("cases.csv")]);

        Assert.NotEqual(0, code);
        Assert.StartsWith("chestdx calibrate: error: say where the calibrated model goes", err.Trim());
        Assert.Single(err.Trim().Split('\n'));
    }

    [Fact]
    public void An_unknown_method_is_a_parse_error_naming_the_choices()
    {
        var (code, _, err) = CliRunner.Run(["calibrate", "--model", "m", "--predictions", "p", "--labels", "l",
            "--method", "isotonic", "--in-place"]);

        Assert.NotEqual(0, code);
        Assert.Contains("isotonic", err);
        Assert.Contains("temperature", err);
        Assert.Contains("platt", err);
    }
}
