using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ChestDx.Dicom.Codecs.JpegLossless;

/// <summary>
/// Decodes one lossless scan into sample planes (T.81 H.2): Huffman-coded differences (H.1.2.2) added to the
/// prediction (H.1.2.1) modulo 2^16. Prediction rules per T.81 H.1.2.1: the first sample of the scan and of each
/// restart interval is predicted by 2^(P−Pt−1); the rest of that first line by Ra; the first sample of every other
/// line by Rb; everything else by the scan's predictor. Planes hold the values before the point transform is undone.
/// </summary>
internal static class LosslessScanDecoder
{
    /// <summary>A non-interleaved scan (Ns = 1): one component, whole lines, predictor-specialised loops.</summary>
    public static void DecodeSingle(ref EntropyReader reader, LosslessScanContext scan, Span<ushort> plane)
    {
        LosslessHuffmanTable table = scan.Tables[0];
        int width = scan.Width;
        for (int y = 0; y < scan.Height; y++)
        {
            Span<ushort> row = plane.Slice(y * width, width);
            if (scan.StartsInterval(y, ref reader))
            {
                DecodeFirstLine(ref reader, table, row, scan.InitialPrediction);
            }
            else
            {
                ReadOnlySpan<ushort> above = plane.Slice((y - 1) * width, width);
                switch (scan.Predictor)
                {
                    case 1: DecodeLine<PredictLeft>(ref reader, table, row, above); break;
                    case 2: DecodeLine<PredictAbove>(ref reader, table, row, above); break;
                    case 3: DecodeLine<PredictAboveLeft>(ref reader, table, row, above); break;
                    case 4: DecodeLine<PredictPlane>(ref reader, table, row, above); break;
                    case 5: DecodeLine<PredictLeftPlusHalfGradient>(ref reader, table, row, above); break;
                    case 6: DecodeLine<PredictAbovePlusHalfGradient>(ref reader, table, row, above); break;
                    default: DecodeLine<PredictAverage>(ref reader, table, row, above); break;
                }
            }
            if (reader.Overrun) scan.ReportTruncated(y);
        }
    }

    /// <summary>
    /// An interleaved scan (Ns &gt; 1, every Hi = Vi = 1): each MCU is one sample of each scan component in order
    /// (T.81 A.2.3), so a line holds Width × Ns differences.
    /// </summary>
    public static void DecodeInterleaved(ref EntropyReader reader, LosslessScanContext scan, ushort[][] planes)
    {
        int width = scan.Width;
        int count = planes.Length;
        for (int y = 0; y < scan.Height; y++)
        {
            bool first = scan.StartsInterval(y, ref reader);
            int line = y * width;
            for (int x = 0; x < width; x++)
            {
                for (int c = 0; c < count; c++)
                {
                    ushort[] plane = planes[c];
                    int prediction;
                    if (first) prediction = x == 0 ? scan.InitialPrediction : plane[line + x - 1];
                    else if (x == 0) prediction = plane[line - width];
                    else prediction = LosslessPredictor.Predict(scan.Predictor,
                        plane[line + x - 1], plane[line - width + x], plane[line - width + x - 1]);
                    plane[line + x] = (ushort)(prediction + DecodeDifference(ref reader, scan.Tables[c]));
                }
            }
            if (reader.Overrun) scan.ReportTruncated(y);
        }
    }

    private static void DecodeFirstLine(ref EntropyReader reader, LosslessHuffmanTable table, Span<ushort> row,
        int initial)
    {
        ulong buffer = reader.Buffer;
        int count = reader.Count;
        ref int lookahead = ref MemoryMarshal.GetArrayDataReference(table.Lookahead);
        ref ushort output = ref MemoryMarshal.GetReference(row);
        int ra = initial;
        for (int x = 0; x < row.Length; x++)
        {
            ra = (ra + Decode(ref reader, table, ref lookahead, ref buffer, ref count)) & 0xFFFF;
            Unsafe.Add(ref output, x) = (ushort)ra;
        }
        reader.Buffer = buffer;
        reader.Count = count;
    }

    private static void DecodeLine<TPredictor>(ref EntropyReader reader, LosslessHuffmanTable table, Span<ushort> row,
        ReadOnlySpan<ushort> above)
        where TPredictor : IPredictor
    {
        ulong buffer = reader.Buffer;
        int count = reader.Count;
        ref int lookahead = ref MemoryMarshal.GetArrayDataReference(table.Lookahead);
        ref ushort output = ref MemoryMarshal.GetReference(row);
        ref ushort previous = ref MemoryMarshal.GetReference(above);
        int width = Math.Min(row.Length, above.Length);

        int rc = previous;
        int ra = (rc + Decode(ref reader, table, ref lookahead, ref buffer, ref count)) & 0xFFFF;
        output = (ushort)ra;
        for (int x = 1; x < width; x++)
        {
            int rb = Unsafe.Add(ref previous, x);
            ra = (TPredictor.Predict(ra, rb, rc) + Decode(ref reader, table, ref lookahead, ref buffer, ref count))
                & 0xFFFF;
            Unsafe.Add(ref output, x) = (ushort)ra;
            rc = rb;
        }
        reader.Buffer = buffer;
        reader.Count = count;
    }

    /// <summary>One difference: a single table load for the common case, the canonical search otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Decode(ref EntropyReader reader, LosslessHuffmanTable table, ref int lookahead,
        ref ulong buffer, ref int count)
    {
        if (count < 32)
        {
            reader.Buffer = buffer;
            reader.Count = count;
            reader.Refill();
            buffer = reader.Buffer;
            count = reader.Count;
        }
        int entry = Unsafe.Add(ref lookahead, (int)(buffer >> (64 - LosslessHuffmanTable.LookaheadBits)));
        if ((entry & LosslessHuffmanTable.Complete) != 0)
        {
            int used = entry & 0x1F;
            buffer <<= used;
            count -= used;
            return entry >> 8;
        }
        reader.Buffer = buffer;
        reader.Count = count;
        int difference = DecodeSlow(ref reader, table, entry);
        buffer = reader.Buffer;
        count = reader.Count;
        return difference;
    }

    private static int DecodeDifference(ref EntropyReader reader, LosslessHuffmanTable table)
    {
        ulong buffer = reader.Buffer;
        int count = reader.Count;
        int difference = Decode(ref reader, table, ref MemoryMarshal.GetArrayDataReference(table.Lookahead),
            ref buffer, ref count);
        reader.Buffer = buffer;
        reader.Count = count;
        return difference;
    }

    /// <summary>
    /// Codes longer than the lookahead, or categories whose extra bits do not fit in it (T.81 F.2.2.3).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int DecodeSlow(ref EntropyReader reader, LosslessHuffmanTable table, int entry)
    {
        int category, length;
        if ((entry & LosslessHuffmanTable.CodeOnly) != 0)
        {
            category = entry >> 8;
            length = entry & 0x1F;
        }
        else
        {
            category = table.DecodeCategory((int)(reader.Buffer >> 48), out length);
            if (category < 0)
            {
                throw new DicomException(
                    "JPEG lossless codestream: bit pattern matches no Huffman code (corrupt entropy-coded data)");
            }
            if (category > 16)
            {
                throw new DicomException($"JPEG lossless codestream: difference category {category}"
                    + $" decoded, T.81 Table H.2 allows 0..16 (corrupt data or table)");
            }
        }
        reader.Buffer <<= length;
        reader.Count -= length;
        if (category == 0) return 0;
        if (category == 16) return 32768;
        int bits = (int)(reader.Buffer >> (64 - category));
        reader.Buffer <<= category;
        reader.Count -= category;
        return LosslessHuffmanTable.Extend(bits, category);
    }
}
