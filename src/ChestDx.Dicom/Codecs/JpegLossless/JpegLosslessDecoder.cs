namespace ChestDx.Dicom.Codecs.JpegLossless;

/// <summary>
/// JPEG Lossless, Non-Hierarchical, process 14 (PS3.5 §8.2.1, §A.4.1): transfer syntaxes 1.2.840.10008.1.2.4.57
/// (any predictor 1–7) and 1.2.840.10008.1.2.4.70 (Selection Value 1), the codec most hospital archives store
/// radiographs in. Managed, written from ITU-T T.81 Annex H; see README.md in this folder for what it accepts.
/// Stateless and thread-safe: every call decodes with its own state.
/// </summary>
public sealed class JpegLosslessDecoder : IFrameDecoder
{
    /// <summary>JPEG Lossless, Non-Hierarchical (Process 14).</summary>
    public const string Process14Uid = "1.2.840.10008.1.2.4.57";

    /// <summary>JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1]).</summary>
    public const string Process14SelectionValue1Uid = "1.2.840.10008.1.2.4.70";

    public IReadOnlyList<string> TransferSyntaxUids { get; } = [Process14Uid, Process14SelectionValue1Uid];

    public void Decode(ReadOnlySpan<byte> compressed, FrameInfo frame, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (destination.Length != frame.FrameLength)
        {
            throw new ArgumentException($"destination holds {destination.Length} bytes, the frame needs {frame.FrameLength}", nameof(destination));
        }
        if (frame.BitsAllocated is not (8 or 16))
        {
            throw new DicomException($"JPEG lossless: Bits Allocated {frame.BitsAllocated} is not 8 or 16 (lossless JPEG samples have at most 16 bits)");
        }
        new LosslessFrameDecoder(frame).Decode(compressed, destination);
    }
}
