namespace ChestDx.Dicom.Codecs.Jpeg;

/// <summary>
/// Checks a scan header (SOS, T.81 B.2.3) as libjpeg's get_sos does: a frame header before it, 1–4 components,
/// a length of 6 + 2 × Ns, and every component selector naming a component of the frame, each at most once. On scans
/// with no components or naming a component the frame does not have, JpegLibrary decoded for up to 1.5 s before
/// reporting "the specified component is missing" (jpeg-dct fuzz target, campaign 6). The once-only rule is
/// libjpeg-turbo's and IJG libjpeg 9's (T.81 B.2.3: the selectors follow the frame header's order); libjpeg 6b,
/// inside dcmtk, lacks it, but no encoder writes a component twice in one scan.
/// </summary>
internal static class ScanHeaderCheck
{
    /// <param name="length">The segment's length field.</param>
    /// <param name="payload">The segment after its length field (may be cut short by the end of the stream).</param>
    /// <param name="sawFrame">Whether a frame header (SOF) came before this scan.</param>
    /// <param name="frameHeader">That frame header's payload: P, Y, X, Nf, then 3 bytes per component.</param>
    /// <param name="offset">Where the SOS marker is, for the message.</param>
    public static void Check(
        int length, ReadOnlySpan<byte> payload, bool sawFrame, ReadOnlySpan<byte> frameHeader, int offset)
    {
        if (!sawFrame) throw Error(offset, "comes before any frame header (SOF)");
        if (payload.Length < 1) return; // cut short by the end of the stream: JpegLibrary reports it
        int ns = payload[0];
        if (ns is < 1 or > 4) throw Error(offset, $"has {ns} components (T.81 B.2.3 allows 1–4)");
        if (length != 6 + 2 * ns)
            throw Error(offset, $"is {length} bytes long; with {ns} components it must be {6 + 2 * ns}");
        for (int j = 0; j < ns && 1 + 2 * j < payload.Length; j++)
        {
            byte selector = payload[1 + 2 * j];
            if (!FrameHasComponent(frameHeader, selector))
                throw Error(offset, $"selects component {selector}, which the frame header does not define");
            for (int k = 0; k < j; k++)
            {
                if (payload[1 + 2 * k] == selector) throw Error(offset, $"selects component {selector} twice");
            }
        }
    }

    private static bool FrameHasComponent(ReadOnlySpan<byte> frameHeader, byte id)
    {
        if (frameHeader.Length < 6) return true; // a truncated SOF: Identify has already reported it
        int nf = frameHeader[5];
        for (int c = 0; c < nf && 6 + 3 * c < frameHeader.Length; c++)
        {
            if (frameHeader[6 + 3 * c] == id) return true;
        }
        return false;
    }

    private static DicomException Error(int offset, string problem) =>
        new($"JPEG codestream: scan header (SOS) at byte {offset} {problem}") { Offset = offset };
}
