using System.Buffers.Binary;

namespace ChestDx.Dicom.Codecs.Jpeg;

/// <summary>
/// Checks every DHT segment of a DCT codestream before JpegLibrary sees it: on a table whose code lengths ask for more
/// codes than fit (T.81 Annex C.2), JpegLibrary spent seconds of CPU on a 300-byte frame before failing (found by
/// the jpeg-dct fuzz target). The rules are the ones libjpeg 6b's jpeg_make_d_derived_tbl and get_dht apply, so no
/// stream libjpeg (and so dcmtk) decodes is refused: class 0–1, destination 0–3, at most 256 values, the segment
/// long enough for them, and for each length L the codes assigned so far fit in L bits.
/// </summary>
internal static class HuffmanTableCheck
{
    public static void ThrowIfInvalid(ReadOnlySpan<byte> stream)
    {
        int i = 2; // after SOI
        while (i + 1 < stream.Length)
        {
            // A marker is FF (fill FFs allowed, B.1.1.2) then a non-zero, non-FF code; anything else between
            // segments is skipped.
            if (stream[i] != 0xFF) { i++; continue; }
            byte marker = stream[i + 1];
            if (marker == 0xFF) { i++; continue; }
            i += 2;
            // No length: stuffed byte, TEM, SOI, EOI, RSTm.
            if (marker is 0x00 or 0x01 or 0xD8 or 0xD9 or (>= 0xD0 and <= 0xD7)) continue;
            if (i + 2 > stream.Length) return;
            int length = BinaryPrimitives.ReadUInt16BigEndian(stream[i..]);
            if (length < 2) return; // JpegLibrary reports the broken segment itself
            if (marker == 0xC4) CheckDht(stream.Slice(i + 2, Math.Min(length - 2, stream.Length - i - 2)), i - 2);
            i += length; // after SOS, the entropy-coded data is skipped by the FF search above (its FFs are stuffed)
        }
    }

    private static void CheckDht(ReadOnlySpan<byte> segment, int offset)
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
