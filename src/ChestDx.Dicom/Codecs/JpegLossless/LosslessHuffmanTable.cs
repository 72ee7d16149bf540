using System.Runtime.CompilerServices;

namespace ChestDx.Dicom.Codecs.JpegLossless;

/// <summary>
/// A DC-class Huffman table (DHT, T.81 B.2.4.2) used for lossless difference categories SSSS 0..16 (T.81 H.1.2.2,
/// Table H.2), built as canonical codes (Annex C) plus a lookahead table that resolves, from the next
/// <see cref="LookaheadBits"/> bits of the stream, both the code and its extra bits in one load: the common case of a
/// short code with a small category decodes to the finished difference without any bit-by-bit work.
/// </summary>
internal sealed class LosslessHuffmanTable
{
    /// <summary>12 bits: 4096 entries × 4 bytes stay in L1 cache and cover nearly every code+extra-bits pair of
    /// 12-bit radiographs (short codes for small categories).</summary>
    public const int LookaheadBits = 12;

    /// <summary>Entry flag: bits 0–4 hold the total bits (code + extra bits), bits 8+ the signed difference.</summary>
    public const int Complete = 0x40;

    /// <summary>
    /// Entry flag: the code fits, its extra bits do not; bits 0–4 hold the code length, bits 8+ SSSS.
    /// </summary>
    public const int CodeOnly = 0x80;

    private readonly int[] _maxCode = new int[18];   // largest code of each length, -1 if none (T.81 F.2.2.3 MAXCODE)
    private readonly int[] _valueOffset = new int[17];  // VALPTR − MINCODE per length
    private readonly byte[] _values;

    /// <summary>
    /// Indexed by the next <see cref="LookaheadBits"/> bits; 0 = longer code (or no code): slow path.
    /// </summary>
    public int[] Lookahead { get; }

    /// <summary>
    /// A lookahead array for <see cref="Parse"/>; the decoder keeps one per table slot and reuses it.
    /// </summary>
    public static int[] NewLookahead() => new int[1 << LookaheadBits];

    private LosslessHuffmanTable(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> values, int offset, int[] lookahead)
    {
        Lookahead = lookahead;
        Array.Clear(lookahead);
        _values = values.ToArray();
        // Canonical code assignment, T.81 C.2 (Figures C.1–C.3) and F.2.2.3 (decoder tables).
        int code = 0, k = 0;
        for (int length = 1; length <= 16; length++)
        {
            int count = counts[length - 1];
            if (count == 0)
            {
                _maxCode[length] = -1;
            }
            else
            {
                _valueOffset[length] = k - code;
                // A code that needs more than `length` bits means the counts overflow the code space (the check
                // libjpeg's jdhuff.c makes): the table is corrupt.
                if (code + count > 1 << length)
                {
                    JpegLosslessErrors.Corrupt(
                        $"Huffman table has more codes of length {length} than fit in {length} bits", offset);
                }
                for (int i = 0; i < count; i++, k++, code++)
                {
                    FillLookahead(code, length, _values[k]);
                }
                _maxCode[length] = code - 1;
            }
            code <<= 1;
        }
        _maxCode[17] = int.MaxValue;   // sentinel: ends the slow search
    }

    /// <summary>Parses one table of a DHT segment; returns the table id (Th) and the bytes it used.</summary>
    /// <param name="lookahead">Gives the (cleared and refilled) lookahead array for a table class and id. A table
    /// redefines its slot, and one DHT segment may hold hundreds of tables: building each into a fresh 16 KB array
    /// let a 17 KB codestream allocate 4 MB (found by the jpeg-lossless fuzz target).</param>
    public static LosslessHuffmanTable Parse(ReadOnlySpan<byte> body, int offset, Func<int, int, int[]> lookahead,
        out int tableClass, out int tableId, out int consumed)
    {
        if (body.Length < 17) JpegLosslessErrors.Corrupt("DHT segment shorter than its 16 code-length counts", offset);
        tableClass = body[0] >> 4;
        tableId = body[0] & 0x0F;
        if (tableClass > 1 || tableId > 3)
        {
            JpegLosslessErrors.Corrupt(
                $"DHT defines table class {tableClass} id {tableId}, T.81 allows class 0..1 and id 0..3", offset);
        }
        ReadOnlySpan<byte> counts = body.Slice(1, 16);
        int total = 0;
        foreach (byte c in counts) total += c;
        if (total > 256 || body.Length < 17 + total)
        {
            JpegLosslessErrors.Corrupt(
                $"DHT table declares {total} codes but the segment holds fewer values", offset);
        }
        consumed = 17 + total;
        return new LosslessHuffmanTable(counts, body.Slice(17, total), offset, lookahead(tableClass, tableId));
    }

    private void FillLookahead(int code, int length, byte category)
    {
        if (length > LookaheadBits) return;
        int shift = LookaheadBits - length;
        int first = code << shift;
        for (int suffix = 0; suffix < 1 << shift; suffix++)
        {
            int entry;
            if (category == 0 || category == 16)
            {
                // SSSS = 16 means a difference of 32768 with no extra bits (T.81 H.1.2.2, Table H.2).
                entry = ((category == 16 ? 32768 : 0) << 8) | Complete | length;
            }
            else if (category > 16)
            {
                entry = 0;   // not a lossless category: let the slow path report it with its offset
            }
            else if (length + category <= LookaheadBits)
            {
                int extra = (suffix >> (shift - category)) & ((1 << category) - 1);
                entry = (Extend(extra, category) << 8) | Complete | (length + category);
            }
            else
            {
                entry = (category << 8) | CodeOnly | length;
            }
            Lookahead[first | suffix] = entry;
        }
    }

    /// <summary>
    /// Decodes a category from the top 16 bits of <paramref name="peek16"/> the canonical way (T.81 F.2.2.3
    /// DECODE); returns −1 when no code matches.
    /// </summary>
    public int DecodeCategory(int peek16, out int length)
    {
        for (length = 1; length <= 16; length++)
        {
            int code = peek16 >> (16 - length);
            if (code <= _maxCode[length]) return _values[code + _valueOffset[length]];
        }
        return -1;
    }

    /// <summary>T.81 F.2.2.1 EXTEND (Figure F.12): the SSSS extra bits as a signed difference.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Extend(int bits, int category) =>
        bits < 1 << (category - 1) ? bits - (1 << category) + 1 : bits;
}
