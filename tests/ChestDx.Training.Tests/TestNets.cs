using ChestDx.Core.Models;
using ChestDx.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace ChestDx.Training.Tests;

/// <summary>Small shapes and helpers shared by the tests (CPU is scarce: nothing here is DenseNet-121 sized).</summary>
public static class TestNets
{
    /// <summary>The torchvision parity fixture's tiny DenseNet: 4 blocks of 2 layers, k=8, 32 final features.</summary>
    public static DenseNetConfig Tiny(int classes = 14) => new()
    {
        GrowthRate = 8, BlockConfig = [2, 2, 2, 2], NumInitFeatures = 16, BnSize = 2, NumClasses = classes,
    };

    public static string Data(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "data", .. parts]);

    public static bool Equal(Tensor a, Tensor b) =>
        a.shape.SequenceEqual(b.shape) && a.to(float64).eq(b.to(float64)).all().item<bool>();

    /// <summary>A fresh empty directory under the system temp folder, deleted by Dispose.</summary>
    /// <summary>Whether /usr/bin/python3 can import <paramref name="modules"/> (e.g. "torch, torchvision").</summary>
    public static bool PythonCanImport(string modules)
    {
        if (!System.IO.File.Exists("/usr/bin/python3")) return false;
        using var p = System.Diagnostics.Process.Start(
            new System.Diagnostics.ProcessStartInfo("/usr/bin/python3", ["-c", "import " + modules])
            {
                RedirectStandardError = true,
            })!;
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode == 0;
    }

    public sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("chestdx-test-").FullName;
        public string File(string name) => System.IO.Path.Combine(Path, name);
        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
        }
    }
}
