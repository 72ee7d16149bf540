using System.Diagnostics;
using System.Globalization;
using ChestDx.Core;
using ChestDx.Dicom;
using ChestDx.Dicom.Data;
using ChestDx.Dicom.Imaging;

namespace ChestDx.Bench.Dicom;

/// <summary>What `chestdx bench dicom` measures.</summary>
public sealed record DicomBenchSettings
{
    /// <summary>Files to time; none = every .dcm in <see cref="DefaultFolder"/> under the current directory.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>Timed runs per image, operation and tool (after one warm-up); the median is reported.</summary>
    public int Runs { get; init; } = 9;

    /// <summary>Also time 3000 × 2500 12-bit frames generated with dcmtk (<see cref="DicomBenchFixtures"/>).</summary>
    public bool GenerateLarge { get; init; } = true;

    public static readonly string DefaultFolder = Path.Combine("tests", "data", "dicom", "real-cxr");
}

/// <summary>One operation on one image: ChestDx's median and the baselines'.</summary>
public sealed record DicomBenchRow(
    string Image, string Syntax, string Operation, MedianMs ChestDx, MedianMs Dcmtk, MedianMs Pydicom)
{
    /// <summary>dcmtk's time over ChestDx's: above 1, ChestDx is faster.</summary>
    public double? DcmtkRatio => Ratio(Dcmtk, ChestDx);

    /// <summary>pydicom's time over ChestDx's: above 1, ChestDx is faster.</summary>
    public double? PydicomRatio => Ratio(Pydicom, ChestDx);

    private static double? Ratio(MedianMs other, MedianMs ours) =>
        other.Ms is { } o && ours.Ms is { } c && c > 0 ? o / c : null;
}

/// <param name="DcmtkStartup">Median start-up of a dcmtk process (dcmdjpeg --version); null without dcmtk.</param>
public sealed record DicomBenchReport(IReadOnlyList<DicomBenchRow> Rows, MedianMs? DcmtkStartup, int Runs);

/// <summary>
/// `chestdx bench dicom`: ChestDx's reader next to dcmtk's command-line tools and pydicom on the same files, per
/// image: decode (read + decompress one frame), render (decode + min/max VOI to 8 bits) and header scan. Medians of
/// N runs after one warm-up; dcmtk runs as one process per image (its start-up cost is measured separately so the
/// ratio can be read both ways), pydicom in one process timing each call (pydicom_read.py).
/// </summary>
public static class DicomBench
{
    public static readonly string[] Operations = ["decode", "render 8-bit", "header scan"];

    /// <param name="say">Receives progress lines (fixture generation) as they happen.</param>
    public static DicomBenchReport Run(DicomBenchSettings settings, Action<string> say, CancellationToken cancel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Runs, 1);
        var inputs = new List<(string Label, string Path)>();
        foreach (string f in settings.Files)
            inputs.Add((Path.GetFileName(f), File.Exists(f) ? f : throw ChestDxException.ForFile(f, "file not found")));
        if (inputs.Count == 0 && Directory.Exists(DicomBenchSettings.DefaultFolder))
        {
            IEnumerable<string> found = Directory.GetFiles(DicomBenchSettings.DefaultFolder, "*.dcm").Order();
            inputs.AddRange(found.Select(f => (Label(f), f)));
        }
        string work = Path.Combine(Path.GetTempPath(), $"chestdx-bench-dicom-{Environment.ProcessId}");
        try
        {
            if (settings.GenerateLarge)
            {
                say("Generating 3000x2500 12-bit frames with dcmtk ...");
                inputs.AddRange(DicomBenchFixtures.Create(work, say));
            }
            if (inputs.Count == 0)
                throw new ChestDxException("bench dicom: no input files (give FILES or run from the repository root)");
            return Measure(inputs, settings.Runs, work, cancel);
        }
        finally
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }

    private static string Label(string path)
    {
        string name = Path.GetFileNameWithoutExtension(path);
        return name.Length > 16 ? name[..16] + "…" : name;
    }

    private static DicomBenchReport Measure(
        List<(string Label, string Path)> inputs, int runs, string work, CancellationToken cancel)
    {
        Directory.CreateDirectory(work);
        string? python = FindPydicomPython();
        string? script = python is null ? null
            : BaselineScript.WriteTo("pydicom_read.py", Path.Combine(work, "pydicom_bench.py"));
        string? dcmj2pnm = ExternalTool.Find("dcmj2pnm");
        string? dcmdjpeg = ExternalTool.Find("dcmdjpeg");

        var rows = new List<DicomBenchRow>();
        foreach ((string label, string path) in inputs)
        {
            DicomFile header = DicomReader.ReadHeader(path);
            MedianMs[] ours =
            [
                Ours(() => DicomReader.ReadFile(path).GetPixelData().DecodeRawFrame(0), runs),
                Ours(() => GreyscaleRenderer.Render(
                    DicomReader.ReadFile(path), new GreyscaleRenderOptions { Voi = VoiChoice.MinMax }), runs),
                Ours(() => DicomReader.ReadHeader(path), runs),
            ];
            string outDcm = Path.Combine(work, "out.dcm"), outPgm = Path.Combine(work, "out.pgm");
            MedianMs Dcmtk(string op) => op switch
            {
                "decode" when DcmtkDecoder(header.TransferSyntax) is { } tool =>
                    ExternalTool.TimeRuns(tool, [path, outDcm], runs, cancel),
                "render 8-bit" when dcmj2pnm is not null =>
                    ExternalTool.TimeRuns(dcmj2pnm, ["+Wm", path, outPgm], runs, cancel),
                "header scan" when ExternalTool.Find("dcmdump") is { } dump =>
                    ExternalTool.TimeRuns(dump, ["-M", "+P", "0028,0010", path], runs, cancel),
                _ => new MedianMs(null, "dcmtk not installed"),
            };
            MedianMs Pydicom(string op)
            {
                if (op == "render 8-bit") return new MedianMs(null, "-");
                if (python is null) return new MedianMs(null, "pydicom not installed");
                string mode = op == "header scan" ? "header" : "decode";
                var (exit, output, error, _) =
                    ExternalTool.Run(python, [script!, path, Str(runs), mode], cancel);
                string line = ExternalTool.FirstLine(output);
                if (exit == 0 && double.TryParse(line, NumberStyles.Float, CultureInfo.InvariantCulture, out double ms))
                    return new MedianMs(ms, null);
                return new MedianMs(null, line.Length > 0 ? line : ExternalTool.FirstLine(error));
            }
            for (int i = 0; i < Operations.Length; i++)
            {
                string op = Operations[i];
                MedianMs dcmtk = Dcmtk(op);
                MedianMs py = Pydicom(op);
                rows.Add(new DicomBenchRow(label, ShortSyntax(header.TransferSyntax), op, ours[i], dcmtk, py));
            }
        }
        MedianMs? startup = dcmdjpeg is null ? null : ExternalTool.TimeRuns(dcmdjpeg, ["--version"], runs, cancel);
        return new DicomBenchReport(rows, startup, runs);
    }

    /// <summary>
    /// Median ms of <paramref name="action"/>, or the reason it cannot run ("decoder not available" for a syntax
    /// without a codec).
    /// </summary>
    private static MedianMs Ours(Action action, int runs)
    {
        try
        {
            action();   // warm-up: JIT and file cache
        }
        catch (DicomException e) when (e.Message.Contains("unsupported transfer syntax", StringComparison.Ordinal))
        {
            return new MedianMs(null, "decoder not available");
        }
        catch (DicomException e)
        {
            return new MedianMs(null, "error: " + e.Message);
        }
        var times = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return new MedianMs(Medians.Of(times), null);
    }

    private static string Str(int v) => v.ToString(CultureInfo.InvariantCulture);

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
}
