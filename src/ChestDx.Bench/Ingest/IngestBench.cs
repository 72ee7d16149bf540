using System.Diagnostics;
using System.Globalization;
using ChestDx.Core;
using ChestDx.Core.Classes;
using ChestDx.Core.Labels;
using ChestDx.Ingest.Pipeline;
using ChestDx.Ingest.Privacy;
using ChestDx.Ingest.Sources;
using ChestDx.Ingest.Splits;

namespace ChestDx.Bench.Ingest;

/// <summary>What `chestdx bench ingest` measures.</summary>
public sealed record IngestBenchSettings
{
    /// <summary>Folder of PNGs (searched recursively).</summary>
    public required string Images { get; init; }

    /// <summary>Each file is processed this many times per run.</summary>
    public int Repeat { get; init; } = 5;

    /// <summary>Timed runs per configuration; the median is reported.</summary>
    public int Runs { get; init; } = 5;

    /// <summary>Pack image side.</summary>
    public int Size { get; init; } = 256;

    /// <summary>Python with Pillow.</summary>
    public string Python { get; init; } = "/usr/bin/python3";
}

/// <summary>Median images per second of ChestDx and of Pillow on <see cref="Workers"/> cores (Pillow: processes).
/// </summary>
public sealed record IngestBenchRow(int Workers, double ChestDx, double Pillow)
{
    /// <summary>ChestDx's rate over Pillow's: above 1, ChestDx is faster.</summary>
    public double Ratio => ChestDx / Pillow;
}

/// <param name="Rows">One core, then all cores.</param>
/// <param name="ImagesPerRun">Images in one timed run (files × repeat).</param>
/// <param name="PeakRssKb">ChestDx's peak RSS after the timed runs.</param>
/// <param name="PeakRssLargeKb">
/// ChestDx's peak RSS after one run of 4 × <paramref name="ImagesPerRun"/> images (flat = streaming).
/// </param>
/// <param name="PillowRssKb">Pillow's largest peak RSS, all its processes together.</param>
public sealed record IngestBenchReport(
    IReadOnlyList<IngestBenchRow> Rows, int ImagesPerRun, long PeakRssKb, long PeakRssLargeKb, long PillowRssKb);

/// <summary>
/// `chestdx bench ingest`: images per second turning PNGs into S×S pack images, ChestDx against Python/Pillow doing
/// the same decode → grey → antialiased resize → append-to-file on the same files (pillow_ingest.py), one core
/// and all cores, medians of several alternating runs, with peak memory. ChestDx's timed work is the whole per-image
/// ingest step (read, SHA-256, decode, normalise, statistics, pixel hash, write), a superset of what the Pillow
/// script does.
/// </summary>
public static class IngestBench
{
    /// <param name="say">Receives the description of the work before the timed runs start.</param>
    public static IngestBenchReport Run(IngestBenchSettings settings, Action<string> say, CancellationToken cancel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Runs, 1);
        string dir = Path.GetFullPath(settings.Images);
        List<SourceFile> files = SourceScanner.Scan(dir)
            .Where(f => f.RelativePath.EndsWith(".png", StringComparison.OrdinalIgnoreCase)).ToList();
        if (files.Count == 0) throw ChestDxException.ForFile(dir, "no PNG files");
        int r = settings.Repeat, n = settings.Runs, s = settings.Size, cores = Environment.ProcessorCount;
        var work = Enumerable.Repeat(files, r).SelectMany(f => f).ToArray();
        string list = Path.GetTempFileName(), script = Path.GetTempFileName();
        File.WriteAllLines(list, work.Select(f => f.FullPath));
        BaselineScript.WriteTo("pillow_ingest.py", script);
        try
        {
            say($"{work.Length} images per run ({files.Count} files × {r}), {s}×{s}, {n} runs each, {cores} cores");
            TimeChestDx(work, 1, s, cancel); // warm-up: JIT, page cache
            var results = new Dictionary<string, List<double>>
            {
                ["chestdx 1"] = [], ["chestdx N"] = [], ["pillow 1"] = [], ["pillow N"] = [],
            };
            long pillowRss = 0;
            for (int i = 0; i < n; i++)
            {
                results["chestdx 1"].Add(TimeChestDx(work, 1, s, cancel));
                (double rate, long rss) = Pillow(settings.Python, script, list, s, 1);
                results["pillow 1"].Add(rate);
                results["chestdx N"].Add(TimeChestDx(work, cores, s, cancel));
                (rate, long rssN) = Pillow(settings.Python, script, list, s, cores);
                results["pillow N"].Add(rate);
                pillowRss = Math.Max(pillowRss, Math.Max(rss, rssN));
            }
            long hwmSmall = PeakRssKb();
            TimeChestDx(Enumerable.Repeat(work, 4).SelectMany(w => w).ToArray(), cores, s, cancel);
            long hwmLarge = PeakRssKb();
            IngestBenchRow[] rows =
            [
                new(1, Medians.Of(results["chestdx 1"]), Medians.Of(results["pillow 1"])),
                new(cores, Medians.Of(results["chestdx N"]), Medians.Of(results["pillow N"])),
            ];
            return new IngestBenchReport(rows, work.Length, hwmSmall, hwmLarge, pillowRss);
        }
        finally
        {
            File.Delete(list);
            File.Delete(script);
        }
    }

    /// <summary>Images per second through the real per-image ingest step, written in order to a scratch file.</summary>
    internal static double TimeChestDx(SourceFile[] work, int workers, int size, CancellationToken cancel)
    {
        string scratch = Path.GetTempFileName();
        try
        {
            var options = new IngestOptions
            {
                Source = ".", Output = ".", Pseudonymiser = Pseudonymiser.None, Size = size, Workers = workers,
            };
            var processor = new ImageProcessor(options, new NoSplit(), LabelTable.None(ClassSet.ChestXray14));
            var inputs = work.Select((f, i) => new PlannedInput(i, f, null, null)).ToArray();
            var clock = Stopwatch.StartNew();
            using (var output = new FileStream(scratch, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                foreach (Outcome o in OrderedParallel.Run(inputs, workers, workers * 4, processor.Process, cancel))
                {
                    if (o.Pixels is null)
                        throw new ChestDxException($"bench: {o.Rejected?.Source}: {o.Rejected?.Reason}");
                    output.Write(o.Pixels, 0, size * size);
                    o.Release();
                }
            return work.Length / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            File.Delete(scratch);
        }
    }

    internal static (double Rate, long RssKb) Pillow(string python, string script, string list, int size, int procs,
        params string[] extra)
    {
        (double rate, long rss, _) = PillowWithCpu(python, script, list, size, procs, extra);
        return (rate, rss);
    }

    /// <summary>Runs a Pillow baseline script; the CPU ms per image is its optional third number (NaN if absent).
    /// </summary>
    internal static (double Rate, long RssKb, double CpuMs) PillowWithCpu(string python, string script, string list,
        int size, int procs, params string[] extra)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { script, list, Str(size), Str(procs) }.Concat(extra)) start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ChestDxException(
                $"{python}: cannot run the Pillow baseline ({e.Message}); install python3-pil or pass --python");
        }
        using (process)
        {
            string output = process.StandardOutput.ReadToEnd(), error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            string[] parts = output.Trim().Split(' ');
            if (process.ExitCode != 0 || parts.Length is not (2 or 3))
                throw new ChestDxException(
                    $"{python}: Pillow baseline failed: {error.Trim().Split('\n').LastOrDefault()}");
            return (double.Parse(parts[0], CultureInfo.InvariantCulture),
                long.Parse(parts[1], CultureInfo.InvariantCulture),
                parts.Length == 3 ? double.Parse(parts[2], CultureInfo.InvariantCulture) : double.NaN);
        }
    }

    private static string Str(int v) => v.ToString(CultureInfo.InvariantCulture);

    internal static long PeakRssKb()
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(
                    line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return 0;
    }
}
