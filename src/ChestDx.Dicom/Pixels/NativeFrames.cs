using System.Buffers.Binary;
using System.Runtime.InteropServices;
using ChestDx.Dicom.Data;

namespace ChestDx.Dicom.Pixels;

/// <summary>
/// Cuts frame k out of native (uncompressed) Pixel Data (PS3.5 §8.1.1, §8.2): frames follow each other with no
/// padding, 1-bit frames even mid-byte; big-endian words are swapped to little endian.
/// </summary>
internal static class NativeFrames
{
    public static void Copy(DicomElement element, PixelLayout layout, int frameIndex, Span<byte> destination,
        string? path)
    {
        ReadOnlySpan<byte> data = element.Value.Span;
        if (layout.BitsAllocated is 1 or 12)
        {
            // dcmtk reads packed 12-bit OW as host-order 16-bit words; for big-endian files that would need a word
            // swap before unpacking, which no fixture here could check: refuse rather than guess.
            if (layout.IsPacked12 && element.BigEndian)
                DicomThrowHelper.Throw(path,
                    "packed 12-bit pixels (Bits Allocated 12) in a big-endian data set are not supported",
                    DicomTags.BitsAllocated);
            CopyBits(data, layout, frameIndex, destination, path, element);
            return;
        }

        long frameBytes = layout.NativeFrameBytes;
        long start = frameIndex * frameBytes;
        if (start + frameBytes > data.Length)
            Truncated(path, element, data.Length, frameIndex, start, frameBytes, layout.NumberOfFrames * frameBytes);
        ReadOnlySpan<byte> frame = data.Slice((int)start, (int)frameBytes);

        if (!element.BigEndian)
        {
            frame.CopyTo(destination);
            return;
        }
        // PS3.5 §A.3 / §7.3: in Explicit VR Big Endian an OW value is a run of big-endian 16-bit words, whatever the
        // Bits Allocated; 32-bit samples are big-endian 32-bit words. OB (8-bit) is a byte stream and not swapped.
        if (layout.BitsAllocated == 32)
        {
            BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, uint>(frame),
                MemoryMarshal.Cast<byte, uint>(destination));
        }
        else if (layout.BitsAllocated == 16)
        {
            BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ushort>(frame),
                MemoryMarshal.Cast<byte, ushort>(destination));
        }
        else if (element.VR == DicomVR.OW)
        {
            // 8-bit samples in OW: byte i of the value sits at i ^ 1 on the wire. The frame may start mid-word.
            for (int i = 0; i < frame.Length; i++)
            {
                long wire = (start + i) ^ 1;
                destination[i] = wire < data.Length ? data[(int)wire] : (byte)0;
            }
        }
        else
        {
            frame.CopyTo(destination);
        }
    }

    /// <summary>
    /// Bit-packed frames: PS3.5 §8.1.1 (Bits Allocated 1), the first pixel in the least significant bit, and
    /// ACR-NEMA packed 12-bit (<see cref="PixelLayout.IsPacked12"/>), the first container in the low 12 bits. A frame
    /// whose bit count is not a multiple of 8 ends mid-byte and the next starts there.
    /// </summary>
    private static void CopyBits(ReadOnlySpan<byte> data, PixelLayout layout, int frameIndex, Span<byte> destination,
        string? path, DicomElement element)
    {
        long bits = layout.SamplesPerFrame * layout.BitsAllocated;
        long startBit = frameIndex * bits;
        long endByte = (startBit + bits + 7) / 8;
        if (endByte > data.Length)
            Truncated(path, element, data.Length, frameIndex, startBit / 8, endByte - startBit / 8,
                (layout.NumberOfFrames * bits + 7) / 8);
        int shift = (int)(startBit % 8);
        int first = (int)(startBit / 8);
        destination.Clear();
        if (shift == 0)
        {
            data.Slice(first, destination.Length).CopyTo(destination);
        }
        else
        {
            for (int i = 0; i < destination.Length; i++)
            {
                int lo = data[first + i] >> shift;
                int hi = first + i + 1 < data.Length ? data[first + i + 1] << (8 - shift) : 0;
                destination[i] = (byte)(lo | hi);
            }
        }
        // Bits past the frame's last sample belong to the next frame: clear them.
        int tail = (int)(bits % 8);
        if (tail != 0) destination[^1] &= (byte)((1 << tail) - 1);
    }

    private static void Truncated(string? path, DicomElement element, int have, int frameIndex, long start,
        long length, long needed) =>
        DicomThrowHelper.Throw(path,
            $"Pixel Data holds {have} bytes but frame {frameIndex + 1} needs bytes {start}..{start + length}"
            + $" ({needed} for all frames): the file is truncated",
            DicomTags.PixelData, element.Offset);
}
