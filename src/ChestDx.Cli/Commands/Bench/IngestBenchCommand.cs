using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using ChestDx.Cli.Infrastructure;
using ChestDx.Core;
using ChestDx.Imaging.Normalisation;
using ChestDx.Ingest.Pipeline;
using ChestDx.Ingest.Sources;
using Spectre.Console;

namespace ChestDx.Cli.Commands.Bench;

/// <summary>
/// `chestdx bench ingest`: images per second turning PNGs into S×S pack images, ChestDx against Python/Pillow doing
/// the same decode → grey → antialiased resize → append-to-file on the same files, one core and all cores, medians
/// of several alternating runs, with peak memory. ChestDx's timed work is the whole per-image ingest step (read,
/// SHA-256, decode, normalise, statistics, pixel hash, write), a superset of what the Pillow script does.
/// </summary>
internal static class IngestBenchCommand
{
    private const string PillowScript = """
        import os, resource, sys, time
        from multiprocessing import Pool
        from PIL import Image
        size = int(sys.argv[2]); procs = int(sys.argv[3]); files = [l.strip() for l in open(sys.argv[1]) if l.strip()]
        def work(chunk):
            out = open(os.devnull, "wb")
            for f in chunk:
                out.write(Image.open(f).convert("L").resize((size, size), Image.BOX).tobytes())
            return len(chunk)
        t = time.perf_counter()
        if procs == 1:
            work(files)
        else:
            with Pool(procs) as pool:
                pool.map(work, [files[i::procs] for i in range(procs)])
        dt = time.perf_counter() - t
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        print(f"{len(files) / dt} {rss}")
        """;

    public static Command Create(CliContext context)
    {
        var images = new Option<string>("--images") { Description = "Folder of PNGs, e.g. an NIH images_001/images folder", DefaultValueFactory = _ => Path.Combine("samples", "nih-cxr14", "images") };
        var repeat = new Option<int>("--repeat") { Description = "Each file is processed this many times per run", DefaultValueFactory = _ => 5 };
        var runs = new Option<int>("--runs") { Description = "Timed runs per configuration (median reported)", DefaultValueFactory = _ => 5 };
        var size = new Option<int>("--size") { Description = "Pack image side", DefaultValueFactory = _ => 256 };
        var python = new Option<string>("--python") { Description = "Python with Pillow (Debian: apt-get install python3-pil)", DefaultValueFactory = _ => "/usr/bin/python3" };
        var command = new Command("ingest", "PNG → pack images per second: ChestDx vs Python/Pillow, per core and all cores, with peak RSS.") { images, repeat, runs, size, python };
        context.SetHandler(command, (parse, cancel) =>
        {
            string dir = Path.GetFullPath(parse.GetValue(images)!);
            List<SourceFile> files = SourceScanner.Scan(dir).Where(f => f.RelativePath.EndsWith(".png", StringComparison.OrdinalIgnoreCase)).ToList();
            if (files.Count == 0) throw ChestDxException.ForFile(dir, "no PNG files");
            int r = parse.GetValue(repeat), n = parse.GetValue(runs), s = parse.GetValue(size), cores = Environment.ProcessorCount;
            var work = Enumerable.Repeat(files, r).SelectMany(f => f).ToArray();
            string list = Path.GetTempFileName(), script = Path.GetTempFileName();
            File.WriteAllLines(list, work.Select(f => f.FullPath));
            File.WriteAllText(script, PillowScript);
            try
            {
                context.Console.MarkupLine($"{work.Length} images per run ({files.Count} files × {r}), {s}×{s}, {n} runs each, {cores} cores");
                Run(work, 1, s, cancel); // warm-up: JIT, page cache
                var results = new Dictionary<string, List<double>> { ["chestdx 1"] = [], ["chestdx N"] = [], ["pillow 1"] = [], ["pillow N"] = [] };
                long pillowRss = 0;
                for (int i = 0; i < n; i++)
                {
                    results["chestdx 1"].Add(Run(work, 1, s, cancel));
                    (double rate, long rss) = Pillow(parse.GetValue(python)!, script, list, s, 1);
                    results["pillow 1"].Add(rate);
                    results["chestdx N"].Add(Run(work, cores, s, cancel));
                    (rate, long rssN) = Pillow(parse.GetValue(python)!, script, list, s, cores);
                    results["pillow N"].Add(rate);
                    pillowRss = Math.Max(pillowRss, Math.Max(rss, rssN));
                }
                long hwmSmall = PeakRssKb();
                Run(Enumerable.Repeat(work, 4).SelectMany(w => w).ToArray(), cores, s, cancel);
                long hwmLarge = PeakRssKb();

                var table = new Table().AddColumn("configuration").AddColumn(new TableColumn("ChestDx img/s").RightAligned())
                    .AddColumn(new TableColumn("Pillow img/s").RightAligned()).AddColumn(new TableColumn("ratio").RightAligned());
                foreach ((string label, string key) in new[] { ("1 core", "1"), ($"{cores} cores", "N") })
                {
                    double c = Median(results["chestdx " + key]), p = Median(results["pillow " + key]);
                    table.AddRow(label, c.ToString("0.0"), p.ToString("0.0"), $"{c / p:0.00}×");
                }
                context.Console.Write(table);
                context.Console.MarkupLine($"peak RSS: ChestDx {hwmSmall / 1024} MiB after {work.Length}-image runs, {hwmLarge / 1024} MiB after a {4 * work.Length}-image run (flat = streaming); Pillow (all processes) {pillowRss / 1024} MiB");
                context.Console.MarkupLine("Pillow: Image.open().convert(\"L\").resize((S,S), BOX) written to /dev/null; ChestDx: read + SHA-256 + decode + area resample + statistics + pixel hash + write");
            }
            finally
            {
                File.Delete(list);
                File.Delete(script);
            }
            return 0;
        });
        return command;
    }

    /// <summary>Images per second through the real per-image ingest step, written in order to a scratch file.</summary>
    private static double Run(SourceFile[] work, int workers, int size, CancellationToken cancel)
    {
        string scratch = Path.GetTempFileName();
        try
        {
            var options = new IngestOptions { Source = ".", Output = ".", Pseudonymiser = ChestDx.Ingest.Privacy.Pseudonymiser.None, Size = size, Workers = workers };
            var processor = new ImageProcessor(options, new ChestDx.Ingest.Splits.NoSplit(), ChestDx.Core.Labels.LabelTable.None(ChestDx.Core.Classes.ClassSet.ChestXray14));
            var inputs = work.Select((f, i) => new PlannedInput(i, f, null, null)).ToArray();
            var clock = Stopwatch.StartNew();
            using (var output = new FileStream(scratch, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                foreach (Outcome o in OrderedParallel.Run(inputs, workers, workers * 4, processor.Process, cancel))
                {
                    if (o.Pixels is null) throw new ChestDxException($"bench: {o.Rejected?.Source}: {o.Rejected?.Reason}");
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

    private static (double Rate, long RssKb) Pillow(string python, string script, string list, int size, int procs)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { script, list, size.ToString(CultureInfo.InvariantCulture), procs.ToString(CultureInfo.InvariantCulture) }) start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ChestDxException($"{python}: cannot run the Pillow baseline ({e.Message}); install python3-pil or pass --python");
        }
        using (process)
        {
            string output = process.StandardOutput.ReadToEnd(), error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            string[] parts = output.Trim().Split(' ');
            if (process.ExitCode != 0 || parts.Length != 2)
                throw new ChestDxException($"{python}: Pillow baseline failed: {error.Trim().Split('\n').LastOrDefault()}");
            return (double.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
        }
    }

    private static long PeakRssKb()
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
