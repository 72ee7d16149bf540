using System.Diagnostics;
using System.Text.Json;
using ChestDx.Core.Classes;
using ChestDx.Core.Models;
using ChestDx.Core.Progress;
using ChestDx.Training.Inference;
using ChestDx.Training.Model;
using ChestDx.Training.Settings;
using ChestDx.Training.Weights;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TorchSharp;
using static TorchSharp.torch;

namespace ChestDx.Training.Tests.Import;

/// <summary>
/// The README's "Use the model from Python" snippet, run as written with Debian's python3-torch and torchvision on a
/// ChestDx model file, gives ChestDx's predictions (TorchSharp) on the same image within 1e-5.
/// </summary>
public class PythonSnippetTests
{
    [SkippableTheory]
    [InlineData(EvalCrop.Center, 40)]
    [InlineData(EvalCrop.Resize, 48)]
    public void Readme_snippet_reproduces_chestdx_predictions_with_torchvision(EvalCrop crop, int imageSize)
    {
        Skip.IfNot(ImportFixtures.PythonWithTorch(), ImportFixtures.NeedsPython);
        const int seed = 19;
        using var dir = new TestNets.TempDir();
        string model = dir.File("model.safetensors");
        using (var net = new DenseNet(TestNets.Tiny(classes: 14), seed: seed))
        {
            using (no_grad()) // non-trivial BatchNorm statistics, so eval-mode use of them is checked
                foreach (var (name, buffer) in net.named_buffers())
                    if (name.EndsWith("running_var", StringComparison.Ordinal)) buffer.uniform_(0.5, 2.0);
                    else if (name.EndsWith("running_mean", StringComparison.Ordinal)) buffer.uniform_(-0.2, 0.2);
            new ModelPackage
            {
                Architecture = net.Config, Classes = ClassSet.ChestXray14.Names, InputSize = 32,
                ImageSize = imageSize, EvalCrop = crop,
            }.Write(model, net);
        }
        var rng = new Random(seed);
        byte[] pixels = new byte[imageSize * imageSize];
        rng.NextBytes(pixels);
        using (var png = Image.LoadPixelData<L8>(pixels, imageSize, imageSize)) png.SaveAsPng(dir.File("image.png"));

        using var predictor = Predictor.Load(model, DeviceChoice.Cpu, NullProgressSink.Instance);
        PredictResult chestdx = predictor.Predict(new OneImage(pixels, imageSize), new PredictOptions(),
            NullProgressSink.Instance);

        string output = RunSnippet(dir.Path);
        var python = JsonSerializer.Deserialize<Dictionary<string, double>>(output)!;
        Assert.Equal(ClassSet.ChestXray14.Names, python.Keys);
        float[] expected = chestdx.Rows[0].Probabilities;
        for (int c = 0; c < expected.Length; c++)
        {
            double fromPython = python[ClassSet.ChestXray14[c]];
            Assert.True(Math.Abs(expected[c] - fromPython) <= 1e-5,
                $"seed {seed}, {ClassSet.ChestXray14[c]}: ChestDx {expected[c]}, Python {fromPython}");
        }
    }

    /// <summary>The first ```python block after the README heading, run in <paramref name="folder"/>.</summary>
    private static string RunSnippet(string folder)
    {
        string readme = File.ReadAllText(TestNets.Data("..", "README.md"));
        int section = readme.IndexOf("## Use the model from Python", StringComparison.Ordinal);
        Assert.True(section >= 0, "README.md has no 'Use the model from Python' section");
        int start = readme.IndexOf("```python\n", section, StringComparison.Ordinal) + "```python\n".Length;
        int end = readme.IndexOf("```", start, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(folder, "snippet.py"), readme[start..end]);

        var psi = new ProcessStartInfo("/usr/bin/python3", ["snippet.py"])
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        // The safetensors stand-in (tests/data/python-snippet/PROVENANCE.md): Debian has no python3-safetensors.
        psi.Environment["PYTHONPATH"] = TestNets.Data("python-snippet");
        using var p = Process.Start(psi)!;
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, stderr.Result);
        return stdout.Trim().Split('\n')[^1];
    }

    private sealed class OneImage(byte[] pixels, int size) : IImageSource
    {
        public int Count => 1;
        public string Description => "one test image";

        public IEnumerable<SourceImage> Read(CancellationToken cancel)
        {
            yield return new SourceImage("image.png", pixels, size);
        }
    }
}
