using System.Diagnostics;
using ChestDx.Core;
using ChestDx.Ingest.Sources;

namespace ChestDx.Bench.Ingest;

/// <summary>One source size of `chestdx bench ingest --format jpeg`, on <see cref="Workers"/> cores.</summary>
/// <param name="Source">"1024×1024" or "2500×3000".</param>
/// <param name="ChestDx">Median images per second through ChestDx's per-image ingest step.</param>
/// <param name="Pillow">Median images per second, Pillow open → convert("L") → resize(BOX).</param>
/// <param name="PillowDraft">The same with Image.draft("L", (S, S)) first: Pillow's fastest JPEG path.</param>
public sealed record JpegBenchRow(string Source, int Workers, double ChestDx, double Pillow, double PillowDraft)
{
    /// <summary>ChestDx over Pillow with draft: the goal is at least 2 per core.</summary>
    public double RatioToDraft => ChestDx / PillowDraft;
}

/// <param name="Decoder">What decoded ChestDx's JPEGs: libjpeg-turbo (DCT-scaled) or ImageSharp.</param>
public sealed record JpegBenchReport(IReadOnlyList<JpegBenchRow> Rows, int ImagesPerRun, string Decoder);

/// <summary>
/// `chestdx bench ingest --format jpeg`: the PNG benchmark's measurement on JPEG sources. The sources are made from
/// the PNGs by Debian's cjpeg (libjpeg-turbo-progs) at quality 95, at the PNGs' own 1024×1024 and resized
/// (Pillow, Lanczos) to a MIMIC-CXR-like 2500×3000; each is timed through ChestDx's whole ingest step and through
/// Pillow with and without draft(), on one core and on all, medians of alternating runs.
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
                IngestBench.TimeChestDx(work, 1, s, cancel); // warm-up: JIT, page cache
                foreach (int workers in cores == 1 ? [1] : new[] { 1, cores })
                {
                    var chestdx = new List<double>();
                    var pillow = new List<double>();
                    var draft = new List<double>();
                    for (int i = 0; i < n; i++)
                    {
                        chestdx.Add(IngestBench.TimeChestDx(work, workers, s, cancel));
                        pillow.Add(IngestBench.Pillow(settings.Python, script, list, s, workers, "plain").Rate);
                        draft.Add(IngestBench.Pillow(settings.Python, script, list, s, workers, "draft").Rate);
                    }
                    rows.Add(new JpegBenchRow(name, workers, Medians.Of(chestdx), Medians.Of(pillow),
                        Medians.Of(draft)));
                }
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
