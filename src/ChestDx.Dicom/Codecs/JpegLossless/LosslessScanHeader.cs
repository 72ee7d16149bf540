namespace ChestDx.Dicom.Codecs.JpegLossless;

/// <summary>
/// The SOS scan header for a lossless scan (T.81 B.2.3, H.2.1): the components it codes (as indices into the frame),
/// each one's DC Huffman table, the predictor (Ss, Table H.1) and the point transform Pt (Al).
/// </summary>
internal sealed class LosslessScanHeader
{
    public required int[] ComponentIndices { get; init; }
    public required int[] TableIds { get; init; }
    public required int Predictor { get; init; }
    public required int PointTransform { get; init; }

    public static LosslessScanHeader Parse(ReadOnlySpan<byte> body, LosslessFrameHeader frame, int offset)
    {
        if (body.Length < 1) JpegLosslessErrors.Corrupt("empty SOS segment", offset);
        int count = body[0];
        if (count is < 1 or > 4)
            JpegLosslessErrors.Corrupt($"scan has Ns = {count} components, T.81 allows 1..4", offset);
        if (body.Length < 1 + 2 * count + 3) JpegLosslessErrors.Corrupt("SOS segment shorter than its fields", offset);

        var indices = new int[count];
        var tables = new int[count];
        for (int i = 0; i < count; i++)
        {
            byte id = body[1 + 2 * i];
            int index = frame.IndexOf(id);
            if (index < 0)
            {
                JpegLosslessErrors.Corrupt(
                    $"scan refers to component {id}, which the frame header does not define", offset);
            }
            if (Array.IndexOf(indices, index, 0, i) >= 0)
                JpegLosslessErrors.Corrupt($"component {id} appears twice in one scan", offset);
            indices[i] = index;
            tables[i] = body[2 + 2 * i] >> 4;
            if (tables[i] > 3)
                JpegLosslessErrors.Corrupt($"scan selects Huffman table {tables[i]}, T.81 allows 0..3", offset);
        }

        int predictor = body[1 + 2 * count];          // Ss: predictor selection value, Table H.1
        int end = body[2 + 2 * count];                // Se: 0 in lossless mode (H.2.1)
        int approximation = body[3 + 2 * count];      // Ah (high nibble) must be 0; Al (low nibble) = Pt
        if (predictor == 0)
            JpegLosslessErrors.Unsupported("predictor 0 (only valid in hierarchical mode, T.81 Table H.1)", offset);
        if (predictor > 7)
            JpegLosslessErrors.Corrupt($"predictor selection value {predictor}, T.81 Table H.1 allows 1..7", offset);
        int pointTransform = approximation & 0x0F;
        // Se and Ah are fixed at 0 but carry no meaning in process 14; like libjpeg, accept other values rather than
        // refuse a stream whose pixels are fully defined.
        _ = end;
        if (pointTransform >= frame.Precision)
        {
            JpegLosslessErrors.Corrupt(
                $"point transform Pt = {pointTransform} is not below P = {frame.Precision}", offset);
        }

        return new LosslessScanHeader
        {
            ComponentIndices = indices, TableIds = tables, Predictor = predictor, PointTransform = pointTransform,
        };
    }
}
