namespace ChestDx.Dicom.Codecs.JpegLossless;

/// <summary>What one scan's line loops need: size, tables, predictor and the restart-interval bookkeeping.</summary>
internal sealed class LosslessScanContext
{
    private readonly int _restartLines;   // lines per restart interval, 0 = no restarts
    private int _nextRestart;             // expected RSTm number, modulo 8 (T.81 B.2.1)

    public LosslessScanContext(LosslessFrameHeader frame, LosslessScanHeader header, LosslessHuffmanTable[] tables,
        int restartInterval, int lines, int offset)
    {
        Width = frame.SamplesPerLine;
        Height = lines;
        Tables = tables;
        Predictor = header.Predictor;
        // T.81 H.1.2.1: the first sample of a scan and of each restart interval is predicted by 2^(P − Pt − 1).
        InitialPrediction = 1 << (frame.Precision - header.PointTransform - 1);
        if (restartInterval > 0)
        {
            // One MCU is one sample (non-interleaved) or one sample of each component (interleaved, Hi = Vi = 1), so
            // Width MCUs make a line. T.81 defines the prediction reset for intervals that start a line; like
            // libjpeg's lossless decoder (jddiffct.c), refuse intervals that end mid-line.
            if (restartInterval % Width != 0)
            {
                JpegLosslessErrors.Unsupported(
                    $"restart interval of {restartInterval} MCUs, not a whole number of {Width}-sample lines", offset);
            }
            _restartLines = restartInterval / Width;
        }
    }

    public int Width { get; }
    public int Height { get; }
    public LosslessHuffmanTable[] Tables { get; }
    public int Predictor { get; }
    public int InitialPrediction { get; }

    /// <summary>
    /// True when line <paramref name="y"/> is the first line of the scan or of a restart interval (so it is predicted
    /// as a first line); at an interval boundary it also consumes the RSTm marker and resets the bit reader.
    /// </summary>
    public bool StartsInterval(int y, ref EntropyReader reader)
    {
        if (y == 0) return true;
        if (_restartLines == 0 || y % _restartLines != 0) return false;
        string expected = $"restart marker RST{_nextRestart}";
        int marker = reader.FindMarkerAfterSegment(expected);
        if (marker + 1 >= reader.DataLength || reader.ByteAt(marker + 1) != JpegMarker.Rst0 + _nextRestart)
        {
            string found = marker + 1 < reader.DataLength
                ? $"marker 0xFF{reader.ByteAt(marker + 1):X2}"
                : "the end of the data";
            JpegLosslessErrors.Corrupt($"expected {expected} before line {y}, found {found}", marker);
        }
        reader.RestartAfter(marker);
        _nextRestart = (_nextRestart + 1) & 7;
        return true;
    }

    public void ReportTruncated(int y) =>
        throw new DicomException(
            $"JPEG lossless codestream: entropy-coded data ends at line {y} of {Height} (truncated or corrupt stream)");
}
