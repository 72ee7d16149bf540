using System.Diagnostics;
using ChestDx.Core.Models;
using ChestDx.Core.Choices;
using ChestDx.Core.Classes;
using ChestDx.Core.Progress;
using ChestDx.Training.Data;
using ChestDx.Training.Model;
using ChestDx.Training.Native;
using ChestDx.Training.Runs;
using ChestDx.Training.Settings;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ChestDx.Bench.Train;

/// <summary>What `chestdx bench train` measures; defaults are the CheXNet training step.</summary>
public sealed record TrainBenchSettings
{
    /// <summary>Images per step: 16, CheXNet's minibatch.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Input side: 224, CheXNet's input.</summary>
    public int ImageSize { get; init; } = 224;

    /// <summary>Untimed steps first (allocator, cuDNN autotuning, JIT).</summary>
    public int Warmup { get; init; } = 2;

    /// <summary>Timed steps; the median is reported.</summary>
    public int Steps { get; init; } = 10;

    public DeviceChoice Device { get; init; } = DeviceChoice.Auto;

    /// <summary>auto (on CUDA) | on | off.</summary>
    public AutoSwitch ChannelsLast { get; init; } = AutoSwitch.Auto;

    /// <summary>Intra-op threads for both frameworks; 0 = all cores.</summary>
    public int Threads { get; init; }

    public DenseNetConfig Model { get; init; } = DenseNetConfig.DenseNet121(ClassSet.ChestXray14.Count);
}

/// <summary>
/// Times ChestDx's training step (<see cref="TrainingStep"/>, the code the trainer runs) on a synthetic batch, the
/// same work the PyTorch script does: DenseNet-121, Adam, masked BCE, forward + backward + step.
/// </summary>
public static class TrainStepBench
{
    /// <returns>Null when <paramref name="precision"/> is bf16 and autocast is unavailable.</returns>
    public static StepTimings? RunChestDx(TrainBenchSettings settings, PrecisionChoice precision,
        IProgressSink progress)
    {
        string name = Choice<PrecisionChoice>.Name(precision);
        var silent = new RecordingProgressSink();
        ComputeSettings compute =
            ComputeSettings.Resolve(settings.Device, precision, settings.ChannelsLast, settings.Threads, silent);
        if (precision == PrecisionChoice.Bf16 && !compute.Bf16) return null;
        int previous = torch.get_num_threads();
        torch.set_num_threads(compute.Threads);
        try
        {
            using var model = new DenseNet(settings.Model, seed: 0);
            compute.Prepare(model);
            model.train();
            using var adam = torch.optim.Adam(model.parameters(), lr: 1e-3);
            // Four fixed batches drawn on the CPU from one seed, cycled: every device and precision sees the same data
            // and the same initial weights, so their loss curves can be compared step by step (scripts/gpu-check.sh).
            using var g = new Generator(0);
            var batches = new List<Batch>();
            for (int b = 0; b < 4; b++)
            {
                Tensor inputs =
                    torch.randn([settings.BatchSize, 3, settings.ImageSize, settings.ImageSize], generator: g);
                if (compute.ChannelsLast) inputs = BatchAssembler.ChannelsLast(inputs);
                Tensor targets = torch.rand([settings.BatchSize, settings.Model.NumClasses], generator: g).gt(0.5)
                    .to(ScalarType.Float32);
                batches.Add(new Batch(inputs, targets, torch.ones_like(targets), new int[settings.BatchSize])
                    .To(compute.Device));
            }

            var times = new List<double>();
            var cpu = new List<double>();
            var losses = new List<double>();
            using var process = Process.GetCurrentProcess();
            using IProgressTask task = progress.Start($"ChestDx {name} on "
                + $"{compute.Device.type.ToString().ToLowerInvariant()}", settings.Warmup + settings.Steps);
            try
            {
                for (int i = 0; i < settings.Warmup + settings.Steps; i++)
                {
                    Synchronize(compute);
                    process.Refresh();
                    TimeSpan cpuStart = process.TotalProcessorTime;
                    long start = Stopwatch.GetTimestamp();
                    (Tensor weighted, Tensor known) =
                        TrainingStep.Run(model, adam, batches[i % batches.Count], null, compute);
                    Synchronize(compute);
                    NativeMemory.AfterStep(i + 1); // as the trainer does; every 16th timed step pays for the trim
                    double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
                    process.Refresh();
                    double cpuSeconds = (process.TotalProcessorTime - cpuStart).TotalSeconds;
                    using (weighted)
                    using (known)
                        // After the clock: reading the loss is a sync.
                        losses.Add(weighted.item<double>() / known.item<double>());
                    if (i >= settings.Warmup)
                    {
                        times.Add(seconds);
                        cpu.Add(cpuSeconds);
                    }
                    task.Advance();
                }
            }
            finally
            {
                foreach (Batch b in batches) b.Dispose();
            }
            return new StepTimings("ChestDx", name, compute.Describe(), settings.BatchSize, times, cpu, Losses: losses);
        }
        finally
        {
            torch.set_num_threads(previous);
        }
    }

    /// <summary>Waits for the GPU, so the clock measures finished work;
    /// on the CPU every op is already synchronous.</summary>
    private static void Synchronize(ComputeSettings compute)
    {
        if (compute.IsCuda) torch.cuda.synchronize();
    }
}
