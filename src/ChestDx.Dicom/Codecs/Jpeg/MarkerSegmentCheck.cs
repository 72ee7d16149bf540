using System.Buffers.Binary;

namespace ChestDx.Dicom.Codecs.Jpeg;

/// <summary>
/// Walks the marker segments of a DCT codestream before JpegLibrary decodes it and refuses, in microseconds, the
/// segments libjpeg refuses but on which JpegLibrary spent seconds of CPU before failing (found by the jpeg-dct fuzz
/// target, tests/fuzz/README.md): DHT tables (<see cref="HuffmanTableCheck"/>, libjpeg 6b's rules) and scan headers
/// (<see cref="ScanHeaderCheck"/>, libjpeg-turbo's). Nothing libjpeg-turbo decodes is refused.
/// </summary>
internal static class MarkerSegmentCheck
{
    public static void ThrowIfInvalid(ReadOnlySpan<byte> stream)
    {
        ReadOnlySpan<byte> frameHeader = default;
        bool sawFrame = false;
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
            int markerOffset = i - 2;
            ReadOnlySpan<byte> payload = stream.Slice(i + 2, Math.Min(length - 2, stream.Length - i - 2));
            if (marker == 0xC4) HuffmanTableCheck.Check(payload, markerOffset);
            else if (IsFrameHeader(marker) && !sawFrame)
            {
                // The first SOF is the one Identify read and JpegDctDecoder checked; a second one is refused while
                // decoding (SingleFrameJpegDecoder).
                frameHeader = payload;
                sawFrame = true;
            }
            else if (marker == 0xDA) ScanHeaderCheck.Check(length, payload, sawFrame, frameHeader, markerOffset);
            i += length; // after SOS, the entropy-coded data is skipped by the FF search above (its FFs are stuffed)
        }
    }

    /// <summary>SOF0–3, 5–7, 9–11, 13–15 (T.81 Table B.1); C4 is DHT, C8 JPG, CC DAC.</summary>
    private static bool IsFrameHeader(byte marker) =>
        marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC);
}
