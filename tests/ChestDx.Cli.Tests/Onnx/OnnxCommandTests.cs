using System.Globalization;
using ChestDx.Core.Classes;
using ChestDx.Core.Models;
using ChestDx.Training.Model;
using ChestDx.Training.Weights;

namespace ChestDx.Cli.Tests.Onnx;

/// <summary>
/// `chestdx export --onnx` then `chestdx predict --engine onnxruntime` on real radiographs: the same predictions.csv
/// (within 1e-4) and the same class activation map files as `predict --engine torchsharp` on the model file.
/// </summary>
public sealed class OnnxCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-cli-onnx-").FullName;

    private string P(string name) => Path.Combine(_dir, name);

    [Fact]
    public void OnnxRuntime_predictions_and_cams_equal_TorchSharps_for_an_exported_model()
    {
        const int seed = 5;
        var config = new DenseNetConfig
        {
            GrowthRate = 8, BlockConfig = [2, 2, 2, 2], NumInitFeatures = 16, BnSize = 2,
            NumClasses = ClassSet.ChestXray14.Count,
        };
        using (var net = new DenseNet(config, seed))
            new ModelPackage
            {
                // 112-pixel input: 3×3 final feature maps, so the CAMs compared below are not flat.
                Architecture = config, Classes = ClassSet.ChestXray14.Names, InputSize = 112, ImageSize = 128,
                EvalCrop = EvalCrop.Center,
            }.Write(P("model.safetensors"), net);
        string[] images = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "data", "nih-sample"), "*.png",
            SearchOption.AllDirectories).Order().Take(3).ToArray();

        var export = CliRunner.Run(["export", P("model.safetensors"), "--out", P("model.onnx")]);
        Assert.True(export.Exit == 0, export.Err + export.Out);
        Assert.Contains("opset 13", export.Out);
        var torch = CliRunner.Run(["predict", "--model", P("model.safetensors"), "--data", .. images, "--out",
            P("torch.csv"), "--tta", "--cam", P("torch-cams"), "--cam-top", "2", "--device", "cpu"]);
        Assert.True(torch.Exit == 0, torch.Err + torch.Out);
        var ort = CliRunner.Run(["predict", "--engine", "onnxruntime", "--model", P("model.onnx"), "--data",
            .. images, "--out", P("ort.csv"), "--tta", "--cam", P("ort-cams"), "--cam-top", "2"]);
        Assert.True(ort.Exit == 0, ort.Err + ort.Out);

        Assert.Contains("3 predictions (14 classes, ten-crop, ONNX Runtime)", ort.Out);
        string[] expected = File.ReadAllLines(P("torch.csv")), actual = File.ReadAllLines(P("ort.csv"));
        Assert.Equal(expected.Length, actual.Length);
        Assert.Equal(expected[0], actual[0]);
        for (int row = 1; row < expected.Length; row++)
        {
            string[] e = expected[row].Split(','), a = actual[row].Split(',');
            Assert.Equal(e[0], a[0]);
            for (int c = 1; c < e.Length; c++)
                Assert.True(Math.Abs(Parse(e[c]) - Parse(a[c])) <= 1e-4,
                    $"{e[0]} column {c}: ONNX Runtime {a[c]}, TorchSharp {e[c]} (seed {seed})");
        }
        Assert.Equal(Names(P("torch-cams")), Names(P("ort-cams")));
        Assert.Equal(6, Names(P("ort-cams")).Length);
        foreach (string name in Names(P("ort-cams")))
            SameOverlay(Path.Combine(P("torch-cams"), name), Path.Combine(P("ort-cams"), name));
        Assert.True(File.Exists(Path.Combine(P("ort-cams"), "index.html")));
        Assert.True(File.Exists(Path.Combine(P("torch-cams"), "index.html")));
    }

    /// <summary>
    /// The two engines' overlays of one finding: same size, same header and colour bar, image pixels within a few
    /// levels (the CAMs agree to float rounding; a value at a rounding edge moves a channel by one or two levels),
    /// and on average within half a level.
    /// </summary>
    private static void SameOverlay(string torchFile, string ortFile)
    {
        using var a = SixLabors.ImageSharp.Image.Load<SixLabors.ImageSharp.PixelFormats.Rgb24>(torchFile);
        using var b = SixLabors.ImageSharp.Image.Load<SixLabors.ImageSharp.PixelFormats.Rgb24>(ortFile);
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        long total = 0;
        int worst = 0;
        for (int y = 0; y < a.Height; y++)
            for (int x = 0; x < a.Width; x++)
            {
                var (p, q) = (a[x, y], b[x, y]);
                int d = Math.Max(Math.Abs(p.R - q.R), Math.Max(Math.Abs(p.G - q.G), Math.Abs(p.B - q.B)));
                total += d;
                worst = Math.Max(worst, d);
            }
        Assert.True(worst <= 4 && total <= 0.5 * a.Width * a.Height,
            $"{Path.GetFileName(ortFile)}: largest difference {worst} levels, "
            + $"mean {total / (double)(a.Width * a.Height):g3}");
    }

    /// <summary>
    /// The ONNX export carries the model's operating points and calibration in its metadata; ONNX Runtime's run
    /// applies them as the TorchSharp run does (op_norm, then σ(slope·z + intercept)), with the same id headers.
    /// </summary>
    [Theory]
    [InlineData("--operating-points", "image_id [op_norm scores: 0.5 = operating point; not probabilities]")]
    [InlineData("--calibrated", "image_id (calibrated)")]
    public void OnnxRuntime_applies_operating_points_and_calibration_as_TorchSharp_does(string option, string idHeader)
    {
        const int seed = 6;
        var config = new DenseNetConfig
        {
            GrowthRate = 8, BlockConfig = [2, 2, 2, 2], NumInitFeatures = 16, BnSize = 2,
            NumClasses = ClassSet.ChestXray14.Count,
        };
        IReadOnlyList<string> names = ClassSet.ChestXray14.Names;
        using (var net = new DenseNet(config, seed))
            new ModelPackage
            {
                Architecture = config, Classes = names, InputSize = 56, ImageSize = 64, EvalCrop = EvalCrop.Center,
                OperatingPoints = names.Select((_, c) => c == 3 ? double.NaN : 0.3 + 0.02 * c).ToList(),
                Calibration = names.Select((n, c) => new ClassCalibration
                {
                    Class = n, Method = CalibrationMethod.Platt, Slope = 0.5 + 0.05 * c, Intercept = -0.1 * c,
                }).ToList(),
            }.Write(P("model.safetensors"), net);
        string[] images = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "data", "nih-sample"), "*.png",
            SearchOption.AllDirectories).Order().Take(3).ToArray();
        Assert.Equal(0, CliRunner.Run(["export", P("model.safetensors"), "--onnx", P("model.onnx")]).Exit);

        var torch = CliRunner.Run(["predict", "--model", P("model.safetensors"), "--data", .. images, "--out",
            P("torch.csv"), option, "--device", "cpu"]);
        var ort = CliRunner.Run(["predict", "--engine", "onnxruntime", "--model", P("model.onnx"), "--data",
            .. images, "--out", P("ort.csv"), option]);

        Assert.True(torch.Exit == 0, torch.Err + torch.Out);
        Assert.True(ort.Exit == 0, ort.Err + ort.Out);
        string[] expected = File.ReadAllLines(P("torch.csv")), actual = File.ReadAllLines(P("ort.csv"));
        Assert.StartsWith(idHeader + ",", actual[0]);
        Assert.Equal(expected[0], actual[0]);
        var plain = CliRunner.Run(["predict", "--engine", "onnxruntime", "--model", P("model.onnx"), "--data",
            .. images, "--out", P("plain.csv")]);
        Assert.Equal(0, plain.Exit);
        string[] untransformed = File.ReadAllLines(P("plain.csv"));
        for (int row = 1; row < expected.Length; row++)
        {
            string[] e = expected[row].Split(','), a = actual[row].Split(','), u = untransformed[row].Split(',');
            for (int c = 1; c < e.Length; c++)
                Assert.True(Math.Abs(Parse(e[c]) - Parse(a[c])) <= 1e-4,
                    $"{e[0]} column {c}: ONNX Runtime {a[c]}, TorchSharp {e[c]} ({option}, seed {seed})");
            // The transform was applied: the class without an operating point is exactly 0.5 under op_norm.
            if (option == "--operating-points") Assert.Equal(0.5, Parse(a[4]));
            else Assert.NotEqual(u[1], a[1]);
        }
    }

    /// <summary>Both engines take a folder: every image under it, ids relative to it, the same rows.</summary>
    [Fact]
    public void Both_engines_predict_a_folder_with_ids_relative_to_it()
    {
        var config = new DenseNetConfig
        {
            GrowthRate = 8, BlockConfig = [2, 2, 2, 2], NumInitFeatures = 16, BnSize = 2, NumClasses = 2,
        };
        using (var net = new DenseNet(config, 7))
            new ModelPackage
            {
                Architecture = config, Classes = ["Atelectasis", "Effusion"], InputSize = 56, ImageSize = 64,
                EvalCrop = EvalCrop.Center,
            }.Write(P("model.safetensors"), net);
        Assert.Equal(0, CliRunner.Run(["export", P("model.safetensors"), "--onnx", P("model.onnx")]).Exit);
        string[] images = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "data", "nih-sample"), "*.png",
            SearchOption.AllDirectories).Order().Take(2).ToArray();
        Directory.CreateDirectory(P("folder/site1"));
        File.Copy(images[0], P("folder/site1/x.png"));
        File.Copy(images[1], P("folder/x.png"));
        File.WriteAllText(P("folder/notes.csv"), "id,comment");

        var torch = CliRunner.Run(["predict", "--model", P("model.safetensors"), "--data", P("folder"), "--out",
            P("torch.csv"), "--device", "cpu", "--cam", P("torch-cams"), "--cam-top", "1"]);
        var ort = CliRunner.Run(["predict", "--engine", "onnxruntime", "--model", P("model.onnx"), "--data",
            P("folder"), "--out", P("ort.csv"), "--cam", P("ort-cams"), "--cam-top", "1"]);

        Assert.True(torch.Exit == 0, torch.Err + torch.Out);
        Assert.True(ort.Exit == 0, ort.Err + ort.Out);
        Assert.Equal(["site1/x.png", "x.png"], File.ReadAllLines(P("torch.csv")).Skip(1).Select(r => r.Split(',')[0]));
        Assert.Equal(["site1/x.png", "x.png"], File.ReadAllLines(P("ort.csv")).Skip(1).Select(r => r.Split(',')[0]));
        Assert.Contains("1 file(s) skipped", ort.Err);
        // The sub-folder's x.png and the top folder's x.png keep apart in the overlays' names too, alike in both.
        Assert.Equal(Names(P("torch-cams")), Names(P("ort-cams")));
        Assert.Equal(2, Names(P("ort-cams")).Length);
        Assert.Contains(Names(P("ort-cams")), n => n.StartsWith("site1_x-", StringComparison.Ordinal));
        Assert.Contains(Names(P("ort-cams")), n => n.StartsWith("x_", StringComparison.Ordinal));
    }

    [Fact]
    public void OnnxRuntime_engine_refuses_a_file_that_is_not_ONNX_in_one_line()
    {
        File.WriteAllText(P("model.onnx"), "not a protobuf");
        string png = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "data", "nih-sample"), "*.png",
            SearchOption.AllDirectories).Order().First();

        var run = CliRunner.Run(["predict", "--engine", "onnxruntime", "--model", P("model.onnx"), "--data", png,
            "--out", P("p.csv")]);

        Assert.Equal(1, run.Exit);
        Assert.StartsWith($"chestdx predict: error: {P("model.onnx")}: ONNX Runtime cannot load it", run.Err.Trim());
        Assert.Single(run.Err.Trim().Split('\n'));
        Assert.False(File.Exists(P("p.csv")));
    }

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static string[] Names(string folder) =>
        Directory.GetFiles(folder, "*.png").Select(Path.GetFileName).Order().ToArray()!;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
