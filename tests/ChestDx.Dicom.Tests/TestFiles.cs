using System.Security.Cryptography;

namespace ChestDx.Dicom.Tests;

/// <summary>
/// The fixtures under data/dicom (copied from tests/data/dicom; see its PROVENANCE.md) and their references.
/// </summary>
internal static class TestFiles
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "data", "dicom");

    public static string Path_(string relative) => Path.Combine(Root, relative);

    public static string Generated(string name) => Path.Combine(Root, "generated", name);

    public static byte[] GeneratedRef(string name) => File.ReadAllBytes(Path.Combine(Root, "generated", "refs", name));

    /// <summary>decoded_pixels_reference.tsv: file → (md5 GDCM, md5 dcmtk).</summary>
    public static IReadOnlyDictionary<string, (string Gdcm, string Dcmtk)> DecodedReferences { get; } =
        LoadReferences();

    /// <summary>A dcmdjpeg decode kept gzipped in codecs/refs/dcmtk (see codecs/PROVENANCE.md).</summary>
    public static byte[] GunzipCodecReference(string name)
    {
        using var gzip = new System.IO.Compression.GZipStream(
            File.OpenRead(Path.Combine(Root, "codecs", "refs", "dcmtk", name + ".raw.gz")),
            System.IO.Compression.CompressionMode.Decompress);
        using var bytes = new MemoryStream();
        gzip.CopyTo(bytes);
        return bytes.ToArray();
    }

    public static string Md5(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(MD5.HashData(data));

    /// <summary>
    /// All frames' raw stored values, concatenated, as the reference MD5s cover them (md5_note: whole Pixel Data).
    /// </summary>
    public static byte[] AllRawFrames(DicomFile file)
    {
        var pixels = file.GetPixelData();
        using var all = new MemoryStream();
        for (int f = 0; f < pixels.FrameCount; f++) all.Write(pixels.DecodeRawFrame(f));
        return all.ToArray();
    }

    private static Dictionary<string, (string, string)> LoadReferences()
    {
        var result = new Dictionary<string, (string, string)>();
        string[] lines = File.ReadAllLines(Path.Combine(Root, "decoded_pixels_reference.tsv"));
        string[] header = lines[0].Split('\t');
        int file = Array.IndexOf(header, "file"), gdcm = Array.IndexOf(header, "md5_gdcm"),
            dcmtk = Array.IndexOf(header, "md5_dcmtk");
        foreach (string line in lines.Skip(1))
        {
            string[] f = line.Split('\t');
            result[f[file]] = (f[gdcm], f[dcmtk]);
        }
        return result;
    }
}
