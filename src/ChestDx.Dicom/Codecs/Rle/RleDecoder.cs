using System.Buffers.Binary;
using ChestDx.Dicom.Data;

namespace ChestDx.Dicom.Codecs.Rle;

/// <summary>
/// RLE Lossless (<see cref="TransferSyntax.RleLossless"/>), PS3.5 Annex G. A frame is a 64-byte header (G.5:
/// segment count and up to 15 segment offsets) followed by byte segments, one per byte plane: for each sample in
/// order, its most significant byte first (G.2). Each segment is PackBits-encoded (G.3.1). Output is
/// colour-by-pixel, little endian, as the <see cref="IFrameDecoder"/> contract requires, whatever Planar
/// Configuration the data set declares (G.2 notes the decoded order is by plane; dcmtk and pydicom return it by
/// pixel too).
/// </summary>
public sealed class RleDecoder : IFrameDecoder
{
    private const int HeaderLength = 64;
    internal const int MaxSegments = 15;

    public IReadOnlyList<TransferSyntax> TransferSyntaxes { get; } = TransferSyntax.DecodedBy(PixelCodec.Rle);

    /// <summary>The data set's attributes, colour-by-pixel: RLE stores the samples themselves (G.2).</summary>
    public RawFrameFormat DecodedFormat(FrameInfo frame) => RawFrameFormat.Decoded(frame);

    public void Decode(ReadOnlySpan<byte> compressed, FrameInfo frame, Span<byte> destination)
    {
        if (frame.BitsAllocated is not (8 or 16 or 32))
            throw Error($"Bits Allocated {frame.BitsAllocated} cannot be RLE encoded (PS3.5 G.2 needs whole bytes)",
                null);
        int bytesPerSample = frame.BytesPerSample;
        int segmentCount = frame.SamplesPerPixel * bytesPerSample;
        long pixels = (long)frame.Rows * frame.Columns;
        if (destination.Length != frame.FrameLength)
            throw new ArgumentException(
                $"destination holds {destination.Length} bytes, the frame needs {frame.FrameLength}",
                nameof(destination));
        Span<int> offsets = stackalloc int[MaxSegments + 1];
        ReadHeader(compressed, frame, offsets);

        for (int segment = 0; segment < segmentCount; segment++)
        {
            int sample = segment / bytesPerSample;
            // G.2: segments go most significant byte first; the output is little endian.
            int byteInSample = bytesPerSample - 1 - segment % bytesPerSample;
            int start = sample * bytesPerSample + byteInSample;
            int stride = frame.SamplesPerPixel * bytesPerSample;
            DecodeSegment(compressed[offsets[segment]..offsets[segment + 1]], destination, start, stride, pixels,
                segment, offsets[segment]);
        }
    }

    /// <summary>
    /// Checks the 64-byte header (G.5: number of segments, then 15 offsets from the start of the header; unused
    /// offsets are 0) and fills <paramref name="offsets"/> with each segment's start and, after the last, the
    /// frame's end.
    /// </summary>
    /// <returns>The number of segments: Samples per Pixel × bytes per sample (G.2).</returns>
    internal static int ReadHeader(ReadOnlySpan<byte> compressed, FrameInfo frame, Span<int> offsets)
    {
        int segmentCount = frame.SamplesPerPixel * frame.BytesPerSample;
        if (compressed.Length < HeaderLength)
            throw Error($"RLE frame of {compressed.Length} bytes is shorter than its 64-byte header (PS3.5 G.5)", 0);
        uint declared = BinaryPrimitives.ReadUInt32LittleEndian(compressed);
        if (declared != segmentCount)
            throw Error($"RLE header declares {declared} segments; {frame.SamplesPerPixel}"
                + $" sample(s) of {frame.BitsAllocated} bits need {segmentCount} (PS3.5 G.2)", 0);
        if (segmentCount > MaxSegments)
            throw Error($"{segmentCount} segments exceed the RLE maximum of {MaxSegments}", 0);
        for (int i = 0; i < segmentCount; i++)
        {
            uint offset = BinaryPrimitives.ReadUInt32LittleEndian(compressed[(4 + 4 * i)..]);
            if (offset < HeaderLength || offset > compressed.Length || (i > 0 && offset < offsets[i - 1]))
                throw Error($"RLE segment {i} offset {offset}"
                    + $" is outside the frame ({compressed.Length} bytes) or out of order", 4 + 4 * i);
            offsets[i] = (int)offset;
        }
        offsets[segmentCount] = compressed.Length;
        return segmentCount;
    }

    /// <summary>
    /// PackBits (G.3.1): n in 0..127 copies the next n+1 bytes, n in -127..-1 repeats the next byte 1-n times,
    /// -128 is a no-op.
    /// </summary>
    private static void DecodeSegment(ReadOnlySpan<byte> src, Span<byte> dst, int start, int stride, long count,
        int segment, int segmentOffset)
    {
        long written = 0;
        int i = 0;
        int d = start;
        while (written < count)
        {
            if (i >= src.Length)
                throw Error($"RLE segment {segment} decodes to {written} bytes; the frame needs {count}",
                    segmentOffset + i);
            int n = (sbyte)src[i++];
            if (n >= 0)
            {
                int run = n + 1;
                if (i + run > src.Length)
                    throw Error($"RLE segment {segment} literal run of {run} bytes runs past the segment end",
                        segmentOffset + i - 1);
                // An encoder may pad the last run past the plane; those bytes belong to no pixel and are dropped.
                long take = Math.Min(run, count - written);
                if (stride == 1)
                {
                    src.Slice(i, (int)take).CopyTo(dst.Slice(d, (int)take));
                    d += (int)take;
                }
                else
                {
                    for (int k = 0; k < take; k++, d += stride) dst[d] = src[i + k];
                }
                i += run;
                written += take;
            }
            else if (n != -128)
            {
                if (i >= src.Length)
                    throw Error($"RLE segment {segment} ends inside a replicate run", segmentOffset + i - 1);
                byte value = src[i++];
                long take = Math.Min(1 - n, count - written);
                if (stride == 1)
                {
                    dst.Slice(d, (int)take).Fill(value);
                    d += (int)take;
                }
                else
                {
                    for (int k = 0; k < take; k++, d += stride) dst[d] = value;
                }
                written += take;
            }
        }
    }

    internal static DicomException Error(string problem, long? offset) =>
        new(offset is { } o ? $"RLE codestream at offset {o}: {problem}" : $"RLE codestream: {problem}")
            { Offset = offset };
}
