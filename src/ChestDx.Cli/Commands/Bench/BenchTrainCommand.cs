using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ChestDx.Cli.Infrastructure;
using ChestDx.Core;
using ChestDx.Core.Choices;
using ChestDx.Core.IO;
using ChestDx.Training.Bench;
using ChestDx.Training.Native;
using ChestDx.Training.Settings;
using ChestDx.Training.Training;
using Spectre.Console;

namespace ChestDx.Cli.Commands.Bench;

/// <summary>
/// <c>chestdx bench train</c>: images/s of the DenseNet-121 training step (forward + backward + Adam, batch 16 at
/// 224 by default) in ChestDx and in PyTorch eager on the same device, same threads and precision; medians and ratios,
/// by wall clock and by process CPU time (the fair figure on a CPU shared with other jobs).
/// </summary>
internal static class BenchTrainCommand
{
    public static Command Create(CliContext context)
    {
        var device = ChoiceOption.Create("--device", "auto (CUDA when available), cpu or cuda.", DeviceChoice.Auto);
        var batch = new Option<int>("--batch") { Description = "Images per step.", DefaultValueFactory = _ => 16 };
        var size = new Option<int>("--size") { Description = "Input side in pixels.", DefaultValueFactory = _ => 224 };
        var steps = new Option<int>("--steps") { Description = "Timed steps per measurement (median reported).", DefaultValueFactory = _ => 10 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed steps first.", DefaultValueFactory = _ => 2 };
        var precisions = new Option<string[]>("--precision") { Description = "fp32 and/or bf16.", DefaultValueFactory = _ => ["fp32", "bf16"], AllowMultipleArgumentsPerToken = true };
        precisions.AcceptOnlyFromAmong("fp32", "bf16");
        var threads = new Option<int>("--threads") { Description = "Intra-op threads for both frameworks (0 = all cores).", DefaultValueFactory = _ => 0 };
        var channelsLast = ChoiceOption.Create("--channels-last", "auto (on CUDA), on or off, for both frameworks.", AutoSwitch.Auto);
        var python = new Option<string>("--python") { Description = "Python with PyTorch and torchvision for the baseline; 'none' to skip it.", DefaultValueFactory = _ => "python3" };
        var json = new Option<string?>("--json") { Description = "Also write the timings as JSON to this file." };

        var command = new Command("train", "Training-step throughput of DenseNet-121: ChestDx vs PyTorch eager on the same device.")
        {
            device, batch, size, steps, warmup, precisions, threads, channelsLast, python, json,
        };
        context.SetHandler(command, (parse, cancel) =>
        {
            var settings = new TrainBenchSettings
            {
                BatchSize = parse.GetValue(batch), ImageSize = parse.GetValue(size), Steps = parse.GetValue(steps), Warmup = parse.GetValue(warmup),
                Device = device.Get(parse), Threads = parse.GetValue(threads), ChannelsLast = channelsLast.Get(parse),
            };
            if (settings.BatchSize < 2 || settings.Steps < 1 || settings.Warmup < 0 || settings.ImageSize < 32)
                throw new ChestDxException("bench train: --batch ≥ 2, --steps ≥ 1, --warmup ≥ 0 and --size ≥ 32 are required");
            PrecisionChoice[] wanted = parse.GetValue(precisions)!.Select(p => Choice<PrecisionChoice>.Parse(p, "--precision")).ToArray();
            var progress = context.CreateProgress();
            ComputeSettings compute = ComputeSettings.Resolve(settings.Device, PrecisionChoice.Fp32, settings.ChannelsLast, settings.Threads, progress);
            string torchDevice = compute.IsCuda ? "cuda" : "cpu";
            string py = parse.GetValue(python)!;

            var results = new List<(StepTimings ChestDx, StepTimings? PyTorch)>();
            foreach (PrecisionChoice precision in wanted)
            {
                cancel.ThrowIfCancellationRequested();
                StepTimings? ours = TrainStepBench.RunChestDx(settings, precision, progress);
                if (ours is null)
                {
                    progress.Warn($"{Choice<PrecisionChoice>.Name(precision)}: autocast is not available in this libtorch; skipped");
                    continue;
                }
                StepTimings? theirs = py == "none" ? null
                    : PyTorchBaseline.Run(py, settings, torchDevice, Choice<PrecisionChoice>.Name(precision), compute.ChannelsLast, compute.Threads, TimeSpan.FromMinutes(30));
                if (theirs?.Note is { } note) progress.Warn($"PyTorch baseline ({Choice<PrecisionChoice>.Name(precision)}): {note}");
                results.Add((ours, theirs));
            }
            Render(context.Console, settings, results);
            if (parse.GetValue(json) is { } path)
                AtomicFile.WriteAllText(path, JsonSerializer.Serialize(new
                {
                    settings,
                    runtime = TorchRuntime.Probe(),
                    results = results.Select(r => new { chestdx = Summary(r.ChestDx), pytorch = r.PyTorch is null ? null : Summary(r.PyTorch) }),
                }, TrainConfigLoader.Json));
            return 0;
        });
        return command;
    }

    private static object Summary(StepTimings t) =>
        new
        {
            t.Framework, t.Precision, t.Device, t.BatchSize, median_seconds = t.Median, images_per_second = t.ImagesPerSecond,
            median_cpu_seconds = t.MedianCpu, t.Seconds, t.CpuSeconds, t.Losses, t.Note,
        };

    private static void Render(IAnsiConsole console, TrainBenchSettings s, List<(StepTimings ChestDx, StepTimings? PyTorch)> results)
    {
        var table = new Table()
            .Title($"DenseNet-121 training step, batch {s.BatchSize} at {s.ImageSize}×{s.ImageSize}, median of {s.Steps} steps after {s.Warmup} warm-up")
            .AddColumns("precision", "framework", "device", "median s/step", "images/s", "ChestDx ÷ PyTorch", "CPU s/step", "CPU ratio");
        foreach ((StepTimings ours, StepTimings? theirs) in results)
        {
            bool both = theirs is { Seconds.Count: > 0 };
            table.AddRow(ours.Precision, ours.Framework, Markup.Escape(ours.Device), S(ours.Median), I(ours.ImagesPerSecond),
                both ? R(ours.ImagesPerSecond / theirs!.ImagesPerSecond) : "", S(ours.MedianCpu),
                both ? R(theirs!.MedianCpu / ours.MedianCpu) : "");
            if (theirs is not null)
                table.AddRow(theirs.Precision, Markup.Escape(theirs.Framework), Markup.Escape(theirs.Device),
                    both ? S(theirs.Median) : "—", both ? I(theirs.ImagesPerSecond) : Markup.Escape(theirs.Note ?? ""), "",
                    both ? S(theirs.MedianCpu) : "", "");
        }
        console.Write(table);
    }

    private static string S(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
    private static string I(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);

    // Above 1: ChestDx is faster (more images per wall second; fewer CPU seconds per step).
    private static string R(double v) => v.ToString("0.00×", CultureInfo.InvariantCulture);
}
