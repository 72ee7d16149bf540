using System.Text.Json;
using Spectre.Console.Testing;

namespace ChestDx.Cli.Tests.Bench;

/// <summary>`chestdx bench predict` runs every engine and reports; the numbers come from real runs (BENCHMARKS.md).
/// </summary>
public sealed class PredictBenchCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-bench-").FullName;

    [Fact]
    public void Reports_OnnxRuntime_and_TorchSharp_timings_and_explains_a_missing_pytorch()
    {
        var console = new TestConsole().Width(220);
        var error = new StringWriter();
        string json = Path.Combine(_dir, "bench.json");
        int exit = ChestDxApp.Run(
            ["bench", "predict", "--size", "32", "--batch", "2", "--repeats", "1", "--warmup", "0", "--threads", "1",
             "--python", Path.Combine(_dir, "no-such-python"), "--json", json],
            console, error);

        Assert.True(exit == 0, error.ToString());
        Assert.Contains("DenseNet-121 inference (fp32, CPU, 1 threads) at 32×32", console.Output);
        Assert.Contains("ONNX Runtime (CPU)", console.Output);
        Assert.Contains("TorchSharp/libtorch", console.Output);
        Assert.Contains("PyTorch baseline (batch 2): cannot start", error.ToString());
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(json));
        JsonElement row = doc.RootElement.GetProperty("rows")[0];
        Assert.Equal(2, row.GetProperty("batch_size").GetInt32());
        Assert.Equal(1, row.GetProperty("onnx_runtime").GetProperty("seconds").GetArrayLength());
        Assert.True(row.GetProperty("torch_sharp").GetProperty("images_per_second").GetDouble() > 0);
        Assert.True(row.GetProperty("onnx_runtime").GetProperty("peak_rss_bytes").GetInt64() > 0);
    }

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
