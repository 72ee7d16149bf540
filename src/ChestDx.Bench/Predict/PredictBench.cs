using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ChestDx.Core.Classes;
using ChestDx.Core.Models;
using ChestDx.Core.Progress;
using ChestDx.Onnx.Export;
using ChestDx.Onnx.Inference;
using ChestDx.Training.Model;
using ChestDx.Training.Runs;
using ChestDx.Training.Settings;
using ChestDx.Training.Weights;
using Microsoft.ML.OnnxRuntime;
using TorchSharp;
using static TorchSharp.torch;

namespace ChestDx.Bench.Predict;

/// <summary>`chestdx bench predict`'s result: one row per batch size.</summary>
public sealed record PredictBenchReport(PredictBenchSettings Settings, IReadOnlyList<PredictBenchRow> Rows)
{
    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    });
}

/// <summary>
/// `chestdx bench predict`: images/s and peak memory of the DenseNet-121 forward pass (random weights, 14 classes,
/// fp32) on the CPU in ONNX Runtime (ChestDx's export of the model file), TorchSharp/libtorch (ChestDx's DenseNet)
/// and PyTorch eager (torchvision's densenet121, the embedded pytorch_predict.py), same input size and thread count,
/// batch sizes 1 and 16; medians and ratios. Each engine's peak resident memory is the process's VmHWM, reset before
/// it loads its model (<see cref="PeakMemory"/>); PyTorch runs in its own process.
/// </summary>
public static class PredictBench
{
    public static PredictBenchReport Run(PredictBenchSettings settings, string? python, IProgressSink progress,
        CancellationToken cancel)
    {
        int threads = settings.ResolvedThreads;
        string dir = Directory.CreateTempSubdirectory("chestdx-bench-predict-").FullName;
        try
        {
            var config = DenseNetConfig.DenseNet121(ClassSet.ChestXray14.Count);
            string model = Path.Combine(dir, "model.safetensors"), onnx = Path.Combine(dir, "model.onnx");
            var package = new ModelPackage
            {
                Architecture = config, Classes = ClassSet.ChestXray14.Names, InputSize = settings.ImageSize,
                ImageSize = settings.ImageSize, EvalCrop = EvalCrop.Center,
            };
            using (var net = new DenseNet(config, settings.Seed)) package.Write(model, net);
            OnnxExport.Run(model, onnx, progress);

            var rows = new List<PredictBenchRow>();
            foreach (int batch in settings.BatchSizes)
            {
                cancel.ThrowIfCancellationRequested();
                float[] x = Inputs(batch, settings);
                PredictTimings ort = OnnxRuntime(onnx, x, batch, threads, settings, progress);
                PredictTimings torchSharp = TorchSharp(config, x, batch, threads, settings, progress);
                PredictTimings? pyTorch = python is null ? null : PyTorch(python, batch, threads, settings);
                if (pyTorch?.Note is { } note) progress.Warn($"PyTorch baseline (batch {batch}): {note}");
                rows.Add(new PredictBenchRow(batch, ort, torchSharp, pyTorch));
            }
            return new PredictBenchReport(settings, rows);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static float[] Inputs(int batch, PredictBenchSettings settings)
    {
        var rng = new Random(settings.Seed);
        var x = new float[batch * 3 * settings.ImageSize * settings.ImageSize];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() * 4 - 2);
        return x;
    }

    private static PredictTimings OnnxRuntime(string onnx, float[] x, int batch, int threads,
        PredictBenchSettings settings, IProgressSink progress)
    {
        PeakMemory.Reset();
        long? before = PeakMemory.CurrentBytes();
        using OnnxNetwork network = OnnxNetwork.Load(onnx, threads);
        (List<double> seconds, List<double> cpu) = Time($"ONNX Runtime, batch {batch}", settings, progress,
            () => network.Run(x, batch, withFeatures: false));
        string version = typeof(InferenceSession).Assembly.GetName().Version?.ToString(3) ?? "?";
        return new PredictTimings("ONNX Runtime (CPU)", version, batch, threads, seconds, cpu,
            PeakMemory.PeakBytes(), before);
    }

    private static PredictTimings TorchSharp(DenseNetConfig config, float[] x, int batch, int threads,
        PredictBenchSettings settings, IProgressSink progress)
    {
        var silent = new RecordingProgressSink();
        ComputeSettings compute =
            ComputeSettings.Resolve(DeviceChoice.Cpu, PrecisionChoice.Fp32, AutoSwitch.Off, threads, silent);
        int previous = torch.get_num_threads();
        torch.set_num_threads(compute.Threads);
        try
        {
            PeakMemory.Reset();
            long? before = PeakMemory.CurrentBytes();
            using var net = new DenseNet(config, settings.Seed);
            net.eval();
            using Tensor input = torch.tensor(x).view(batch, 3, settings.ImageSize, settings.ImageSize);
            (List<double> seconds, List<double> cpu) = Time($"TorchSharp, batch {batch}", settings, progress, () =>
            {
                // As Training's Predictor: inference mode, and every intermediate tensor freed when the pass ends
                // (without a dispose scope they wait for the garbage collector).
                using var mode = torch.inference_mode();
                using var scope = torch.NewDisposeScope();
                _ = net.forward(input).sum().item<float>();
            });
            return new PredictTimings("TorchSharp/libtorch", $"TorchSharp {typeof(torch).Assembly.GetName().Version}",
                batch, compute.Threads, seconds, cpu, PeakMemory.PeakBytes(), before);
        }
        finally
        {
            torch.set_num_threads(previous);
        }
    }

    private static (List<double> Seconds, List<double> Cpu) Time(string what, PredictBenchSettings settings,
        IProgressSink progress, Action forward)
    {
        var seconds = new List<double>();
        var cpu = new List<double>();
        using var process = Process.GetCurrentProcess();
        using IProgressTask task = progress.Start(what, settings.Warmup + settings.Repeats);
        for (int i = 0; i < settings.Warmup + settings.Repeats; i++)
        {
            process.Refresh();
            TimeSpan cpuStart = process.TotalProcessorTime;
            long start = Stopwatch.GetTimestamp();
            forward();
            double elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
            process.Refresh();
            if (i >= settings.Warmup)
            {
                seconds.Add(elapsed);
                cpu.Add((process.TotalProcessorTime - cpuStart).TotalSeconds);
            }
            task.Advance();
        }
        return (seconds, cpu);
    }

    private static PredictTimings PyTorch(string python, int batch, int threads, PredictBenchSettings settings)
    {
        string script = Path.Combine(Path.GetTempPath(), $"chestdx-bench-predict-{Environment.ProcessId}.py");
        BaselineScript.WriteTo("pytorch_predict.py", script);
        try
        {
            string[] args =
            [
                script, "--batch", Str(batch), "--size", Str(settings.ImageSize), "--warmup", Str(settings.Warmup),
                "--repeats", Str(settings.Repeats), "--threads", Str(threads),
            ];
            (int exit, string output, string error, _) = ExternalTool.Run(python, args);
            string last = output.Trim().Split('\n')[^1];
            if (exit != 0 || last.Length == 0)
                return Failed(batch, threads, $"{python} failed: {ExternalTool.FirstLine(error)}");
            using JsonDocument doc = JsonDocument.Parse(last);
            JsonElement root = doc.RootElement;
            if (root.TryGetProperty("error", out JsonElement e)) return Failed(batch, threads, e.GetString()!);
            return new PredictTimings("PyTorch eager", $"PyTorch {root.GetProperty("torch").GetString()}", batch,
                root.GetProperty("threads").GetInt32(),
                root.GetProperty("seconds").EnumerateArray().Select(v => v.GetDouble()).ToList(),
                root.GetProperty("cpu_seconds").EnumerateArray().Select(v => v.GetDouble()).ToList(),
                root.GetProperty("peak_rss_kib").GetInt64() * 1024,
                root.GetProperty("rss_before_kib").GetInt64() * 1024);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return Failed(batch, threads, $"cannot start {python}: {e.Message}");
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static PredictTimings Failed(int batch, int threads, string note) =>
        new("PyTorch eager", "", batch, threads, [], [], null, null, note);

    private static string Str(int v) => v.ToString(CultureInfo.InvariantCulture);
}
