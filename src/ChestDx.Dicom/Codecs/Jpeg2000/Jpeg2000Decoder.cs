using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using ChestDx.Dicom.Data;

namespace ChestDx.Dicom.Codecs.Jpeg2000;

/// <summary>
/// JPEG 2000 lossless-only (<see cref="TransferSyntax.Jpeg2000Lossless"/>) and lossy-or-lossless
/// (<see cref="TransferSyntax.Jpeg2000"/>), PS3.5 §8.2.4
/// and §A.4.4; codestream ITU-T T.800 | ISO/IEC 15444-1. Decoded by Debian's OpenJPEG 2 through its C API, found at
/// run time; without the library every call throws a <see cref="DicomException"/> naming the package to install.
/// Thread-safe: each call owns its codec, stream and image.
/// </summary>
public sealed class Jpeg2000Decoder : IFrameDecoder
{
    // T.800 A.4.1 SOC + A.5.1 SIZ start a raw codestream;
    // ISO 15444-1 Annex I: a JP2 file starts with its signature box.
    private static ReadOnlySpan<byte> CodestreamMagic => [0xFF, 0x4F, 0xFF, 0x51];
    private static ReadOnlySpan<byte> Jp2Magic => [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20];

    // opj_dparameters_t is ~20 KB in OpenJPEG 2.5; allocate generously instead of mirroring the whole struct
    // (opj_set_default_decoder_parameters only writes into it).
    private const int DecoderParametersSize = 64 * 1024;

    /// <summary>Decodes with one thread (callers usually decode many frames in parallel already).</summary>
    public Jpeg2000Decoder() : this(threads: 1) { }

    /// <summary>
    /// Decodes each frame with OpenJPEG's own worker threads (opj_codec_set_threads), for single large frames.
    /// </summary>
    public Jpeg2000Decoder(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        Threads = threads;
    }

    /// <summary>OpenJPEG worker threads per frame.</summary>
    public int Threads { get; }

    public IReadOnlyList<TransferSyntax> TransferSyntaxes { get; } = TransferSyntax.DecodedBy(PixelCodec.Jpeg2000);

    /// <summary>
    /// "RGB" for YBR_RCT / YBR_ICT colour (OpenJPEG undoes the multi-component transform, T.800 Annex G, so the
    /// samples are RGB, as GDCM reports them); otherwise the data set's attributes.
    /// </summary>
    public RawFrameFormat DecodedFormat(FrameInfo frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        bool undoesTransform = frame.SamplesPerPixel == 3 && frame.PhotometricInterpretation is "YBR_RCT" or "YBR_ICT";
        return RawFrameFormat.Decoded(frame, undoesTransform ? "RGB" : null);
    }

    /// <summary>True when OpenJPEG can be loaded on this machine.</summary>
    public static bool IsAvailable => OpenJpeg.TryGet() is not null;

    public unsafe void Decode(ReadOnlySpan<byte> compressed, FrameInfo frame, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (destination.Length != frame.FrameLength)
        {
            throw new ArgumentException(
                $"destination holds {destination.Length} bytes, the frame needs {frame.FrameLength}",
                nameof(destination));
        }
        if (frame.BitsAllocated is not (8 or 16 or 32))
        {
            throw new DicomException($"JPEG 2000: Bits Allocated {frame.BitsAllocated} is not 8, 16 or 32");
        }
        OpenJpeg opj = OpenJpeg.Get();
        int format = DetectFormat(compressed);
        compressed = TrimToEndOfCodestream(compressed, format);

        var messages = new List<string>();
        GCHandle messageHandle = GCHandle.Alloc(messages);
        void* parameters = NativeMemory.AllocZeroed(DecoderParametersSize);
        IntPtr codec = IntPtr.Zero, stream = IntPtr.Zero;
        OpjImage* image = null;
        try
        {
            fixed (byte* data = compressed)
            {
                var source = new MemorySource { Data = data, Length = compressed.Length };
                codec = opj.CreateDecompress(format);
                if (codec == IntPtr.Zero) throw new DicomException("JPEG 2000: OpenJPEG could not create a decoder");
                opj.SetErrorHandler(codec, &MemoryStreamCallbacks.Collect, (void*)GCHandle.ToIntPtr(messageHandle));
                opj.SetWarningHandler(codec, &MemoryStreamCallbacks.Collect, (void*)GCHandle.ToIntPtr(messageHandle));
                opj.SetDefaultDecoderParameters(parameters);
                Require(opj.SetupDecoder(codec, parameters), "setting up the decoder", messages);
                if (Threads > 1) opj.SetThreads(codec, Threads);

                stream = opj.StreamCreate((nuint)Math.Min(Math.Max(compressed.Length, 1), 1 << 20), 1);
                if (stream == IntPtr.Zero) throw new DicomException("JPEG 2000: OpenJPEG could not create a stream");
                opj.StreamSetReadFunction(stream, &MemoryStreamCallbacks.Read);
                opj.StreamSetSkipFunction(stream, &MemoryStreamCallbacks.Skip);
                opj.StreamSetSeekFunction(stream, &MemoryStreamCallbacks.Seek);
                opj.StreamSetUserData(stream, &source, null);
                opj.StreamSetUserDataLength(stream, (ulong)compressed.Length);

                Require(opj.ReadHeader(stream, codec, &image), "reading the main header", messages);
                // Check before decoding, so a header that promises a huge image never allocates it.
                CheckAgainstDataset(image, frame);
                Require(opj.Decode(codec, stream, image), "decoding", messages);
                Require(opj.EndDecompress(codec, stream), "finishing the codestream", messages);
                CheckNoTruncation(messages);
                CopyOut(image, frame, destination);
            }
        }
        finally
        {
            if (image != null) opj.ImageDestroy(image);
            if (stream != IntPtr.Zero) opj.StreamDestroy(stream);
            if (codec != IntPtr.Zero) opj.DestroyCodec(codec);
            NativeMemory.Free(parameters);
            messageHandle.Free();
        }
    }

    private static int DetectFormat(ReadOnlySpan<byte> compressed)
    {
        if (compressed.StartsWith(CodestreamMagic)) return OpenJpeg.CodecJ2k;
        // DICOM holds the raw codestream (PS3.5 §A.4.4), but some writers embed a JP2 file (ISO/IEC 15444-1
        // Annex I), recognised by its signature box.
        if (compressed.StartsWith(Jp2Magic)) return OpenJpeg.CodecJp2;
        throw new DicomException(
            "JPEG 2000 codestream: starts with neither SOC+SIZ (FF 4F FF 51) nor a JP2 signature box");
    }

    /// <summary>
    /// T.800 A.4.4: a codestream ends with EOC (FF D9). OpenJPEG decodes a truncated one "successfully" from whatever
    /// packets arrived (a blurred or partial image with only a warning); a radiograph must not be silently degraded.
    /// Bytes after the last EOC (the even-length pad of PS3.5 §A.4, whatever its value) are dropped, as GDCM's
    /// OpenJPEG, which stops at EOC, ignores them; a JP2 file keeps its tail, where boxes may follow the codestream.
    /// </summary>
    private static ReadOnlySpan<byte> TrimToEndOfCodestream(ReadOnlySpan<byte> compressed, int format)
    {
        int end = CodestreamEnd.LengthThroughEndMarker(compressed);
        if (end < 0)
        {
            throw new DicomException("JPEG 2000 codestream: has no EOC marker (FF D9): the stream is truncated");
        }
        return format == OpenJpeg.CodecJ2k ? compressed[..end] : compressed;
    }

    /// <summary>OpenJPEG reports packets cut short only as warnings; treat them as the truncation they are.</summary>
    private static void CheckNoTruncation(List<string> messages)
    {
        string? truncated = messages.FirstOrDefault(m =>
            m.Contains("too short", StringComparison.OrdinalIgnoreCase) ||
            m.Contains("truncat", StringComparison.OrdinalIgnoreCase) ||
            m.Contains("not enough", StringComparison.OrdinalIgnoreCase));
        if (truncated is not null) throw new DicomException($"JPEG 2000 codestream: incomplete data ({truncated})");
    }

    private static unsafe void CheckAgainstDataset(OpjImage* image, FrameInfo frame)
    {
        if (image->ComponentCount != frame.SamplesPerPixel)
        {
            Mismatch($"codestream has {image->ComponentCount}"
                + $" component(s), dataset says Samples per Pixel {frame.SamplesPerPixel}");
        }
        for (int c = 0; c < image->ComponentCount; c++)
        {
            OpjImageComponent component = image->Components[c];
            if (component.Dx != 1 || component.Dy != 1)
            {
                Mismatch($"component {c} is subsampled {component.Dx}×{component.Dy}; DICOM native pixel data is not");
            }
            uint width = image->X1 - image->X0, height = image->Y1 - image->Y0;
            if (width != frame.Columns || height != frame.Rows)
            {
                Mismatch($"codestream is {width}×{height}, dataset says Columns {frame.Columns} × Rows {frame.Rows}");
            }
            // Precision and signedness are the dataset's to interpret (gdcm writes precision 16 for 12-bit data;
            // J2K_pixelrep_mismatch.dcm is unsigned in the stream, signed in the dataset): only the container counts.
            if (component.Precision > frame.BitsAllocated || component.Precision == 0)
            {
                Mismatch($"component {c} precision {component.Precision}"
                    + $" does not fit Bits Allocated {frame.BitsAllocated}");
            }
        }
    }

    /// <summary>
    /// Component planes of int → PS3.5 §8.1 layout: colour-by-pixel, little endian, the low Bits Allocated bits of
    /// each value (two's complement for signed components). OpenJPEG has already undone RCT/ICT, so YBR_RCT and
    /// YBR_ICT frames come out as RGB (as GDCM reports them).
    /// </summary>
    private static unsafe void CopyOut(OpjImage* image, FrameInfo frame, Span<byte> destination)
    {
        int components = frame.SamplesPerPixel, pixels = frame.Rows * frame.Columns, bytes = frame.BytesPerSample;
        for (int c = 0; c < components; c++)
        {
            int* data = image->Components[c].Data;
            if (data == null) throw new DicomException($"JPEG 2000: OpenJPEG returned no data for component {c}");
            for (int p = 0; p < pixels; p++)
            {
                int value = data[p];
                int at = (p * components + c) * bytes;
                destination[at] = (byte)value;
                if (bytes >= 2) destination[at + 1] = (byte)(value >> 8);
                if (bytes == 4)
                {
                    destination[at + 2] = (byte)(value >> 16);
                    destination[at + 3] = (byte)(value >> 24);
                }
            }
        }
    }

    private static void Require(int ok, string step, List<string> messages)
    {
        if (ok == 0)
        {
            string detail = messages.Count > 0 ? string.Join("; ", messages) : "no message";
            throw new DicomException($"JPEG 2000 codestream: OpenJPEG failed {step} ({detail})");
        }
    }

    [DoesNotReturn]
    private static void Mismatch(string problem) =>
        throw new DicomException($"JPEG 2000 codestream does not match the dataset: {problem}");
}
