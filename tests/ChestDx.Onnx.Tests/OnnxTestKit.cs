using System.Diagnostics;
using ChestDx.Core.Models;

namespace ChestDx.Onnx.Tests;

/// <summary>Fixture paths, safetensors reading, tolerances and Debian's ONNX checker, shared by the tests.</summary>
internal static class OnnxTestKit
{
    public static string Data(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "data", .. parts]);

    /// <summary>The tiny DenseNet of the fixtures: growth 8, blocks 2-2-2-2, 16 initial features, bn_size 2.</summary>
    public static DenseNetConfig Tiny(int classes) => new()
    {
        GrowthRate = 8, BlockConfig = [2, 2, 2, 2], NumInitFeatures = 16, BnSize = 2, NumClasses = classes,
    };

    public static (long[] Shape, float[] Values) Tensor(string file, string name)
    {
        using FileStream stream = SafeTensorsFile.OpenRead(file);
        SafeTensorsHeader header = SafeTensorsFile.ReadHeader(stream, file);
        SafeTensorsEntry entry = header.Entries.Single(e => e.Name == name);
        return (entry.Shape, SafeTensorsFile.ReadFloat32(stream, header, entry, file));
    }

    /// <summary>
    /// Asserts |actual − expected| ≤ tolerance · max|expected| element-wise: relative to the output's scale, so a
    /// logit near zero is not held to an impossible relative error.
    /// </summary>
    public static void Close(float[] expected, float[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = Math.Max(expected.Max(v => Math.Abs((double)v)), 1e-30);
        int worst = 0;
        double worstError = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs((double)actual[i] - expected[i]);
            if (error > worstError) (worst, worstError) = (i, error);
        }
        Assert.True(worstError <= tolerance * scale,
            $"{what}: element {worst} is {actual[worst]}, expected {expected[worst]} "
            + $"(error {worstError:g3} > {tolerance:g1} × max|expected| {scale:g4})");
    }

    /// <summary>Debian's python3-onnx full check (structure, operator schemas, shape inference); "" when it passes.
    /// </summary>
    public static string CheckerErrors(string onnxFile)
    {
        var info = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (string a in new[]
                 {
                     "-c", "import sys, onnx; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)",
                     onnxFile,
                 })
            info.ArgumentList.Add(a);
        using Process process = Process.Start(info)!;
        string stderr = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? "" : stderr.Trim();
    }

    /// <summary>Debian's interpreter, where python3-onnx is installed (a pyenv shim on PATH may lack it).</summary>
    public static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    public static float[] RandomFloats(int count, int seed, float scale = 1f)
    {
        var rng = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float)(rng.NextDouble() * 2 - 1) * scale;
        return values;
    }
}
