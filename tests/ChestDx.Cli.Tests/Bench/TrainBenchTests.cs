using ChestDx.Bench.Train;

namespace ChestDx.Cli.Tests.Bench;

/// <summary>The training-step benchmark's ratios, and its reading of the PyTorch script's output without PyTorch.
/// </summary>
public sealed class TrainBenchTests : IDisposable
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-trainbench-").FullName;

    [Fact]
    public void Ratios_compare_images_per_wall_second_and_cpu_seconds_per_step()
    {
        // Batch 8: ChestDx 0.5 s/step = 16 img/s, PyTorch 1 s/step = 8 img/s; CPU 2 s against 3 s per step.
        var ours = new StepTimings("ChestDx", "fp32", "cpu", 8, [0.4, 0.5, 0.6], [2, 2, 2]);
        var theirs = new StepTimings("PyTorch", "fp32", "cpu", 8, [1.0], [3.0]);
        var result = new TrainBenchResult(ours, theirs);
        Assert.True(result.HasBaseline);
        Assert.Equal(2.0, result.WallRatio!.Value, 12);
        Assert.Equal(1.5, result.CpuRatio!.Value, 12);
    }

    [Fact]
    public void A_baseline_that_did_not_run_has_no_ratios()
    {
        var ours = new StepTimings("ChestDx", "fp32", "cpu", 8, [0.5], [2]);
        var failed = new StepTimings("PyTorch", "fp32", "cpu", 8, [], [], "no torch");
        Assert.False(new TrainBenchResult(ours, failed).HasBaseline);
        Assert.Null(new TrainBenchResult(ours, failed).WallRatio);
        Assert.Null(new TrainBenchResult(ours, null).CpuRatio);
    }

    [Fact]
    public void PyTorch_baseline_reads_the_scripts_json_line()
    {
        string python = FakePython(
            """{"torch": "9.9", "device": "cpu", "threads": 3, "step_seconds": """ +
            """[0.5, 0.25], "step_cpu_seconds": [1, 2]}""");
        var settings = new TrainBenchSettings { BatchSize = 4 };
        StepTimings t = PyTorchBaseline.Run(python, settings, "cpu", "bf16", channelsLast: true, threads: 3, Minute);
        Assert.Null(t.Note);
        Assert.Equal("PyTorch 9.9", t.Framework);
        Assert.Equal("cpu, bf16, channels-last, 3 threads", t.Device);
        Assert.Equal(0.375, t.Median, 12);
        Assert.Equal(1.5, t.MedianCpu, 12);
        Assert.Equal(4 / 0.375, t.ImagesPerSecond, 12);
    }

    [Fact]
    public void PyTorch_baseline_turns_the_scripts_error_into_a_note()
    {
        string python = FakePython("""{"error": "torchvision is not installed"}""");
        StepTimings t =
            PyTorchBaseline.Run(python, new TrainBenchSettings(), "cpu", "fp32", channelsLast: false, threads: 1,
                Minute);
        Assert.Equal("torchvision is not installed", t.Note);
        Assert.Empty(t.Seconds);
    }

    // A stand-in for python3 that ignores the script and prints one line, as pytorch_train_step.py does last.
    private string FakePython(string jsonLine)
    {
        string path = Path.Combine(_dir, "python");
        File.WriteAllText(path, $"#!/bin/sh\necho 'warming up'\necho '{jsonLine}'\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
