using System.Diagnostics;
using ChestDx.Core.Progress;
using ChestDx.Training.Inference;
using ChestDx.Training.Settings;
using ChestDx.Training.Weights;
using static TorchSharp.torch;

namespace ChestDx.Training.Tests.Import;

/// <summary>The model-import fixtures (tests/data/model-import/PROVENANCE.md) and comparisons against them.</summary>
internal static class ImportFixtures
{
    public static string File(string name) => TestNets.Data("model-import", name);

    /// <summary>The reference tensors of an *_io.safetensors fixture, as float arrays.</summary>
    public static float[] Values(StateDict io, string key) =>
        io[key].to(ScalarType.Float32).contiguous().data<float>().ToArray();

    /// <summary>The logits of the model file on the fixture's input x (fed to the network as is).</summary>
    public static float[] LogitsOn(string modelFile, Tensor x)
    {
        using var predictor = Predictor.Load(modelFile, DeviceChoice.Cpu, NullProgressSink.Instance);
        return predictor.Logits(x);
    }

    public static float[] Sigmoid(float[] logits) => logits.Select(v => 1f / (1f + MathF.Exp(-v))).ToArray();

    /// <summary>Each value within 1e-5 of the reference, relative to max(1, |reference|).</summary>
    public static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 * Math.Max(1, Math.Abs(expected[i])),
                $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
    }

    /// <summary>True when /usr/bin/python3 imports torch (Debian: python3-torch).</summary>
    public static bool PythonWithTorch()
    {
        if (!System.IO.File.Exists("/usr/bin/python3")) return false;
        var psi = new ProcessStartInfo("/usr/bin/python3", ["-c", "import torch"]) { RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode == 0;
    }

    public const string NeedsPython = "needs /usr/bin/python3 with PyTorch (Debian: apt-get install python3-torch)";
}
