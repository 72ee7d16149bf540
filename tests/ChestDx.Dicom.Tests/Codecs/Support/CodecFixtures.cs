using System.Security.Cryptography;

namespace ChestDx.Dicom.Tests.Codecs.Support;

/// <summary>Paths to the DICOM test files and their reference decodes (tests/data/dicom, see PROVENANCE.md).</summary>
internal static class CodecFixtures
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "data", "dicom");

    public static string Generated(string name) => Path.Combine(Root, "generated", name + ".dcm");

    /// <summary>dcmtk/GDCM decode of a generated fixture: stored values, LE, Bits Allocated container.</summary>
    public static byte[] GeneratedReference(string name) =>
        File.ReadAllBytes(Path.Combine(Root, "generated", "refs", name + ".raw"));

    /// <summary>Codec fixtures made for these tests (tests/data/dicom/codecs, see its PROVENANCE.md).</summary>
    public static string Codec(string name) => Path.Combine(Root, "codecs", name + ".dcm");

    public static byte[] CodecReference(string name) =>
        File.ReadAllBytes(Path.Combine(Root, "codecs", "refs", name + ".raw"));

    public static string Conformance(string relative) => Path.Combine(Root, "conformance", relative);

    /// <summary>Decodes every frame of a fixture with <paramref name="decoder"/> and concatenates them.</summary>
    public static byte[] DecodeAllFrames(EncapsulatedFixture fixture, ChestDx.Dicom.Codecs.IFrameDecoder decoder)
    {
        var frame = fixture.Frame;
        byte[] all = new byte[frame.FrameLength * fixture.NumberOfFrames];
        for (int i = 0; i < fixture.NumberOfFrames; i++)
        {
            decoder.Decode(fixture.FrameBytes(i), frame,
                all.AsSpan((int)(i * frame.FrameLength), (int)frame.FrameLength));
        }
        return all;
    }

    public static string Md5(byte[] data) => Convert.ToHexStringLower(MD5.HashData(data));

    private static readonly Lazy<Dictionary<string, (string Gdcm, string Dcmtk)>> ReferenceMd5s = new(() =>
    {
        var result = new Dictionary<string, (string, string)>();
        string[] lines = File.ReadAllLines(Path.Combine(Root, "decoded_pixels_reference.tsv"));
        string[] header = lines[0].Split('\t');
        int file = Array.IndexOf(header, "file"), gdcm = Array.IndexOf(header, "md5_gdcm"),
            dcmtk = Array.IndexOf(header, "md5_dcmtk");
        foreach (string line in lines.Skip(1))
        {
            string[] cells = line.Split('\t');
            result[cells[file]] = (cells.ElementAtOrDefault(gdcm) ?? "", cells.ElementAtOrDefault(dcmtk) ?? "");
        }
        return result;
    });

    /// <summary>MD5s of the whole decoded Pixel Data (all frames) from GDCM 3.0.21 and DCMTK 3.6.7.</summary>
    public static (string Gdcm, string Dcmtk) ReferenceMd5(string relative) =>
        ReferenceMd5s.Value["conformance/" + relative];
}
