using System.Buffers.Binary;
using ChestDx.Dicom.Codecs;

namespace ChestDx.Fuzz.Targets;

/// <summary>
/// A codec fuzz input: a 6-byte prefix standing for what the data set says about the frame, then the codestream.
/// <code>
/// byte 0  bits 0–1 Bits Allocated (8, 16, 32, 12)   bit 2 Pixel Representation
///         bits 3–4 photometric (MONOCHROME2, MONOCHROME1, RGB, YBR_FULL; 1 or 3 samples)
///         bit 5 Planar Configuration          bit 6 YBR_FULL_422 instead of YBR_FULL
/// byte 1  Bits Stored (0 or more than Bits Allocated: Bits Allocated)
/// bytes 2–3 Rows, 4–5 Columns (little endian); 0 means "as the codestream's JPEG SOF says" (1 if it has none)
/// </code>
/// The codecs are called with every combination a data set could declare, so the checks of the codestream against
/// the data set are fuzzed too. <see cref="Encode"/> makes the prefix for a seed.
/// </summary>
public sealed record CodecInput(FrameInfo Frame, ReadOnlyMemory<byte> Codestream)
{
    public const int PrefixLength = 6;

    /// <summary>Frames above this many bytes are skipped: the fuzzer should not spend its time in allocation.</summary>
    public const long MaxFrameBytes = 1 << 24;

    private static readonly int[] BitsAllocatedChoice = [8, 16, 32, 12];
    private static readonly (string Name, int Samples)[] PhotometricChoice =
        [("MONOCHROME2", 1), ("MONOCHROME1", 1), ("RGB", 3), ("YBR_FULL", 3)];

    /// <summary>
    /// The frame the prefix declares, or null when the input is too short or the frame over
    /// <see cref="MaxFrameBytes"/>.
    /// </summary>
    public static CodecInput? Parse(ReadOnlyMemory<byte> input)
    {
        if (input.Length < PrefixLength) return null;
        ReadOnlySpan<byte> p = input.Span;
        ReadOnlyMemory<byte> codestream = input[PrefixLength..];
        int bitsAllocated = BitsAllocatedChoice[p[0] & 3];
        int bitsStored = p[1] is 0 || p[1] > bitsAllocated ? bitsAllocated : p[1];
        (string photometric, int samples) = PhotometricChoice[(p[0] >> 3) & 3];
        if (photometric == "YBR_FULL" && (p[0] & 0x40) != 0) photometric = "YBR_FULL_422";
        int rows = BinaryPrimitives.ReadUInt16LittleEndian(p[2..]);
        int columns = BinaryPrimitives.ReadUInt16LittleEndian(p[4..]);
        if (rows == 0 || columns == 0)
        {
            (int sofRows, int sofColumns) = SofDimensions(codestream.Span);
            if (rows == 0) rows = Math.Max(1, sofRows);
            if (columns == 0) columns = Math.Max(1, sofColumns);
        }
        var frame = new FrameInfo(rows, columns, samples, bitsAllocated, bitsStored, (p[0] >> 2) & 1, photometric,
            (p[0] >> 5) & 1);
        long bytes = (long)rows * columns * samples * Math.Max(1, bitsAllocated / 8);
        return bytes > MaxFrameBytes ? null : new CodecInput(frame, codestream);
    }

    /// <summary>The prefix for a frame (the inverse of <see cref="Parse"/>; rows/columns 0 = from the SOF).</summary>
    public static byte[] Encode(FrameInfo frame, bool dimensionsFromSof)
    {
        ArgumentNullException.ThrowIfNull(frame);
        int ba = Array.IndexOf(BitsAllocatedChoice, frame.BitsAllocated);
        bool ybr422 = frame.PhotometricInterpretation == "YBR_FULL_422";
        string photometric = ybr422 ? "YBR_FULL" : frame.PhotometricInterpretation;
        int pi = Array.FindIndex(PhotometricChoice, c => c.Name == photometric && c.Samples == frame.SamplesPerPixel);
        if (ba < 0 || pi < 0 || frame.BitsStored is < 1 or > 32
            || frame.Rows > ushort.MaxValue || frame.Columns > ushort.MaxValue)
        {
            throw new ArgumentException($"frame {frame} has no fuzz prefix encoding", nameof(frame));
        }
        byte[] prefix = new byte[PrefixLength];
        prefix[0] = (byte)(ba | frame.PixelRepresentation << 2 | pi << 3 | frame.PlanarConfiguration << 5
            | (ybr422 ? 0x40 : 0));
        prefix[1] = (byte)frame.BitsStored;
        if (!dimensionsFromSof)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(prefix.AsSpan(2), (ushort)frame.Rows);
            BinaryPrimitives.WriteUInt16LittleEndian(prefix.AsSpan(4), (ushort)frame.Columns);
        }
        return prefix;
    }

    /// <summary>Height and width from the first JPEG start-of-frame marker (T.81 B.2.2), or (0, 0).</summary>
    private static (int Rows, int Columns) SofDimensions(ReadOnlySpan<byte> s)
    {
        for (int i = 0; i + 8 < s.Length; i++)
        {
            // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
            if (s[i] == 0xFF && s[i + 1] is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return (BinaryPrimitives.ReadUInt16BigEndian(s[(i + 5)..]),
                    BinaryPrimitives.ReadUInt16BigEndian(s[(i + 7)..]));
            }
        }
        return (0, 0);
    }
}
