using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using ChestDx.Dicom.Data;

namespace ChestDx.Dicom.Codecs.JpegLs;

/// <summary>
/// JPEG-LS lossless (<see cref="TransferSyntax.JpegLsLossless"/>) and near-lossless
/// (<see cref="TransferSyntax.JpegLsNearLossless"/>), PS3.5 §8.2.3 and §A.4.3,
/// decoded by Debian's CharLS 2 (ITU-T T.87 / ISO 14495-1) through its C API, found at run time. Without the
/// library every call throws a <see cref="DicomException"/> that names the package to install.
/// Stateless and thread-safe: each call creates and destroys its own CharLS decoder.
/// </summary>
public sealed class JpegLsDecoder : IFrameDecoder
{
    private const int InterleaveNone = 0;

    public IReadOnlyList<TransferSyntax> TransferSyntaxes { get; } = TransferSyntax.DecodedBy(PixelCodec.JpegLs);

    /// <summary>
    /// The data set's attributes: CharLS undoes its own colour transforms, and the samples are as stored.
    /// </summary>
    public RawFrameFormat DecodedFormat(FrameInfo frame) => RawFrameFormat.Decoded(frame);

    /// <summary>True when CharLS can be loaded on this machine.</summary>
    public static bool IsAvailable => CharLs.TryGet() is not null;

    public unsafe void Decode(ReadOnlySpan<byte> compressed, FrameInfo frame, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (destination.Length != frame.FrameLength)
        {
            throw new ArgumentException(
                $"destination holds {destination.Length} bytes, the frame needs {frame.FrameLength}",
                nameof(destination));
        }
        if (frame.BitsAllocated is not (8 or 16))
        {
            throw new DicomException($"JPEG-LS: Bits Allocated {frame.BitsAllocated}"
                + $" is not 8 or 16 (JPEG-LS samples have at most 16 bits)");
        }
        CharLs charls = CharLs.Get();
        // T.87 needs at least SOI, SOF55, SOS and EOI; CharLS's source pointer must not be null.
        if (compressed.Length < 4)
            throw new DicomException($"JPEG-LS codestream: {compressed.Length} bytes is too short to hold an image");
        // A stream without its EOI is truncated. Refuse it here: CharLS 2.4 spends seconds (measured 9–19 s on a
        // 64×64 frame) before failing on a stream cut inside the scan data, which would stall a batch. Bytes after
        // the EOI (the even-length pad, whatever its value) are not part of the stream and are not passed on.
        int end = CodestreamEnd.LengthThroughEndMarker(compressed);
        if (end < 0)
        {
            throw new DicomException("JPEG-LS codestream: has no EOI marker (FF D9): the stream is truncated");
        }
        compressed = compressed[..end];

        IntPtr decoder = charls.Create();
        if (decoder == IntPtr.Zero)
            throw new DicomException("JPEG-LS: CharLS could not create a decoder (out of memory)");
        try
        {
            fixed (byte* source = compressed)
            {
                Check(charls, charls.SetSourceBuffer(decoder, source, (nuint)compressed.Length));
                Check(charls, charls.ReadHeader(decoder));
                CharLsFrameInfo info;
                Check(charls, charls.GetFrameInfo(decoder, &info));
                int interleave;
                Check(charls, charls.GetInterleaveMode(decoder, &interleave));
                CheckAgainstDataset(info, frame);

                nuint size;
                Check(charls, charls.GetDestinationSize(decoder, 0, &size));
                int bytesPerSample = info.BitsPerSample <= 8 ? 1 : 2;
                bool byPixel = info.ComponentCount == 1 || interleave != InterleaveNone;
                if (bytesPerSample == frame.BytesPerSample && byPixel && size == (nuint)destination.Length)
                {
                    fixed (byte* output = destination) Check(charls, charls.DecodeToBuffer(decoder, output, size, 0));
                    return;
                }
                DecodeAndRearrange(charls, decoder, size, bytesPerSample, byPixel, frame, destination);
            }
        }
        finally
        {
            charls.Destroy(decoder);
        }
    }

    /// <summary>
    /// CharLS writes ≤ 8-bit samples as bytes and uninterleaved colour (ILV = 0) as planes; DICOM wants the Bits
    /// Allocated container and colour-by-pixel (PS3.5 §8.1, §8.2.3).
    /// </summary>
    private static unsafe void DecodeAndRearrange(CharLs charls, IntPtr decoder, nuint size, int bytesPerSample,
        bool byPixel, FrameInfo frame, Span<byte> destination)
    {
        int samples = frame.Rows * frame.Columns * frame.SamplesPerPixel;
        if (size != (nuint)(samples * bytesPerSample))
            throw new DicomException($"JPEG-LS: CharLS needs {size} bytes for a frame of {samples} samples");
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)size);
        try
        {
            fixed (byte* output = buffer) Check(charls, charls.DecodeToBuffer(decoder, output, size, 0));
            int components = frame.SamplesPerPixel, pixels = frame.Rows * frame.Columns;
            for (int i = 0; i < samples; i++)
            {
                // Source index of output sample i (pixel p, component c) in CharLS's layout.
                int p = i / components, c = i % components;
                int from = byPixel ? i : c * pixels + p;
                int value = bytesPerSample == 1 ? buffer[from] : buffer[2 * from] | buffer[2 * from + 1] << 8;
                if (frame.BytesPerSample == 1)
                {
                    destination[i] = (byte)value;
                }
                else
                {
                    destination[2 * i] = (byte)value;
                    destination[2 * i + 1] = (byte)(value >> 8);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void CheckAgainstDataset(CharLsFrameInfo info, FrameInfo frame)
    {
        if (info.Width != frame.Columns || info.Height != frame.Rows)
        {
            Mismatch($"codestream is {info.Width}×{info.Height}"
                + $", dataset says Columns {frame.Columns} × Rows {frame.Rows}");
        }
        if (info.ComponentCount != frame.SamplesPerPixel)
        {
            Mismatch($"codestream has {info.ComponentCount}"
                + $" component(s), dataset says Samples per Pixel {frame.SamplesPerPixel}");
        }
        // Like lossless JPEG, encoders may write a precision above Bits Stored (dcmtk: P = 16 for 12-bit data).
        if (info.BitsPerSample > frame.BitsAllocated)
        {
            Mismatch($"codestream precision {info.BitsPerSample} does not fit Bits Allocated {frame.BitsAllocated}");
        }
    }

    private static void Check(CharLs charls, int error)
    {
        if (error != 0)
            throw new DicomException($"JPEG-LS codestream: {charls.ErrorMessage(error)} (CharLS error {error})");
    }

    [DoesNotReturn]
    private static void Mismatch(string problem) =>
        throw new DicomException($"JPEG-LS codestream does not match the dataset: {problem}");
}
