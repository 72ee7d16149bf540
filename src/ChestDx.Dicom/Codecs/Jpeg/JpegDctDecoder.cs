using ChestDx.Dicom.Codecs.JpegTurbo;
using ChestDx.Dicom.Data;
using JpegLibrary;

namespace ChestDx.Dicom.Codecs.Jpeg;

/// <summary>
/// DCT-based JPEG: baseline 8-bit (<see cref="TransferSyntax.JpegBaseline"/>), extended 12-bit
/// (<see cref="TransferSyntax.JpegExtended"/>) in full 12-bit precision, and progressive
/// (<see cref="TransferSyntax.JpegFullProgression1012"/>, retired but still met), PS3.5 §8.2.1 and §A.4.1. Entropy
/// decoding and IDCT by JpegLibrary 0.4.32 (MIT); chroma upsampling and YCbCr → RGB as libjpeg 6b does them, so the
/// output follows dcmtk's dcmdjpeg. Lossy: JpegLibrary's floating-point IDCT differs from libjpeg's integer one by
/// at most ±1 per sample on the reference files (see README.md). Stateless and thread-safe.
/// </summary>
public sealed class JpegDctDecoder : IFrameDecoder
{
    public IReadOnlyList<TransferSyntax> TransferSyntaxes { get; } = TransferSyntax.DecodedBy(PixelCodec.JpegDct);

    /// <summary>
    /// Photometric Interpretation "RGB" for YBR_FULL / YBR_FULL_422 (converted, and upsampled to full resolution, as
    /// dcmtk's default "+cp" does), otherwise the data set's own; the data set's bits and signedness.
    /// </summary>
    public RawFrameFormat DecodedFormat(FrameInfo frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return RawFrameFormat.Decoded(frame, ConvertsToRgb(frame) ? "RGB" : null);
    }

    public void Decode(ReadOnlySpan<byte> compressed, FrameInfo frame, Span<byte> destination)
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
            throw new DicomException(
                $"JPEG: Bits Allocated {frame.BitsAllocated} is not 8 or 16 (DCT JPEG samples have 8 or 12 bits)");
        }

        var decoder = new SingleFrameJpegDecoder();
        decoder.SetInput(compressed.ToArray());
        Guard(() => decoder.Identify(), "reading the marker segments");
        CheckAgainstDataset(decoder, frame);
        MarkerSegmentCheck.ThrowIfInvalid(compressed);
        string checkedFrame = FrameHeaderText(decoder);
        if (UsesTurbo(frame, decoder.Precision))
        {
            // libjpeg-turbo's islow IDCT is libjpeg 6b's, dcmtk's decoder: 8-bit grey frames come out as dcmdjpeg's.
            var header = new TurboJpegHeader(frame.Columns, frame.Rows, 1);
            TurboJpegDecoder.DecodeGrey(compressed, header, new ScalingFactor(1, 1), destination, "JPEG codestream");
            return;
        }

        var writer = new ComponentPlaneWriter(frame.Columns, frame.Rows, decoder.NumberOfComponents, decoder.Precision);
        decoder.SetOutputWriter(writer);
        Guard(decoder.Decode, "decoding");
        // Belt and braces for SingleFrameJpegDecoder: the checks above hold only for the header they saw.
        string decodedFrame = FrameHeaderText(decoder);
        if (decodedFrame != checkedFrame)
        {
            throw new DicomException(
                $"JPEG codestream: the frame header changed while decoding: {checkedFrame} became {decodedFrame}");
        }

        int[][] planes = writer.Planes;
        int maxH = decoder.GetMaximumHorizontalSampling(), maxV = decoder.GetMaximumVerticalSampling();
        for (int c = 0; c < planes.Length; c++)
        {
            FancyUpsampler.Apply(planes[c], frame.Columns, frame.Rows,
                maxH / decoder.GetHorizontalSampling(c), maxV / decoder.GetVerticalSampling(c));
        }
        if (ConvertsToRgb(frame)) YCbCrToRgb.Convert(planes[0], planes[1], planes[2], decoder.Precision);
        WriteOutput(planes, frame, destination);
    }

    /// <summary>dcmtk's default (dcmdjpeg +cp): convert when the dataset says the stream holds YCbCr.</summary>
    /// <summary>
    /// 8-bit one-component frames (the radiograph case) go to libjpeg-turbo when it is installed: its TurboJPEG API
    /// decodes 8-bit samples only, and colour frames keep the managed path, whose RGB conversion is dcmtk's.
    /// </summary>
    public static bool UsesTurbo(FrameInfo frame, int precision) =>
        frame.SamplesPerPixel == 1 && precision == 8 && frame.BytesPerSample == 1 && TurboJpegDecoder.IsAvailable;

    private static bool ConvertsToRgb(FrameInfo frame) =>
        frame.SamplesPerPixel == 3 && frame.PhotometricInterpretation is "YBR_FULL" or "YBR_FULL_422";

    private static void CheckAgainstDataset(JpegDecoder decoder, FrameInfo frame)
    {
        var sof = decoder.StartOfFrame;
        if (sof is JpegMarker.StartOfFrame9 or JpegMarker.StartOfFrame10)
        {
            // The DCT transfer syntaxes are T.81 processes 1, 2/4 and 10/12, all Huffman-coded (PS3.5 §8.2.1), and
            // dcmtk's libjpeg 6b has no arithmetic decoder. JpegLibrary's arithmetic decoders threw
            // NullReferenceException, allocated 537 MB for a 64 × 64 frame and corrupted memory until the process
            // segfaulted (jpeg-dct fuzz target, campaign 7), so such frames never reach them.
            throw new DicomException($"JPEG codestream: {sof} is an arithmetic-coded frame; the DICOM JPEG "
                + "transfer syntaxes use Huffman coding (T.81 processes 1, 2/4 and 10/12)");
        }
        if (sof is not (JpegMarker.StartOfFrame0 or JpegMarker.StartOfFrame1 or JpegMarker.StartOfFrame2))
        {
            throw new DicomException($"JPEG codestream: {sof}"
                + $" is not a sequential or progressive DCT frame (lossless JPEG has its own decoder)");
        }
        if (decoder.Width != frame.Columns || decoder.Height != frame.Rows)
        {
            throw new DicomException(
                $"JPEG codestream does not match the dataset: codestream is {decoder.Width}×{decoder.Height}"
                + $", dataset says Columns {frame.Columns} × Rows {frame.Rows}");
        }
        if (decoder.NumberOfComponents != frame.SamplesPerPixel)
        {
            throw new DicomException(
                $"JPEG codestream does not match the dataset: codestream has {decoder.NumberOfComponents}"
                + $" component(s), dataset says Samples per Pixel {frame.SamplesPerPixel}");
        }
        if (decoder.Precision is not (8 or 12) || decoder.Precision > frame.BitsAllocated)
        {
            throw new DicomException(
                $"JPEG codestream does not match the dataset: sample precision {decoder.Precision}"
                + $" (DCT allows 8 or 12) in Bits Allocated {frame.BitsAllocated}");
        }
        // T.81 B.2.2: sampling factors are 1–4. Upsampling needs each component's factors to divide the largest (as
        // libjpeg requires: "Fractional sampling not implemented yet"); a corrupt SOF with 0 would divide by zero.
        int maxH = decoder.GetMaximumHorizontalSampling(), maxV = decoder.GetMaximumVerticalSampling();
        for (int c = 0; c < decoder.NumberOfComponents; c++)
        {
            int h = decoder.GetHorizontalSampling(c), v = decoder.GetVerticalSampling(c);
            if (h is < 1 or > 4 || v is < 1 or > 4 || maxH % h != 0 || maxV % v != 0)
            {
                throw new DicomException(
                    $"JPEG codestream: component {c + 1} has sampling factors {h}×{v}"
                    + $" (T.81 B.2.2 allows 1–4, and each must divide the largest, {maxH}×{maxV})");
            }
        }
    }

    /// <summary>
    /// What the checks depend on: size, precision and each component's sampling factors (read live, uncached).
    /// </summary>
    private static string FrameHeaderText(JpegDecoder decoder)
    {
        var text = new System.Text.StringBuilder(
            $"{decoder.Width}×{decoder.Height}, {decoder.Precision}-bit, sampling");
        for (int c = 0; c < decoder.NumberOfComponents; c++)
        {
            text.Append($" {decoder.GetHorizontalSampling(c)}×{decoder.GetVerticalSampling(c)}");
        }
        return text.ToString();
    }

    private static void WriteOutput(int[][] planes, FrameInfo frame, Span<byte> destination)
    {
        int components = planes.Length, pixels = frame.Rows * frame.Columns;
        for (int c = 0; c < components; c++)
        {
            int[] plane = planes[c];
            for (int p = 0; p < pixels; p++)
            {
                int at = p * components + c;
                if (frame.BytesPerSample == 1)
                {
                    destination[at] = (byte)plane[p];
                }
                else
                {
                    destination[2 * at] = (byte)plane[p];
                    destination[2 * at + 1] = (byte)(plane[p] >> 8);
                }
            }
        }
    }

    /// <summary>
    /// JpegLibrary reports corrupt data with whatever exception its parser hits (InvalidDataException,
    /// InvalidOperationException, index errors on truncated input); all of them mean "this codestream is broken".
    /// </summary>
    private static void Guard(Action action, string step)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is not DicomException and not OutOfMemoryException)
        {
            throw new DicomException($"JPEG codestream: JpegLibrary failed {step}: {e.Message}", e);
        }
    }

    private static void Guard(Func<int> action, string step) => Guard(() => { action(); }, step);
}
