using System.Diagnostics;

namespace ChestDx.Bench;

/// <summary>Runs reference command-line tools (dcmtk, python3) for benchmarks: found on PATH,
/// timed per process.</summary>
public static class ExternalTool
{
    /// <summary>The full path of <paramref name="name"/> on PATH, or null.</summary>
    public static string? Find(string name)
    {
        if (Path.IsPathRooted(name)) return File.Exists(name) ? name : null;
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Runs the tool to completion; returns (exit code, stdout, stderr, wall time).</summary>
    public static (int Exit, string Output, string Error, TimeSpan Elapsed) Run(string tool, IEnumerable<string> args,
        CancellationToken cancel = default)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (string a in args) info.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using Process process = Process.Start(info) ?? throw new InvalidOperationException($"{tool} did not start");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancel);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancel);
        process.WaitForExit();
        clock.Stop();
        return (process.ExitCode, stdout.Result, stderr.Result, clock.Elapsed);
    }

    /// <summary>Median wall time of <paramref name="runs"/> runs,
    /// or no time and the tool's error when a run fails.</summary>
    public static MedianMs TimeRuns(string tool, IReadOnlyList<string> args, int runs, CancellationToken cancel)
    {
        var times = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            cancel.ThrowIfCancellationRequested();
            var (exit, _, error, elapsed) = Run(tool, args, cancel);
            if (exit != 0) return new MedianMs(null, $"{Path.GetFileName(tool)} failed: {FirstLine(error)}");
            times.Add(elapsed.TotalMilliseconds);
        }
        return new MedianMs(Medians.Of(times), null);
    }

    public static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
}
