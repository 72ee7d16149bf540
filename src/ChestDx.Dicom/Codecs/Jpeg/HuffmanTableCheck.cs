namespace ChestDx.Dicom.Codecs.Jpeg;

/// <summary>
/// Checks a DHT segment of a DCT codestream before JpegLibrary sees it (called by <see cref="MarkerSegmentCheck"/>):
/// on a table whose code lengths ask for more codes than fit (T.81 Annex C.2), JpegLibrary spent seconds of CPU on a
/// 300-byte frame before failing (found by the jpeg-dct fuzz target). The rules are the ones libjpeg 6b's
/// jpeg_make_d_derived_tbl and get_dht apply, so no stream libjpeg (and so dcmtk) decodes is refused: class 0–1,
/// destination 0–3, at most 256 values, the segment long enough for them, and for each length L the codes assigned
/// so far fit in L bits.
/// </summary>
internal static class HuffmanTableCheck
{
    /// <summary>Checks one DHT segment's payload (after its length); the segment's marker is at byte
    /// <paramref name="offset"/>.</summary>
    public static void Check(ReadOnlySpan<byte> segment, int offset)
    {
        int j = 0;
        while (j < segment.Length)
        {
            if (j + 17 > segment.Length) throw Error(offset, "ends inside a table's 16 code counts");
            int tableClass = segment[j] >> 4, destination = segment[j] & 15;
            if (tableClass > 1 || destination > 3)
                throw Error(offset,
                    $"has table class {tableClass}, destination {destination} (T.81 B.2.4.2 allows 0–1 and 0–3)");
            ReadOnlySpan<byte> counts = segment.Slice(j + 1, 16);
            int total = 0;
            long code = 0;
            for (int length = 1; length <= 16; length++)
            {
                total += counts[length - 1];
                code += counts[length - 1];
                if (code > 1L << length)
                    throw Error(offset, $"has more codes of length {length} than fit in {length} bits (T.81 C.2)");
                code <<= 1;
            }
            if (total > 256) throw Error(offset, $"has {total} values (at most 256)");
            j += 17 + total;
            if (j > segment.Length) throw Error(offset, $"is shorter than the {total} values its counts declare");
        }
    }

    private static DicomException Error(int offset, string problem) =>
        new($"JPEG codestream: Huffman table (DHT) at byte {offset} {problem}") { Offset = offset };
}
