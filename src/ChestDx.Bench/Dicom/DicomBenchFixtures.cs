using System.Globalization;
using System.Text;
using ChestDx.Dicom.Data;

namespace ChestDx.Bench.Dicom;

/// <summary>
/// Makes the large benchmark frames with dcmtk at bench time (never committed): a 3000 × 2500 12-bit synthetic
/// radiograph (smooth anatomy-like structure plus seeded noise, so it compresses like a real one), uncompressed
/// (dump2dcm), JPEG lossless SV1 (dcmcjpeg +e1) and RLE (dcmcrle).
/// </summary>
internal static class DicomBenchFixtures
{
    public const int Rows = 3000, Columns = 2500;

    public static IReadOnlyList<(string Label, string Path)> Create(string directory, Action<string> say)
    {
        string? dump2dcm = ExternalTool.Find("dump2dcm"), dcmcjpeg = ExternalTool.Find("dcmcjpeg"),
            dcmcrle = ExternalTool.Find("dcmcrle");
        if (dump2dcm is null || dcmcjpeg is null || dcmcrle is null)
        {
            say("dcmtk not found (apt-get install -y dcmtk): the 3000x2500 frames are not generated");
            return [];
        }
        Directory.CreateDirectory(directory);
        string raw = Path.Combine(directory, "large_u12.raw");
        File.WriteAllBytes(raw, SyntheticPixels());
        string dump = Path.Combine(directory, "large_u12.txt");
        File.WriteAllText(dump, Dump(raw), Encoding.ASCII);

        string native = Path.Combine(directory, "large_u12_native.dcm");
        string jpeg = Path.Combine(directory, "large_u12_jpegll_sv1.dcm");
        string rle = Path.Combine(directory, "large_u12_rle.dcm");
        Check(ExternalTool.Run(dump2dcm, [dump, native]), "dump2dcm");
        Check(ExternalTool.Run(dcmcjpeg, ["+e1", native, jpeg]), "dcmcjpeg");
        Check(ExternalTool.Run(dcmcrle, [native, rle]), "dcmcrle");
        File.Delete(raw);
        File.Delete(dump);
        return [("3000x2500 u12", native), ("3000x2500 u12", jpeg), ("3000x2500 u12", rle)];
    }

    private static byte[] SyntheticPixels()
    {
        var random = new Random(3000_2500);
        var bytes = new byte[Rows * Columns * 2];
        for (int y = 0; y < Rows; y++)
            for (int x = 0; x < Columns; x++)
            {
                double lungs = Math.Sin(x * Math.PI / Columns) * Math.Sin(y * Math.PI / Rows);
                double ribs = 0.15 * Math.Sin(y / 40.0 + 0.3 * Math.Sin(x / 300.0));
                int v = (int)(600 + 2600 * (1 - lungs) + 500 * ribs + random.Next(-40, 41));
                v = Math.Clamp(v, 0, 4095);
                bytes[(y * Columns + x) * 2] = (byte)v;
                bytes[(y * Columns + x) * 2 + 1] = (byte)(v >> 8);
            }
        return bytes;
    }

    private static string Dump(string rawPath) => string.Create(CultureInfo.InvariantCulture, $"""
        (0002,0001) OB 00\01
        (0002,0002) UI [1.2.840.10008.5.1.4.1.1.1.1]
        (0002,0003) UI [2.25.300025001]
        (0002,0010) UI [{TransferSyntax.ExplicitVRLittleEndian.Uid}]
        (0008,0016) UI [1.2.840.10008.5.1.4.1.1.1.1]
        (0008,0018) UI [2.25.300025001]
        (0008,0060) CS [DX]
        (0008,0068) CS [FOR PRESENTATION]
        (0018,5101) CS [PA]
        (0028,0002) US 1
        (0028,0004) CS [MONOCHROME2]
        (0028,0010) US {Rows}
        (0028,0011) US {Columns}
        (0028,0100) US 16
        (0028,0101) US 12
        (0028,0102) US 11
        (0028,0103) US 0
        (0028,1050) DS [2048]
        (0028,1051) DS [4096]
        (7fe0,0010) OW ={rawPath}

        """);

    private static void Check((int Exit, string Output, string Error, TimeSpan Elapsed) run, string tool)
    {
        if (run.Exit != 0)
            throw new ChestDx.Core.ChestDxException($"bench dicom: {tool} failed: {ExternalTool.FirstLine(run.Error)}");
    }
}
