using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace ChestDx.Bench.Train;

/// <summary>
/// Runs the PyTorch eager baseline (the embedded pytorch_train_step.py) with a given Python and reads its timings.
/// Failures (no Python, no PyTorch, no torchvision) come back as a note, not an exception: the ChestDx side of the
/// benchmark is still worth printing.
/// </summary>
public static class PyTorchBaseline
{
    public static StepTimings Run(string python, TrainBenchSettings settings, string device, string precision,
        bool channelsLast, int threads, TimeSpan timeout)
    {
        string script = Path.Combine(Path.GetTempPath(), $"chestdx-bench-{Environment.ProcessId}.py");
        BaselineScript.WriteTo("pytorch_train_step.py", script);
        try
        {
            var psi = new ProcessStartInfo(python)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            foreach (string a in new[]
                     {
                         script, "--device", device, "--batch", Str(settings.BatchSize),
                         "--size", Str(settings.ImageSize), "--warmup", Str(settings.Warmup),
                         "--steps", Str(settings.Steps), "--threads", Str(threads), "--precision", precision,
                     })
                psi.ArgumentList.Add(a);
            if (channelsLast) psi.ArgumentList.Add("--channels-last");
            Process process;
            try
            {
                process = Process.Start(psi)!;
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                return Failed(precision, device, settings, $"cannot start {python}: {e.Message}");
            }
            using (process)
            {
                Task<string> stdout = process.StandardOutput.ReadToEndAsync();
                Task<string> stderr = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(timeout))
                {
                    process.Kill(entireProcessTree: true);
                    return Failed(precision, device, settings,
                        $"PyTorch did not finish in {timeout.TotalMinutes:0} min");
                }
                string output = stdout.Result.Trim();
                if (process.ExitCode != 0 || output.Length == 0)
                    return Failed(precision, device, settings, $"{python} failed: {LastLine(stderr.Result)}");
                using JsonDocument doc = JsonDocument.Parse(output.Split('\n')[^1]);
                JsonElement root = doc.RootElement;
                if (root.TryGetProperty("error", out JsonElement error))
                    return Failed(precision, device, settings, error.GetString()!);
                var seconds = root.GetProperty("step_seconds").EnumerateArray().Select(e => e.GetDouble()).ToList();
                var cpu = root.GetProperty("step_cpu_seconds").EnumerateArray().Select(e => e.GetDouble()).ToList();
                string what = $"{root.GetProperty("device").GetString()}, "
                    + $"{precision}{(channelsLast ? ", channels-last" : "")}, "
                    + $"{root.GetProperty("threads").GetInt32()} threads";
                return new StepTimings($"PyTorch {root.GetProperty("torch").GetString()}", precision, what,
                    settings.BatchSize, seconds, cpu);
            }
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static StepTimings Failed(string precision, string device, TrainBenchSettings s, string note) =>
        new("PyTorch", precision, device, s.BatchSize, [], [], note);

    private static string LastLine(string text) => text.Trim().Split('\n').LastOrDefault() ?? "";

    private static string Str(int v) => v.ToString(CultureInfo.InvariantCulture);
}
