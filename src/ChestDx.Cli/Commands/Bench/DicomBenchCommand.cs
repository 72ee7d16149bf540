using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ChestDx.Cli.Infrastructure;
using ChestDx.Core;
using ChestDx.Dicom;
using ChestDx.Dicom.Data;
using ChestDx.Dicom.Imaging;
using Spectre.Console;

namespace ChestDx.Cli.Commands.Bench;

/// <summary>
/// `chestdx bench dicom`: ChestDx's reader next to dcmtk's command-line tools and pydicom on the same files, per
/// image: decode (read + decompress one frame), render (decode + min/max VOI to 8 bits) and header scan. Medians of
/// N runs after one warm-up; dcmtk runs as one process per image (its start-up cost is printed separately so the
/// ratio can be read both ways), pydicom in one process timing each call.
/// </summary>
internal static class DicomBenchCommand
{
    private const string PydicomScript = """
        import sys, time, statistics
        import pydicom
        path, n, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
        times = []
        try:
            for i in range(n + 1):
                t = time.perf_counter()
                if mode == "header":
                    pydicom.dcmread(path, stop_before_pixels=True)
                else:
                    pydicom.dcmread(path).pixel_array
                if i > 0:
                    times.append((time.perf_counter() - t) * 1000)
            print(statistics.median(times))
        except Exception as e:
            print("ERR", type(e).__name__, (str(e).splitlines() or [""])[0])
        """;

    public static Command Create(CliContext context)
    {
        var files = new Argument<string[]>("FILES")
        {
            Description = "DICOM files to benchmark (default: tests/data/dicom/real-cxr/*.dcm under the current directory).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var iterations = new Option<int>("--iterations") { Description = "Timed runs per image and tool (median reported).", DefaultValueFactory = _ => 9 };
        var noLarge = new Option<bool>("--no-large") { Description = "Skip generating the 3000x2500 12-bit frames with dcmtk." };
        var command = new Command("dicom", "DICOM decode/render/header-scan speed: ChestDx vs dcmtk (dcmdjpeg/dcmdrle/dcmj2pnm) and pydicom.")
        {
            files, iterations, noLarge,
        };
        context.SetHandler(command, (parse, cancel) =>
        {
            int runs = parse.GetValue(iterations);
            if (runs < 1) throw new ChestDxException($"--iterations {runs}: must be at least 1");
            var inputs = new List<(string Label, string Path)>();
            foreach (string f in parse.GetValue(files) ?? [])
                inputs.Add((Path.GetFileName(f), File.Exists(f) ? f : throw ChestDxException.ForFile(f, "file not found")));
            if (inputs.Count == 0)
            {
                string dir = Path.Combine("tests", "data", "dicom", "real-cxr");
                if (Directory.Exists(dir))
                    inputs.AddRange(Directory.GetFiles(dir, "*.dcm").Order().Select(f => (Label(f), f)));
            }
            string work = Path.Combine(Path.GetTempPath(), $"chestdx-bench-dicom-{Environment.ProcessId}");
            try
            {
                if (!parse.GetValue(noLarge))
                {
                    context.Console.WriteLine("Generating 3000x2500 12-bit frames with dcmtk ...");
                    inputs.AddRange(DicomBenchFixtures.Create(work, m => context.Console.WriteLine(m)));
                }
                if (inputs.Count == 0) throw new ChestDxException("bench dicom: no input files (give FILES or run from the repository root)");
                Run(context, inputs, runs, work, cancel);
            }
            finally
            {
                if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
            }
            return 0;
        });
        return command;
    }

    private static string Label(string path)
    {
        string name = Path.GetFileNameWithoutExtension(path);
        return name.Length > 16 ? name[..16] + "…" : name;
    }

    private static void Run(CliContext context, List<(string Label, string Path)> inputs, int runs, string work, CancellationToken cancel)
    {
        Directory.CreateDirectory(work);
        string? python = FindPydicomPython();
        string? script = null;
        if (python is not null)
        {
            script = Path.Combine(work, "pydicom_bench.py");
            File.WriteAllText(script, PydicomScript);
        }
        string? dcmj2pnm = ExternalTool.Find("dcmj2pnm");
        string? dcmdjpeg = ExternalTool.Find("dcmdjpeg");

        var table = new Table().AddColumns("Image", "Syntax", "Operation", "ChestDx ms", "dcmtk ms", "pydicom ms", "dcmtk / ChestDx", "pydicom / ChestDx");
        foreach ((string label, string path) in inputs)
        {
            DicomFile header = DicomReader.ReadHeader(path);
            (string Op, (double? Ms, string? Problem) Result)[] ours =
            [
                ("decode", Ours(() => DicomReader.ReadFile(path).GetPixelData().DecodeRawFrame(0), runs)),
                ("render 8-bit", Ours(() => GreyscaleRenderer.Render(DicomReader.ReadFile(path), new GreyscaleRenderOptions { Voi = VoiChoice.MinMax }), runs)),
                ("header scan", Ours(() => DicomReader.ReadHeader(path), runs)),
            ];
            string outDcm = Path.Combine(work, "out.dcm"), outPgm = Path.Combine(work, "out.pgm");
            (double?, string?) Dcmtk(string op) => op switch
            {
                "decode" when DcmtkDecoder(header.TransferSyntax) is { } tool => ExternalTool.MedianMs(tool, [path, outDcm], runs, cancel),
                "render 8-bit" when dcmj2pnm is not null => ExternalTool.MedianMs(dcmj2pnm, ["+Wm", path, outPgm], runs, cancel),
                "header scan" when ExternalTool.Find("dcmdump") is { } dump => ExternalTool.MedianMs(dump, ["-M", "+P", "0028,0010", path], runs, cancel),
                _ => (null, "dcmtk not installed"),
            };
            (double?, string?) Pydicom(string op)
            {
                if (op == "render 8-bit") return (null, "-");
                if (python is null) return (null, "pydicom not installed");
                var (exit, output, error, _) = ExternalTool.Run(python, [script!, path, runs.ToString(CultureInfo.InvariantCulture), op == "header scan" ? "header" : "decode"], cancel);
                string line = ExternalTool.FirstLine(output);
                if (exit == 0 && double.TryParse(line, NumberStyles.Float, CultureInfo.InvariantCulture, out double ms)) return (ms, null);
                return (null, line.Length > 0 ? line : ExternalTool.FirstLine(error));
            }
            foreach ((string op, (double? ms, string? problem)) in ours)
            {
                (double? dcmtk, string? dcmtkProblem) = Dcmtk(op);
                (double? py, string? pyProblem) = Pydicom(op);
                table.AddRow(Markup.Escape(label), ShortSyntax(header.TransferSyntax), op, Cell(ms, problem), Cell(dcmtk, dcmtkProblem), Cell(py, pyProblem), Ratio(dcmtk, ms), Ratio(py, ms));
            }
        }
        context.Console.Write(table);
        if (dcmdjpeg is not null)
        {
            var (start, _) = ExternalTool.MedianMs(dcmdjpeg, ["--version"], runs, cancel);
            context.Console.WriteLine($"dcmtk process start-up (dcmdjpeg --version): {start:0.0} ms median; dcmtk times include it and writing the output file.");
        }
        context.Console.WriteLine($"Medians of {runs} runs after one warm-up; ratio > 1 means ChestDx is faster. ChestDx decode = read file + decode frame 1; " +
                                  "render = decode + min/max VOI to 8 bits (dcmtk: dcmj2pnm +Wm); pydicom decode = dcmread + pixel_array.");
    }

    /// <summary>Median ms of <paramref name="action"/>, or the reason it cannot run ("decoder not available" before the codecs land).</summary>
    private static (double? Ms, string? Problem) Ours(Action action, int runs)
    {
        try
        {
            action();   // warm-up: JIT and file cache
        }
        catch (DicomException e) when (e.Message.Contains("unsupported transfer syntax", StringComparison.Ordinal))
        {
            return (null, "decoder not available");
        }
        catch (DicomException e)
        {
            return (null, "error: " + e.Message);
        }
        var times = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return (ExternalTool.Median(times), null);
    }

    private static string? DcmtkDecoder(TransferSyntax syntax) => syntax.Codec switch
    {
        PixelCodec.Rle => ExternalTool.Find("dcmdrle"),
        PixelCodec.JpegLs => ExternalTool.Find("dcmdjpls"),
        PixelCodec.JpegDct or PixelCodec.JpegLossless => ExternalTool.Find("dcmdjpeg"),
        _ when !syntax.IsEncapsulated => ExternalTool.Find("dcmconv"),
        _ => null,
    };

    private static string? FindPydicomPython()
    {
        foreach (string candidate in new[] { "python3", "/usr/bin/python3" })
        {
            string? path = ExternalTool.Find(candidate);
            if (path is null) continue;
            try
            {
                if (ExternalTool.Run(path, ["-c", "import pydicom"]).Exit == 0) return path;
            }
            catch (System.ComponentModel.Win32Exception)
            {
            }
        }
        return null;
    }

    private static readonly Dictionary<string, string> ShortNames = new(StringComparer.Ordinal)
    {
        [TransferSyntax.ImplicitVRLittleEndian.Uid] = "ILE",
        [TransferSyntax.ExplicitVRLittleEndian.Uid] = "ELE",
        [TransferSyntax.ExplicitVRBigEndian.Uid] = "EBE",
        [TransferSyntax.DeflatedExplicitVRLittleEndian.Uid] = "deflate",
        [TransferSyntax.RleLossless.Uid] = "RLE",
    };

    // Every other transfer syntax UID extends Implicit VR Little Endian's (PS3.6 Table A-1): show only the tail.
    private static string ShortSyntax(TransferSyntax syntax) =>
        ShortNames.TryGetValue(syntax.Uid, out string? name) ? name
            : syntax.Uid.Replace(TransferSyntax.ImplicitVRLittleEndian.Uid + ".", "", StringComparison.Ordinal);

    private static string Cell(double? ms, string? problem) =>
        ms is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : Markup.Escape(Shorten(problem ?? "-"));

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..39] + "…";

    private static string Ratio(double? other, double? ours) =>
        other is { } o && ours is { } c && c > 0 ? (o / c).ToString("0.00", CultureInfo.InvariantCulture) + "x" : "-";
}
