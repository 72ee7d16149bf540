namespace ChestDx.Dicom.Data;

// The registry: every transfer syntax of PS3.6 Table A-1 (2024), one member each, in UID order. Retired JPEG
// processes are listed so their names appear in errors. IsLossy follows PS3.5 §8.2 (lossy-or-lossless syntaxes
// count as lossy); Codec names the decoder in Codecs/ (FrameDecoders.Default holds them).
public sealed partial record TransferSyntax
{
    public static readonly TransferSyntax ImplicitVRLittleEndian =
        Native("1.2.840.10008.1.2", "Implicit VR Little Endian", explicitVR: false);
    public static readonly TransferSyntax ExplicitVRLittleEndian =
        Native("1.2.840.10008.1.2.1", "Explicit VR Little Endian");
    public static readonly TransferSyntax EncapsulatedUncompressedExplicitVRLittleEndian =
        Encapsulated("1.2.840.10008.1.2.1.98", "Encapsulated Uncompressed Explicit VR Little Endian");
    public static readonly TransferSyntax DeflatedExplicitVRLittleEndian =
        Native("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", deflated: true);
    public static readonly TransferSyntax ExplicitVRBigEndian =
        Native("1.2.840.10008.1.2.2", "Explicit VR Big Endian (retired)", bigEndian: true, retired: true);
    public static readonly TransferSyntax JpegBaseline =
        Encapsulated("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", lossy: true, codec: PixelCodec.JpegDct);
    public static readonly TransferSyntax JpegExtended = Encapsulated(
        "1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 and 4)",
        lossy: true, codec: PixelCodec.JpegDct);
    public static readonly TransferSyntax JpegExtended35 =
        Encapsulated("1.2.840.10008.1.2.4.52", "JPEG Extended (Process 3 and 5) (retired)", lossy: true, retired: true);
    public static readonly TransferSyntax JpegSpectralSelection68 = Encapsulated(
        "1.2.840.10008.1.2.4.53", "JPEG Spectral Selection, Non-Hierarchical (Process 6 and 8) (retired)",
        lossy: true, retired: true);
    public static readonly TransferSyntax JpegSpectralSelection79 = Encapsulated(
        "1.2.840.10008.1.2.4.54", "JPEG Spectral Selection, Non-Hierarchical (Process 7 and 9) (retired)",
        lossy: true, retired: true);
    public static readonly TransferSyntax JpegFullProgression1012 = Encapsulated(
        "1.2.840.10008.1.2.4.55", "JPEG Full Progression, Non-Hierarchical (Process 10 and 12) (retired)",
        lossy: true, retired: true, codec: PixelCodec.JpegDct);
    public static readonly TransferSyntax JpegFullProgression1113 = Encapsulated(
        "1.2.840.10008.1.2.4.56", "JPEG Full Progression, Non-Hierarchical (Process 11 and 13) (retired)",
        lossy: true, retired: true);
    public static readonly TransferSyntax JpegLosslessProcess14 = Encapsulated(
        "1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)",
        codec: PixelCodec.JpegLossless);
    public static readonly TransferSyntax JpegLosslessProcess15 =
        Encapsulated("1.2.840.10008.1.2.4.58", "JPEG Lossless, Non-Hierarchical (Process 15) (retired)", retired: true);
    public static readonly TransferSyntax JpegExtendedHierarchical1618 =
        Encapsulated("1.2.840.10008.1.2.4.59", "JPEG Hierarchical (retired)", lossy: true, retired: true);
    public static readonly TransferSyntax JpegExtendedHierarchical1719 =
        Encapsulated("1.2.840.10008.1.2.4.60", "JPEG Hierarchical (retired)", lossy: true, retired: true);
    public static readonly TransferSyntax JpegSpectralSelectionHierarchical2022 =
        Encapsulated("1.2.840.10008.1.2.4.61", "JPEG Hierarchical (retired)", lossy: true, retired: true);
    public static readonly TransferSyntax JpegSpectralSelectionHierarchical2123 =
        Encapsulated("1.2.840.10008.1.2.4.62", "JPEG Hierarchical (retired)", lossy: true, retired: true);
    public static readonly TransferSyntax JpegFullProgressionHierarchical2426 =
        Encapsulated("1.2.840.10008.1.2.4.63", "JPEG Hierarchical (retired)", lossy: true, retired: true);
    public static readonly TransferSyntax JpegFullProgressionHierarchical2527 =
        Encapsulated("1.2.840.10008.1.2.4.64", "JPEG Hierarchical (retired)", lossy: true, retired: true);
    public static readonly TransferSyntax JpegLosslessHierarchical28 =
        Encapsulated("1.2.840.10008.1.2.4.65", "JPEG Hierarchical (retired)", retired: true);
    public static readonly TransferSyntax JpegLosslessHierarchical29 =
        Encapsulated("1.2.840.10008.1.2.4.66", "JPEG Hierarchical (retired)", retired: true);
    public static readonly TransferSyntax JpegLosslessSelectionValue1 = Encapsulated(
        "1.2.840.10008.1.2.4.70",
        "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])",
        codec: PixelCodec.JpegLossless);
    public static readonly TransferSyntax JpegLsLossless =
        Encapsulated("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless Image Compression", codec: PixelCodec.JpegLs);
    public static readonly TransferSyntax JpegLsNearLossless = Encapsulated(
        "1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless) Image Compression",
        lossy: true, codec: PixelCodec.JpegLs);
    public static readonly TransferSyntax Jpeg2000Lossless = Encapsulated(
        "1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)",
        codec: PixelCodec.Jpeg2000);
    public static readonly TransferSyntax Jpeg2000 =
        Encapsulated("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression", lossy: true, codec: PixelCodec.Jpeg2000);
    public static readonly TransferSyntax Jpeg2000Part2MultiComponentLossless =
        Encapsulated("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)");
    public static readonly TransferSyntax Jpeg2000Part2MultiComponent =
        Encapsulated("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component Image Compression", lossy: true);
    public static readonly TransferSyntax JpipReferenced = Encapsulated("1.2.840.10008.1.2.4.94", "JPIP Referenced");
    public static readonly TransferSyntax JpipReferencedDeflate =
        Encapsulated("1.2.840.10008.1.2.4.95", "JPIP Referenced Deflate");
    public static readonly TransferSyntax Mpeg2MainProfileMainLevel =
        Encapsulated("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level", lossy: true);
    public static readonly TransferSyntax Mpeg2MainProfileHighLevel =
        Encapsulated("1.2.840.10008.1.2.4.101", "MPEG2 Main Profile / High Level", lossy: true);
    public static readonly TransferSyntax Mpeg4HighProfileLevel41 =
        Encapsulated("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1", lossy: true);
    public static readonly TransferSyntax Mpeg4BdCompatibleHighProfileLevel41 =
        Encapsulated("1.2.840.10008.1.2.4.103", "MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1", lossy: true);
    public static readonly TransferSyntax Mpeg4HighProfileLevel42For2DVideo =
        Encapsulated("1.2.840.10008.1.2.4.104", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video", lossy: true);
    public static readonly TransferSyntax Mpeg4HighProfileLevel42For3DVideo =
        Encapsulated("1.2.840.10008.1.2.4.105", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video", lossy: true);
    public static readonly TransferSyntax Mpeg4StereoHighProfileLevel42 =
        Encapsulated("1.2.840.10008.1.2.4.106", "MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2", lossy: true);
    public static readonly TransferSyntax HevcMainProfileLevel51 =
        Encapsulated("1.2.840.10008.1.2.4.107", "HEVC/H.265 Main Profile / Level 5.1", lossy: true);
    public static readonly TransferSyntax HevcMain10ProfileLevel51 =
        Encapsulated("1.2.840.10008.1.2.4.108", "HEVC/H.265 Main 10 Profile / Level 5.1", lossy: true);
    public static readonly TransferSyntax JpegXlLossless = Encapsulated("1.2.840.10008.1.2.4.110", "JPEG XL Lossless");
    public static readonly TransferSyntax JpegXlJpegRecompression =
        Encapsulated("1.2.840.10008.1.2.4.111", "JPEG XL JPEG Recompression", lossy: true);
    public static readonly TransferSyntax JpegXl = Encapsulated("1.2.840.10008.1.2.4.112", "JPEG XL", lossy: true);
    public static readonly TransferSyntax HighThroughputJpeg2000Lossless =
        Encapsulated("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Lossless");
    public static readonly TransferSyntax HighThroughputJpeg2000RpclLossless =
        Encapsulated("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options Lossless");
    public static readonly TransferSyntax HighThroughputJpeg2000 =
        Encapsulated("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000", lossy: true);
    public static readonly TransferSyntax JpipHtj2kReferenced =
        Encapsulated("1.2.840.10008.1.2.4.204", "JPIP HTJ2K Referenced");
    public static readonly TransferSyntax JpipHtj2kReferencedDeflate =
        Encapsulated("1.2.840.10008.1.2.4.205", "JPIP HTJ2K Referenced Deflate");
    public static readonly TransferSyntax RleLossless =
        Encapsulated("1.2.840.10008.1.2.5", "RLE Lossless", codec: PixelCodec.Rle);
    public static readonly TransferSyntax Rfc2557MimeEncapsulation =
        Encapsulated("1.2.840.10008.1.2.6.1", "RFC 2557 MIME encapsulation (retired)", retired: true);
    public static readonly TransferSyntax XmlEncoding =
        Encapsulated("1.2.840.10008.1.2.6.2", "XML Encoding (retired)", retired: true);
    public static readonly TransferSyntax Smpte2110Dash20ProgressiveVideo =
        Encapsulated("1.2.840.10008.1.2.7.1", "SMPTE ST 2110-20 Uncompressed Progressive Active Video");
    public static readonly TransferSyntax Smpte2110Dash20InterlacedVideo =
        Encapsulated("1.2.840.10008.1.2.7.2", "SMPTE ST 2110-20 Uncompressed Interlaced Active Video");
    public static readonly TransferSyntax Smpte2110Dash30PcmAudio =
        Encapsulated("1.2.840.10008.1.2.7.3", "SMPTE ST 2110-30 PCM Digital Audio");

    // Declared after the members above: static fields initialise in textual order within this file.
    /// <summary>Every registered syntax, in UID order.</summary>
    public static IReadOnlyList<TransferSyntax> All { get; } =
    [
        ImplicitVRLittleEndian,
        ExplicitVRLittleEndian,
        EncapsulatedUncompressedExplicitVRLittleEndian,
        DeflatedExplicitVRLittleEndian,
        ExplicitVRBigEndian,
        JpegBaseline,
        JpegExtended,
        JpegExtended35,
        JpegSpectralSelection68,
        JpegSpectralSelection79,
        JpegFullProgression1012,
        JpegFullProgression1113,
        JpegLosslessProcess14,
        JpegLosslessProcess15,
        JpegExtendedHierarchical1618,
        JpegExtendedHierarchical1719,
        JpegSpectralSelectionHierarchical2022,
        JpegSpectralSelectionHierarchical2123,
        JpegFullProgressionHierarchical2426,
        JpegFullProgressionHierarchical2527,
        JpegLosslessHierarchical28,
        JpegLosslessHierarchical29,
        JpegLosslessSelectionValue1,
        JpegLsLossless,
        JpegLsNearLossless,
        Jpeg2000Lossless,
        Jpeg2000,
        Jpeg2000Part2MultiComponentLossless,
        Jpeg2000Part2MultiComponent,
        JpipReferenced,
        JpipReferencedDeflate,
        Mpeg2MainProfileMainLevel,
        Mpeg2MainProfileHighLevel,
        Mpeg4HighProfileLevel41,
        Mpeg4BdCompatibleHighProfileLevel41,
        Mpeg4HighProfileLevel42For2DVideo,
        Mpeg4HighProfileLevel42For3DVideo,
        Mpeg4StereoHighProfileLevel42,
        HevcMainProfileLevel51,
        HevcMain10ProfileLevel51,
        JpegXlLossless,
        JpegXlJpegRecompression,
        JpegXl,
        HighThroughputJpeg2000Lossless,
        HighThroughputJpeg2000RpclLossless,
        HighThroughputJpeg2000,
        JpipHtj2kReferenced,
        JpipHtj2kReferencedDeflate,
        RleLossless,
        Rfc2557MimeEncapsulation,
        XmlEncoding,
        Smpte2110Dash20ProgressiveVideo,
        Smpte2110Dash20InterlacedVideo,
        Smpte2110Dash30PcmAudio,
    ];

    private static readonly Dictionary<string, TransferSyntax> ByUid =
        All.ToDictionary(ts => ts.Uid, StringComparer.Ordinal);
}
