using System.Diagnostics;
using ChestDx.Core;
using ChestDx.Ingest.Sources;

namespace ChestDx.Bench.Ingest;

/// <summary>
/// `chestdx bench ingest --format jpeg`: the PNG benchmark's measurement on JPEG sources. The sources are made from
/// the PNGs by Debian's cjpeg (libjpeg-turbo-progs) at quality 95, at the PNGs' own 1024×1024 and resized
/// (Pillow, Lanczos) to a MIMIC-CXR-like 2500×3000. Two kinds of work, each done alike by both sides
/// (pillow_jpeg.py says what Pillow does): decode + resize to the S×S image (ChestDx: <see cref="JpegDecodeResize"/>;
/// Pillow plain and with draft()), and the whole per-image ingest step (ChestDx's own; Pillow with draft doing the
/// same hashing, statistics and writing). Medians of alternating runs, wall clock and CPU time per image.
/// </summary>
public static class JpegIngestBench
{
    public static readonly (string Name, int Width, int Height)[] Sources =
        [("1024×1024", 1024, 1024), ("2500×3000", 2500, 3000)];

    public static JpegBenchReport Run(IngestBenchSettings settings, Action<string> say, CancellationToken cancel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Runs, 1);
        string cjpeg = ExternalTool.Find("cjpeg") ?? throw new ChestDxException(
            "bench ingest --format jpeg: cjpeg not found (apt-get install libjpeg-turbo-progs)");
        string dir = Path.GetFullPath(settings.Images);
        List<SourceFile> pngs = SourceScanner.Scan(dir)
            .Where(f => f.RelativePath.EndsWith(".png", StringComparison.OrdinalIgnoreCase)).ToList();
        if (pngs.Count == 0) throw ChestDxException.ForFile(dir, "no PNG files");
        int n = settings.Runs, s = settings.Size, cores = Environment.ProcessorCount;
        string temp = Directory.CreateTempSubdirectory("chestdx-bench-jpeg-").FullName;
        string script = BaselineScript.WriteTo("pillow_jpeg.py", Path.Combine(temp, "pillow_jpeg.py"));
        try
        {
            var rows = new List<JpegBenchRow>();
            int imagesPerRun = 0;
            foreach ((string name, int width, int height) in Sources)
            {
                List<SourceFile> jpegs = Prepare(pngs, settings.Python, script, cjpeg, temp, width, height);
                SourceFile[] work = Enumerable.Repeat(jpegs, settings.Repeat).SelectMany(f => f).ToArray();
                imagesPerRun = work.Length;
                string list = Path.Combine(temp, $"list-{width}.txt");
                File.WriteAllLines(list, work.Select(f => f.FullPath));
                say($"{name}: {work.Length} JPEGs per run ({jpegs.Count} files × {settings.Repeat}, cjpeg -quality 95)"
                    + $", {s}×{s}, {n} runs each, {cores} cores");
                // Warm-up: tiered JIT promotes hot methods after some dozens of calls; page cache.
                for (int w = 0; w < 3; w++)
                {
                    Timed(() => IngestBench.TimeChestDx(work, 1, s, cancel), work.Length);
                    Timed(() => JpegDecodeResize.Time(work, s, cancel), work.Length);
                }
                JpegRun Pil(int procs, string mode)
                {
                    (double rate, _, double cpu) = IngestBench.PillowWithCpu(settings.Python, script, list, s, procs,
                        mode);
                    return new JpegRun(rate, cpu);
                }
                var runs = new Dictionary<string, List<JpegRun>>();
                void Add(string key, JpegRun run) => (runs.TryGetValue(key, out var l) ? l : runs[key] = []).Add(run);
                for (int i = 0; i < n; i++)
                {
                    Add("chestdx decode", Timed(() => JpegDecodeResize.Time(work, s, cancel), work.Length));
                    Add("pillow plain", Pil(1, "plain"));
                    Add("pillow draft", Pil(1, "draft"));
                    Add("chestdx ingest", Timed(() => IngestBench.TimeChestDx(work, 1, s, cancel), work.Length));
                    Add("pillow ingest", Pil(1, "ingest"));
                    if (cores == 1) continue;
                    Add("chestdx ingest N", Timed(() => IngestBench.TimeChestDx(work, cores, s, cancel), work.Length));
                    Add("pillow ingest N", Pil(cores, "ingest"));
                }
                double Rate(string k) => Medians.Of(runs[k].Select(r => r.Rate));
                double Cpu(string k) => Medians.Of(runs[k].Select(r => r.CpuMs));
                rows.Add(new JpegBenchRow(name, 1, DecodeResize, Rate("chestdx decode"), Rate("pillow plain"),
                    Rate("pillow draft"), Cpu("chestdx decode"), Cpu("pillow draft")));
                rows.Add(new JpegBenchRow(name, 1, IngestStep, Rate("chestdx ingest"), null, Rate("pillow ingest"),
                    Cpu("chestdx ingest"), Cpu("pillow ingest")));
                if (cores > 1)
                    rows.Add(new JpegBenchRow(name, cores, IngestStep, Rate("chestdx ingest N"), null,
                        Rate("pillow ingest N"), double.NaN, double.NaN));
            }
            string decoder = ChestDx.Dicom.Codecs.JpegTurbo.TurboJpegDecoder.IsAvailable
                ? $"libjpeg-turbo ({ChestDx.Dicom.Codecs.JpegTurbo.TurboJpegDecoder.LoadedName}), DCT-scaled"
                : "ImageSharp (libjpeg-turbo not installed), full size";
            return new JpegBenchReport(rows, imagesPerRun, decoder);
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    public const string DecodeResize = "decode + resize";
    public const string IngestStep = "ingest step";

    /// <summary>Runs <paramref name="timed"/> (which returns images per second) and measures the process's CPU time
    /// over it: every thread (workers, the writer, JIT and GC), per image.</summary>
    private static JpegRun Timed(Func<double> timed, int images)
    {
        TimeSpan before = Process.GetCurrentProcess().TotalProcessorTime;
        double rate = timed();
        TimeSpan after = Process.GetCurrentProcess().TotalProcessorTime;
        return new JpegRun(rate, (after - before).TotalMilliseconds / images);
    }

    /// <summary>One quality-95 JPEG per PNG at <paramref name="width"/>×<paramref name="height"/>.</summary>
    private static List<SourceFile> Prepare(List<SourceFile> pngs, string python, string script, string cjpeg,
        string temp, int width, int height)
    {
        string folder = Directory.CreateDirectory(Path.Combine(temp, $"{width}x{height}")).FullName;
        foreach (SourceFile png in pngs)
        {
            string stem = Path.GetFileNameWithoutExtension(png.RelativePath);
            string pgm = Path.Combine(folder, stem + ".pgm"), jpeg = Path.Combine(folder, stem + ".jpg");
            Run(python, [script, "prepare", png.FullPath, pgm, Str(width), Str(height)]);
            Run(cjpeg, ["-quality", "95", "-outfile", jpeg, pgm]);
            File.Delete(pgm);
        }
        return SourceScanner.Scan(folder).ToList();
    }

    private static string Str(int v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void Run(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in arguments) start.ArgumentList.Add(a);
        using Process process = Process.Start(start)
            ?? throw new ChestDxException($"{program}: could not start");
        string error = process.StandardError.ReadToEnd();
        _ = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new ChestDxException($"{program}: failed ({error.Trim().Split('\n').LastOrDefault()})");
    }
}
