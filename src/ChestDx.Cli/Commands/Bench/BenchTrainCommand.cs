using System.CommandLine;
using System.Globalization;
using ChestDx.Bench.Train;
using ChestDx.Cli.Infrastructure;
using ChestDx.Core;
using ChestDx.Core.Choices;
using ChestDx.Core.IO;
using ChestDx.Training.Settings;
using Spectre.Console;

namespace ChestDx.Cli.Commands.Bench;

/// <summary>
/// <c>chestdx bench train</c>: images/s of the DenseNet-121 training step in ChestDx and in PyTorch eager on the same
/// device (<see cref="TrainBench"/>); this verb parses the options and renders the table.
/// </summary>
internal static class BenchTrainCommand
{
    public static Command Create(CliContext context)
    {
        var device = ComputeOptions.Device();
        var batch = new Option<int>("--batch") { Description = "Images per step.", DefaultValueFactory = _ => 16 };
        var size = new Option<int>("--size") { Description = "Input side in pixels.", DefaultValueFactory = _ => 224 };
        var steps = new Option<int>("--steps")
        {
            Description = "Timed steps per measurement (median reported).", DefaultValueFactory = _ => 10,
        };
        var warmup = new Option<int>("--warmup") { Description = "Untimed steps first.", DefaultValueFactory = _ => 2 };
        var precisions = new Option<string[]>("--precision")
        {
            Description = "fp32 and/or bf16.",
            DefaultValueFactory = _ => ["fp32", "bf16"],
            AllowMultipleArgumentsPerToken = true,
        };
        precisions.AcceptOnlyFromAmong("fp32", "bf16");
        var threads = ComputeOptions.Threads();
        var channelsLast = ChoiceOption.Create("--channels-last",
            "auto (on CUDA), on or off, for both frameworks.", AutoSwitch.Auto);
        var python = new Option<string>("--python")
        {
            Description = "Python with PyTorch and torchvision for the baseline; 'none' to skip it.",
            DefaultValueFactory = _ => "python3",
        };
        var json = new Option<string?>("--json") { Description = "Also write the timings as JSON to this file." };

        var command = new Command("train",
            "Training-step throughput of DenseNet-121: ChestDx vs PyTorch eager on the same device.")
        {
            device, batch, size, steps, warmup, precisions, threads, channelsLast, python, json,
        };
        context.SetHandler(command, (parse, cancel) =>
        {
            var settings = new TrainBenchSettings
            {
                BatchSize = parse.GetValue(batch), ImageSize = parse.GetValue(size),
                Steps = parse.GetValue(steps), Warmup = parse.GetValue(warmup),
                Device = device.Get(parse), Threads = parse.GetValue(threads), ChannelsLast = channelsLast.Get(parse),
            };
            if (settings.BatchSize < 2 || settings.Steps < 1 || settings.Warmup < 0 || settings.ImageSize < 32)
                throw new ChestDxException(
                    "bench train: --batch ≥ 2, --steps ≥ 1, --warmup ≥ 0 and --size ≥ 32 are required");
            PrecisionChoice[] wanted = parse.GetValue(precisions)!
                .Select(p => Choice<PrecisionChoice>.Parse(p, "--precision")).ToArray();
            string py = parse.GetValue(python)!;
            TrainBenchReport report = TrainBench.Run(settings, wanted, py == "none" ? null : py,
                context.CreateProgress(), cancel);
            Render(context.Console, report);
            if (parse.GetValue(json) is { } path) AtomicFile.WriteAllText(path, report.ToJson());
            return 0;
        });
        return command;
    }

    private static void Render(IAnsiConsole console, TrainBenchReport report)
    {
        TrainBenchSettings s = report.Settings;
        var table = new Table()
            .Title($"DenseNet-121 training step, batch {s.BatchSize} at {s.ImageSize}×{s.ImageSize}"
                + $", median of {s.Steps} steps after {s.Warmup} warm-up")
            .AddColumns("precision", "framework", "device", "median s/step", "images/s", "ChestDx ÷ PyTorch",
                "CPU s/step", "CPU ratio");
        foreach (TrainBenchResult result in report.Results)
        {
            (StepTimings ours, StepTimings? theirs, bool both) = (result.ChestDx, result.PyTorch, result.HasBaseline);
            table.AddRow(ours.Precision, ours.Framework, Markup.Escape(ours.Device), S(ours.Median),
                I(ours.ImagesPerSecond), result.WallRatio is { } wall ? R(wall) : "", S(ours.MedianCpu),
                result.CpuRatio is { } cpu ? R(cpu) : "");
            if (theirs is not null)
                table.AddRow(theirs.Precision, Markup.Escape(theirs.Framework), Markup.Escape(theirs.Device),
                    both ? S(theirs.Median) : "—",
                    both ? I(theirs.ImagesPerSecond) : Markup.Escape(theirs.Note ?? ""), "",
                    both ? S(theirs.MedianCpu) : "", "");
        }
        console.Write(table);
    }

    private static string S(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
    private static string I(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);

    // Above 1: ChestDx is faster (more images per wall second; fewer CPU seconds per step).
    private static string R(double v) => v.ToString("0.00×", CultureInfo.InvariantCulture);
}
