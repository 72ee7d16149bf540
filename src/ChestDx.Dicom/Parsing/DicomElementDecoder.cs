using System.Buffers.Binary;
using ChestDx.Dicom.Data;

namespace ChestDx.Dicom.Parsing;

/// <summary>
/// Stateless decoding of element headers from a span, the first layer of the reader (after System.Formats.Asn1's
/// AsnDecoder). It never throws for bad input: it reports a <see cref="HeaderStatus"/> and the reader decides,
/// according to its strictness, what that means.
/// </summary>
public static class DicomElementDecoder
{
    /// <summary>Item (FFFE,E000), PS3.5 §7.5.1.</summary>
    public static readonly DicomTag Item = new(0xFFFE, 0xE000);

    /// <summary>Item Delimitation Item (FFFE,E00D), PS3.5 §7.5.2.</summary>
    public static readonly DicomTag ItemDelimiter = new(0xFFFE, 0xE00D);

    /// <summary>Sequence Delimitation Item (FFFE,E0DD), PS3.5 §7.5.2.</summary>
    public static readonly DicomTag SequenceDelimiter = new(0xFFFE, 0xE0DD);

    /// <summary>
    /// Decodes the element header at the start of <paramref name="source"/> in <paramref name="encoding"/>.
    /// </summary>
    public static HeaderStatus TryReadHeader(ReadOnlySpan<byte> source, DicomEncoding encoding,
        out ElementHeader header)
    {
        header = default;
        // PS3.5 §7.1.1: every header starts with the tag, group then element, each in the syntax's byte order.
        if (source.Length < 8) return HeaderStatus.NeedMoreData;
        var tag = new DicomTag(ReadUInt16(source, encoding.BigEndian), ReadUInt16(source[2..], encoding.BigEndian));

        // PS3.5 §7.5: items and delimiters are a tag and a 32-bit length, with no VR, in every transfer syntax.
        if (tag.Group == 0xFFFE)
        {
            header = new ElementHeader(tag, DicomVR.None, ReadUInt32(source[4..], encoding.BigEndian), 8);
            return HeaderStatus.Ok;
        }

        // PS3.5 §7.1.3: implicit VR is tag + 32-bit length; the VR comes from the dictionary.
        if (!encoding.ExplicitVR)
        {
            header = new ElementHeader(tag, DicomVR.None, ReadUInt32(source[4..], encoding.BigEndian), 8);
            return HeaderStatus.Ok;
        }

        var vr = new DicomVR(source[4], source[5]);
        if (!vr.LooksLikeVR) return HeaderStatus.InvalidVR;

        // PS3.5 §7.1.2 Table 7.1-1: OB OD OF OL OV OW SQ SV UC UN UR UT UV have 2 reserved bytes and a 32-bit length;
        // the other VRs a 16-bit length.
        if (vr.HasLongExplicitLength)
        {
            if (source.Length < 12) return HeaderStatus.NeedMoreData;
            header = new ElementHeader(tag, vr, ReadUInt32(source[8..], encoding.BigEndian), 12);
            return HeaderStatus.Ok;
        }
        header = new ElementHeader(tag, vr, ReadUInt16(source[6..], encoding.BigEndian), 8);
        return HeaderStatus.Ok;
    }

    /// <summary>Reads just the tag at the start of <paramref name="source"/> (at least 4 bytes).</summary>
    public static DicomTag PeekTag(ReadOnlySpan<byte> source, bool bigEndian) =>
        new(ReadUInt16(source, bigEndian), ReadUInt16(source[2..], bigEndian));

    private static ushort ReadUInt16(ReadOnlySpan<byte> s, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);

    private static uint ReadUInt32(ReadOnlySpan<byte> s, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);
}
