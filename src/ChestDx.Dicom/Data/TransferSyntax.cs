namespace ChestDx.Dicom.Data;

/// <summary>
/// How a data set is encoded (PS3.5 §10): VR explicit or implicit, byte order, deflate, and whether Pixel Data is
/// native or encapsulated (compressed). Names follow PS3.6 Table A-1 so error messages say what a user can look up.
/// </summary>
public sealed record TransferSyntax(string Uid, string Name, bool IsExplicitVR, bool IsBigEndian, bool IsDeflated, bool IsEncapsulated)
{
    public const string ImplicitVRLittleEndianUid = "1.2.840.10008.1.2";
    public const string ExplicitVRLittleEndianUid = "1.2.840.10008.1.2.1";
    public const string DeflatedExplicitVRLittleEndianUid = "1.2.840.10008.1.2.1.99";
    public const string ExplicitVRBigEndianUid = "1.2.840.10008.1.2.2";
    public const string RleLosslessUid = "1.2.840.10008.1.2.5";

    public static readonly TransferSyntax ImplicitVRLittleEndian = new(ImplicitVRLittleEndianUid, "Implicit VR Little Endian", false, false, false, false);
    public static readonly TransferSyntax ExplicitVRLittleEndian = new(ExplicitVRLittleEndianUid, "Explicit VR Little Endian", true, false, false, false);
    public static readonly TransferSyntax DeflatedExplicitVRLittleEndian = new(DeflatedExplicitVRLittleEndianUid, "Deflated Explicit VR Little Endian", true, false, true, false);
    public static readonly TransferSyntax ExplicitVRBigEndian = new(ExplicitVRBigEndianUid, "Explicit VR Big Endian (retired)", true, true, false, false);

    private static readonly Dictionary<string, TransferSyntax> ByUid = Build();

    /// <summary>The syntax for <paramref name="uid"/>; an unknown UID is assumed to be an encapsulated Explicit VR LE
    /// syntax (PS3.5 §10.1: every syntax defined after the first three is explicit VR little endian), named "unknown".</summary>
    public static TransferSyntax Lookup(string uid) =>
        ByUid.TryGetValue(uid, out TransferSyntax? ts) ? ts : new TransferSyntax(uid, "unknown transfer syntax", true, false, false, true);

    /// <summary>"UID (Name)", the form every message about a syntax uses.</summary>
    public string Describe() => $"{Uid} ({Name})";

    public override string ToString() => Describe();

    private static Dictionary<string, TransferSyntax> Build()
    {
        var table = new Dictionary<string, TransferSyntax>(StringComparer.Ordinal);
        void Native(TransferSyntax ts) => table[ts.Uid] = ts;
        void Encapsulated(string uid, string name) => table[uid] = new TransferSyntax(uid, name, true, false, false, true);

        Native(ImplicitVRLittleEndian);
        Native(ExplicitVRLittleEndian);
        Native(DeflatedExplicitVRLittleEndian);
        Native(ExplicitVRBigEndian);
        // PS3.6 Table A-1 (2024). Retired JPEG processes are listed so their names appear in errors.
        Encapsulated("1.2.840.10008.1.2.1.98", "Encapsulated Uncompressed Explicit VR Little Endian");
        Encapsulated("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)");
        Encapsulated("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 and 4)");
        Encapsulated("1.2.840.10008.1.2.4.52", "JPEG Extended (Process 3 and 5) (retired)");
        Encapsulated("1.2.840.10008.1.2.4.53", "JPEG Spectral Selection, Non-Hierarchical (Process 6 and 8) (retired)");
        Encapsulated("1.2.840.10008.1.2.4.54", "JPEG Spectral Selection, Non-Hierarchical (Process 7 and 9) (retired)");
        Encapsulated("1.2.840.10008.1.2.4.55", "JPEG Full Progression, Non-Hierarchical (Process 10 and 12) (retired)");
        Encapsulated("1.2.840.10008.1.2.4.56", "JPEG Full Progression, Non-Hierarchical (Process 11 and 13) (retired)");
        Encapsulated("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)");
        Encapsulated("1.2.840.10008.1.2.4.58", "JPEG Lossless, Non-Hierarchical (Process 15) (retired)");
        for (int p = 59; p <= 66; p++)
            Encapsulated($"1.2.840.10008.1.2.4.{p}", "JPEG Hierarchical (retired)");
        Encapsulated("1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])");
        Encapsulated("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless Image Compression");
        Encapsulated("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless) Image Compression");
        Encapsulated("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)");
        Encapsulated("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression");
        Encapsulated("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)");
        Encapsulated("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component Image Compression");
        Encapsulated("1.2.840.10008.1.2.4.94", "JPIP Referenced");
        Encapsulated("1.2.840.10008.1.2.4.95", "JPIP Referenced Deflate");
        Encapsulated("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level");
        Encapsulated("1.2.840.10008.1.2.4.101", "MPEG2 Main Profile / High Level");
        Encapsulated("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1");
        Encapsulated("1.2.840.10008.1.2.4.103", "MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1");
        Encapsulated("1.2.840.10008.1.2.4.104", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video");
        Encapsulated("1.2.840.10008.1.2.4.105", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video");
        Encapsulated("1.2.840.10008.1.2.4.106", "MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2");
        Encapsulated("1.2.840.10008.1.2.4.107", "HEVC/H.265 Main Profile / Level 5.1");
        Encapsulated("1.2.840.10008.1.2.4.108", "HEVC/H.265 Main 10 Profile / Level 5.1");
        Encapsulated("1.2.840.10008.1.2.4.110", "JPEG XL Lossless");
        Encapsulated("1.2.840.10008.1.2.4.111", "JPEG XL JPEG Recompression");
        Encapsulated("1.2.840.10008.1.2.4.112", "JPEG XL");
        Encapsulated("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Lossless");
        Encapsulated("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options Lossless");
        Encapsulated("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000");
        Encapsulated("1.2.840.10008.1.2.4.204", "JPIP HTJ2K Referenced");
        Encapsulated("1.2.840.10008.1.2.4.205", "JPIP HTJ2K Referenced Deflate");
        Encapsulated(RleLosslessUid, "RLE Lossless");
        Encapsulated("1.2.840.10008.1.2.6.1", "RFC 2557 MIME encapsulation (retired)");
        Encapsulated("1.2.840.10008.1.2.6.2", "XML Encoding (retired)");
        Encapsulated("1.2.840.10008.1.2.7.1", "SMPTE ST 2110-20 Uncompressed Progressive Active Video");
        Encapsulated("1.2.840.10008.1.2.7.2", "SMPTE ST 2110-20 Uncompressed Interlaced Active Video");
        Encapsulated("1.2.840.10008.1.2.7.3", "SMPTE ST 2110-30 PCM Digital Audio");
        return table;
    }
}
