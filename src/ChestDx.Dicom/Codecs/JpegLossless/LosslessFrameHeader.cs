using System.Buffers.Binary;

namespace ChestDx.Dicom.Codecs.JpegLossless;

/// <summary>One component of the frame header: identifier Ci and sampling factors Hi, Vi (T.81 B.2.2).</summary>
internal readonly record struct FrameComponent(byte Id, int HorizontalSampling, int VerticalSampling);

/// <summary>
/// The SOF3 frame header (T.81 B.2.2, Figure B.3): sample precision P (2..16 for lossless, Table B.2), number of
/// lines Y (0 = defined later by a DNL marker, B.2.5), samples per line X and the Nf components.
/// </summary>
internal sealed class LosslessFrameHeader
{
    public required int Precision { get; init; }
    public required int Lines { get; set; }
    public required int SamplesPerLine { get; init; }
    public required FrameComponent[] Components { get; init; }

    /// <summary>
    /// Parses the segment body (after the two length bytes) that starts at <paramref name="offset"/>.
    /// </summary>
    public static LosslessFrameHeader Parse(ReadOnlySpan<byte> body, int offset)
    {
        if (body.Length < 6) JpegLosslessErrors.Corrupt("SOF3 segment shorter than its fixed fields", offset);
        int precision = body[0];
        int lines = BinaryPrimitives.ReadUInt16BigEndian(body[1..]);
        int samplesPerLine = BinaryPrimitives.ReadUInt16BigEndian(body[3..]);
        int count = body[5];
        if (precision is < 2 or > 16)
        {
            JpegLosslessErrors.Corrupt(
                $"sample precision P = {precision}, lossless allows 2..16 (T.81 Table B.2)", offset);
        }
        if (samplesPerLine == 0) JpegLosslessErrors.Corrupt("frame has 0 samples per line", offset);
        if (count == 0) JpegLosslessErrors.Corrupt("frame has no components", offset);
        if (body.Length < 6 + 3 * count)
            JpegLosslessErrors.Corrupt($"SOF3 segment too short for {count} components", offset);

        var components = new FrameComponent[count];
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> c = body.Slice(6 + 3 * i, 3);
            int h = c[1] >> 4, v = c[1] & 0x0F;
            if (h is < 1 or > 4 || v is < 1 or > 4)
                JpegLosslessErrors.Corrupt($"component {c[0]} has sampling factors {h}x{v}, T.81 allows 1..4", offset);
            for (int j = 0; j < i; j++)
            {
                if (components[j].Id == c[0])
                    JpegLosslessErrors.Corrupt($"component identifier {c[0]} appears twice in SOF3", offset);
            }
            components[i] = new FrameComponent(c[0], h, v);
        }
        return new LosslessFrameHeader
        {
            Precision = precision, Lines = lines, SamplesPerLine = samplesPerLine, Components = components,
        };
    }

    public int IndexOf(byte componentId)
    {
        for (int i = 0; i < Components.Length; i++)
        {
            if (Components[i].Id == componentId) return i;
        }
        return -1;
    }
}
