namespace ChestDx.Dicom.Codecs;

/// <summary>
/// Where a JPEG-family codestream inside an encapsulated fragment really ends. JPEG and JPEG-LS end with EOI and
/// JPEG 2000 with EOC, all FF D9 (T.81 B.1.1.3, T.87 C.1.1, T.800 A.4.4). What follows the marker is not image data:
/// PS3.5 §A.4 pads an odd-length stream to the even item length, and writers pad with 0x00, 0xFF or other bytes
/// (real CR files from at least one vendor end FF D9 followed by a non-zero pad). dcmtk hands the whole fragment to
/// CharLS, which stops at the marker (checked: dcmdjpls 3.6.7 and CharLS 2.4.1 decode a stream followed by a 00, FF,
/// 20 or D9 pad byte); so ChestDx ignores whatever follows the last FF D9.
/// </summary>
internal static class CodestreamEnd
{
    private static ReadOnlySpan<byte> EndMarker => [0xFF, 0xD9];

    /// <summary>
    /// The length of <paramref name="compressed"/> up to and including its last FF D9, or −1 when it has none (the
    /// stream was cut before its end marker). FF D9 cannot occur inside JPEG-LS or JPEG 2000 entropy-coded data,
    /// whose bit stuffing keeps the byte after an FF below 0x80 or 0x90 (T.87 A.1, T.800 B.10.1), nor inside
    /// Huffman-coded JPEG data (T.81 B.1.1.5: FF 00 stuffing); it can occur inside a marker segment's payload
    /// (a COM text, an embedded thumbnail), so a stream cut in its scan after such a segment is still found by the
    /// codec, only later.
    /// </summary>
    public static int LengthThroughEndMarker(ReadOnlySpan<byte> compressed)
    {
        int at = compressed.LastIndexOf(EndMarker);
        return at < 0 ? -1 : at + 2;
    }
}
