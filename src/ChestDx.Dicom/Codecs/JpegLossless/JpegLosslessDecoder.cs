using ChestDx.Dicom.Data;

namespace ChestDx.Dicom.Codecs.JpegLossless;

/// <summary>
/// JPEG Lossless, Non-Hierarchical, process 14 (PS3.5 §8.2.1, §A.4.1): transfer syntaxes
/// <see cref="TransferSyntax.JpegLosslessProcess14"/> (.57, any predictor 1–7) and
/// <see cref="TransferSyntax.JpegLosslessSelectionValue1"/> (.70), the codec most hospital archives store
/// radiographs in. Managed, written from ITU-T T.81 Annex H; see README.md in this folder for what it accepts.
/// Stateless and thread-safe: every call decodes with its own state.
/// </summary>
public sealed class JpegLosslessDecoder : IFrameDecoder
{
    public IReadOnlyList<TransferSyntax> TransferSyntaxes { get; } = TransferSyntax.DecodedBy(PixelCodec.JpegLossless);

    /// <summary>The data set's attributes: lossless JPEG applies no colour transform (T.81 Annex H).</summary>
    public RawFrameFormat DecodedFormat(FrameInfo frame) => RawFrameFormat.Decoded(frame);

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
            throw new DicomException($"JPEG lossless: Bits Allocated {frame.BitsAllocated}"
                + $" is not 8 or 16 (lossless JPEG samples have at most 16 bits)");
        }
        new LosslessFrameDecoder(frame).Decode(compressed, destination);
    }
}
