using System.Buffers.Binary;
using System.Runtime.InteropServices;
using ChestDx.Dicom.Codecs;

namespace ChestDx.Dicom.Pixels;

/// <summary>
/// Raw stored words → sample values (PS3.5 §8.1.1, PS3.3 C.7.6.3.1): shift so High Bit is the top stored bit, mask
/// to Bits Stored (bits above are overlays or garbage: dcmtk masks, pydicom 2.3 does not), sign-extend from bit
/// Bits Stored − 1 when Pixel Representation is 1; colour-by-plane and 4:2:2 subsampled YBR become full-resolution
/// colour-by-pixel. The container, Bits Stored, sign, planar and subsampled layout are the raw frame's
/// (<see cref="DicomPixelData.RawFormat"/>: the data set's for native data, the codec's statement after decoding);
/// dimensions and High Bit are the data set's.
/// </summary>
internal static class SampleInterpreter
{
    public static int[] Interpret(ReadOnlySpan<byte> raw, PixelLayout layout, RawFrameFormat format, string? path)
    {
        int bitsStored = format.BitsStored;
        bool signed = format.IsSigned;
        if (format.BitsAllocated == 32 && bitsStored == 32 && !signed)
            DicomThrowHelper.Throw(path,
                "32-bit unsigned samples do not fit the 32-bit signed sample values; use the raw frame",
                Data.DicomTags.BitsStored);

        // Codecs state full-resolution colour-by-pixel output; only native frames may be subsampled or by plane.
        bool subsampled = format.IsChromaSubsampled;
        int count = checked((int)(subsampled
            ? layout.SamplesPerFrame
            : (long)layout.Rows * layout.Columns * layout.SamplesPerPixel));
        int[] values = GC.AllocateUninitializedArray<int>(count);
        int shift = layout.HighBit + 1 - bitsStored;
        // Masking and sign extension in one step: move the stored bits to the top of an int, shift back
        // arithmetically (signed) or logically (unsigned).
        int up = 32 - bitsStored;
        switch (format.BitsAllocated)
        {
            case 1:
                // A signed 1-bit sample is two's complement like every other width: a set bit is −1 (dcmtk 3.6.7
                // renders it so; tests/data/fuzz-regressions/part10). Unsigned, it is 1.
                if (signed) for (int i = 0; i < count; i++) values[i] = -((raw[i >> 3] >> (i & 7)) & 1);
                else for (int i = 0; i < count; i++) values[i] = (raw[i >> 3] >> (i & 7)) & 1;
                break;
            case 8:
                if (signed) for (int i = 0; i < count; i++) values[i] = ((raw[i] >> shift) << up) >> up;
                else for (int i = 0; i < count; i++) values[i] = (int)((uint)((raw[i] >> shift) << up) >> up);
                break;
            case 12:
                // Container i is bits 12i..12i+11 (PixelLayout.IsPacked12): two bytes always hold it,
                // shifted by 0 or 4.
                for (int i = 0; i < count; i++)
                {
                    long bit = i * 12L;
                    int at = (int)(bit >> 3);
                    int word = ((raw[at] | raw[at + 1] << 8) >> (int)(bit & 7)) & 0xFFF;
                    values[i] = signed ? ((word >> shift) << up) >> up : (int)((uint)((word >> shift) << up) >> up);
                }
                break;
            case 16:
                ReadOnlySpan<ushort> words = BitConverter.IsLittleEndian
                    ? MemoryMarshal.Cast<byte, ushort>(raw)[..count]
                    : SwapToHost16(raw, count);
                if (signed) for (int i = 0; i < count; i++) values[i] = ((words[i] >> shift) << up) >> up;
                else for (int i = 0; i < count; i++) values[i] = (int)((uint)((words[i] >> shift) << up) >> up);
                break;
            default:
                for (int i = 0; i < count; i++)
                {
                    uint w = BinaryPrimitives.ReadUInt32LittleEndian(raw[(i * 4)..]) >> shift;
                    values[i] = up == 0 ? (int)w : signed ? (int)(w << up) >> up : (int)((w << up) >> up);
                }
                break;
        }

        if (subsampled) return Upsample422(values, layout);
        if (layout.SamplesPerPixel > 1 && format.PlanarConfiguration == 1)
            return PlanarToInterleaved(values, layout.SamplesPerPixel);
        return values;
    }

    private static ushort[] SwapToHost16(ReadOnlySpan<byte> raw, int count)
    {
        var words = new ushort[count];
        for (int i = 0; i < count; i++) words[i] = BinaryPrimitives.ReadUInt16LittleEndian(raw[(i * 2)..]);
        return words;
    }

    private static int[] PlanarToInterleaved(int[] planar, int samples)
    {
        int pixels = planar.Length / samples;
        var result = new int[planar.Length];
        for (int s = 0; s < samples; s++)
            for (int p = 0; p < pixels; p++)
                result[p * samples + s] = planar[s * pixels + p];
        return result;
    }

    /// <summary>PS3.3 C.7.6.3.1.2: YBR_*_422 stores Y1 Y2 Cb Cr for each horizontal pixel pair.</summary>
    private static int[] Upsample422(int[] packed, PixelLayout layout)
    {
        long pixels = (long)layout.Rows * layout.Columns;
        var result = new int[pixels * 3];
        for (long pair = 0; pair < pixels / 2; pair++)
        {
            long i = pair * 4, o = pair * 6;
            int cb = packed[i + 2], cr = packed[i + 3];
            result[o] = packed[i]; result[o + 1] = cb; result[o + 2] = cr;
            result[o + 3] = packed[i + 1]; result[o + 4] = cb; result[o + 5] = cr;
        }
        return result;
    }
}
