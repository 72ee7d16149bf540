using System.CommandLine;
using System.Globalization;
using ChestDx.Bench.Predict;
using ChestDx.Cli.Infrastructure;
using ChestDx.Core;
using ChestDx.Core.IO;
using Spectre.Console;

namespace ChestDx.Cli.Commands.Bench;

/// <summary>
/// <c>chestdx bench predict</c>: DenseNet-121 inference on the CPU in ONNX Runtime, TorchSharp/libtorch and PyTorch
/// eager (<see cref="PredictBench"/>); this verb parses the options and renders the table.
/// </summary>
internal static class PredictBenchCommand
{
    public static Command Create(CliContext context)
    {
        var batches = new Option<int[]>("--batch")
        {
            Description = "Batch sizes to measure.", DefaultValueFactory = _ => [1, 16],
            AllowMultipleArgumentsPerToken = true,
        };
        var size = new Option<int>("--size") { Description = "Input side in pixels.", DefaultValueFactory = _ => 224 };
        var repeats = new Option<int>("--repeats")
        {
            Description = "Timed forward passes per engine and batch size (median reported).",
            DefaultValueFactory = _ => 10,
        };
        var warmup = new Option<int>("--warmup")
        {
            Description = "Untimed passes first.", DefaultValueFactory = _ => 2,
        };
        var threads = ComputeOptions.Threads();
        var python = new Option<string>("--python")
        {
            Description = "Python with PyTorch and torchvision for the baseline; 'none' to skip it.",
            DefaultValueFactory = _ => "python3",
        };
        var json = new Option<string?>("--json") { Description = "Also write the timings as JSON to this file." };
        var command = new Command("predict",
            "DenseNet-121 inference on the CPU: ONNX Runtime vs TorchSharp/libtorch vs PyTorch eager.")
        {
            batches, size, repeats, warmup, threads, python, json,
        };
        context.SetHandler(command, (parse, cancel) =>
        {
            var settings = new PredictBenchSettings
            {
                BatchSizes = parse.GetValue(batches)!, ImageSize = parse.GetValue(size),
                Repeats = parse.GetValue(repeats), Warmup = parse.GetValue(warmup), Threads = parse.GetValue(threads),
            };
            if (settings.BatchSizes.Count == 0 || settings.BatchSizes.Any(b => b < 1) || settings.Repeats < 1
                || settings.Warmup < 0 || settings.ImageSize < 32 || settings.Threads < 0)
                throw new ChestDxException(
                    "--batch ≥ 1, --repeats ≥ 1, --warmup ≥ 0, --size ≥ 32 and --threads ≥ 0 are required");
            string py = parse.GetValue(python)!;
            PredictBenchReport report =
                PredictBench.Run(settings, py == "none" ? null : py, context.CreateProgress(), cancel);
            Render(context.Console, report);
            if (parse.GetValue(json) is { } path) AtomicFile.WriteAllText(path, report.ToJson());
            return 0;
        });
        return command;
    }

    private static void Render(IAnsiConsole console, PredictBenchReport report)
    {
        PredictBenchSettings s = report.Settings;
        var table = new Table()
            .Title($"DenseNet-121 inference (fp32, CPU, {s.ResolvedThreads} threads) at {s.ImageSize}×{s.ImageSize}, "
                + $"median of {s.Repeats} after {s.Warmup} warm-up")
            .AddColumns("batch", "engine", "version", "median s/batch", "images/s", "ONNX Runtime ÷ this",
                "CPU s/batch", "CPU ratio", "peak RSS MiB", "peak − start MiB");
        foreach (PredictBenchRow row in report.Rows)
        {
            Add(table, row.OnnxRuntime, "", "");
            Add(table, row.TorchSharp, R(row.OnnxOverTorchSharp), R(row.CpuOnnxOverTorchSharp));
            if (row.PyTorch is { } p)
                Add(table, p, row.OnnxOverPyTorch is { } r ? R(r) : "",
                    row.CpuOnnxOverPyTorch is { } c ? R(c) : "");
        }
        console.Write(table);
    }

    private static void Add(Table table, PredictTimings t, string ratio, string cpuRatio) =>
        table.AddRow(t.BatchSize.ToString(CultureInfo.InvariantCulture), Markup.Escape(t.Engine),
            Markup.Escape(t.Version), t.Ran ? F(t.Median, "0.000") : "—",
            t.Ran ? F(t.ImagesPerSecond, "0.0") : Markup.Escape(t.Note ?? ""), ratio,
            t.Ran ? F(t.MedianCpu, "0.000") : "", cpuRatio, Mib(t.PeakRssBytes),
            t.PeakRssBytes is { } peak && t.RssBeforeBytes is { } before ? Mib(peak - before) : "");

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);

    private static string Mib(long? bytes) => bytes is { } b ? F(b / 1048576.0, "0") : "";

    // Above 1: ONNX Runtime is faster (more images per second).
    private static string R(double v) => v.ToString("0.00×", CultureInfo.InvariantCulture);
}
