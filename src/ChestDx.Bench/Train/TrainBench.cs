using System.Text.Json;
using ChestDx.Core.Choices;
using ChestDx.Core.Progress;
using ChestDx.Training.Native;
using ChestDx.Training.Runs;
using ChestDx.Training.Settings;

namespace ChestDx.Bench.Train;

/// <summary>One precision: ChestDx's step timings and PyTorch's (null when no baseline was asked for).</summary>
public sealed record TrainBenchResult(StepTimings ChestDx, StepTimings? PyTorch)
{
    /// <summary>True when PyTorch ran and timed steps (not just a note saying why it could not).</summary>
    public bool HasBaseline => PyTorch is { Seconds.Count: > 0 };

    /// <summary>ChestDx's images per wall second over PyTorch's: above 1, ChestDx is faster.</summary>
    public double? WallRatio => HasBaseline ? ChestDx.ImagesPerSecond / PyTorch!.ImagesPerSecond : null;

    /// <summary>PyTorch's CPU seconds per step over ChestDx's: above 1, ChestDx does less work.</summary>
    public double? CpuRatio => HasBaseline ? PyTorch!.MedianCpu / ChestDx.MedianCpu : null;
}

public sealed record TrainBenchReport(TrainBenchSettings Settings, IReadOnlyList<TrainBenchResult> Results)
{
    /// <summary>The settings, the libtorch runtime and every timing, as `chestdx bench train --json` writes them.
    /// </summary>
    public string ToJson() => JsonSerializer.Serialize(new
    {
        settings = Settings,
        runtime = TorchRuntime.Probe(),
        results = Results.Select(r => new
        {
            chestdx = Summary(r.ChestDx), pytorch = r.PyTorch is null ? null : Summary(r.PyTorch),
        }),
    }, TrainConfigLoader.Json);

    private static object Summary(StepTimings t) =>
        new
        {
            t.Framework, t.Precision, t.Device, t.BatchSize, median_seconds = t.Median,
            images_per_second = t.ImagesPerSecond, median_cpu_seconds = t.MedianCpu,
            t.Seconds, t.CpuSeconds, t.Losses, t.Note,
        };
}

/// <summary>
/// `chestdx bench train`: images/s of the DenseNet-121 training step (forward + backward + Adam, batch 16 at 224 by
/// default) in ChestDx (<see cref="TrainStepBench"/>) and in PyTorch eager (<see cref="PyTorchBaseline"/>) on the same
/// device, same threads and precision; medians and ratios, by wall clock and by process CPU time (the fair figure on a
/// CPU shared with other jobs).
/// </summary>
public static class TrainBench
{
    /// <param name="precisions">fp32 and/or bf16, in the order to run them.</param>
    /// <param name="python">Python with PyTorch and torchvision for the baseline; null to skip it.</param>
    /// <param name="progress">Step progress, and warnings: a precision skipped, a baseline that did not run.</param>
    public static TrainBenchReport Run(TrainBenchSettings settings, IReadOnlyList<PrecisionChoice> precisions,
        string? python, IProgressSink progress, CancellationToken cancel)
    {
        ComputeSettings compute =
            ComputeSettings.Resolve(
                settings.Device, PrecisionChoice.Fp32, settings.ChannelsLast, settings.Threads, progress);
        string torchDevice = compute.IsCuda ? "cuda" : "cpu";
        var results = new List<TrainBenchResult>();
        foreach (PrecisionChoice choice in precisions)
        {
            cancel.ThrowIfCancellationRequested();
            string precision = Choice<PrecisionChoice>.Name(choice);
            StepTimings? ours = TrainStepBench.RunChestDx(settings, choice, progress);
            if (ours is null)
            {
                progress.Warn($"{precision}: autocast is not available in this libtorch; skipped");
                continue;
            }
            StepTimings? theirs = python is null ? null
                : PyTorchBaseline.Run(python, settings, torchDevice, precision, compute.ChannelsLast, compute.Threads,
                    TimeSpan.FromMinutes(30));
            if (theirs?.Note is { } note) progress.Warn($"PyTorch baseline ({precision}): {note}");
            results.Add(new TrainBenchResult(ours, theirs));
        }
        return new TrainBenchReport(settings, results);
    }
}
