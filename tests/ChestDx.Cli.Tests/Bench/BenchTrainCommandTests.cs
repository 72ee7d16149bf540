using System.Text.Json;
using ChestDx.Cli;
using Spectre.Console.Testing;

namespace ChestDx.Cli.Tests.Bench;

/// <summary>`chestdx bench train` runs and reports;
/// the numbers themselves come from real runs, not from tests.</summary>
public sealed class BenchTrainCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-bench-").FullName;

    [Fact]
    public void Reports_chestdx_timings_and_explains_a_missing_pytorch()
    {
        var console = new TestConsole().Width(200);
        var error = new StringWriter();
        string json = Path.Combine(_dir, "bench.json");
        int exit = ChestDxApp.Run(
            ["bench", "train", "--size", "32", "--batch", "2", "--steps", "1", "--warmup", "0", "--precision", "fp32",
             "--threads", "1",
             "--device", "cpu", "--python", Path.Combine(_dir, "no-such-python"), "--json", json],
            console, error);

        Assert.True(exit == 0, error.ToString());
        Assert.Contains("DenseNet-121 training step, batch 2 at 32×32", console.Output);
        Assert.Contains("ChestDx", console.Output);
        Assert.Contains("PyTorch baseline (fp32): cannot start", error.ToString());
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(json));
        JsonElement ours = doc.RootElement.GetProperty("results")[0].GetProperty("chestdx");
        Assert.Equal(1, ours.GetProperty("seconds").GetArrayLength());
        Assert.True(ours.GetProperty("images_per_second").GetDouble() > 0);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
