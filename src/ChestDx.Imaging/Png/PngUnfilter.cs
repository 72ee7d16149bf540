using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ChestDx.Imaging.Png;

/// <summary>
/// Reverses PNG's per-scanline filters in place (PNG spec §9.2–9.4). Up is vectorised; Sub, Average and Paeth depend
/// on the byte just reconstructed to their left, so for one-byte pixels they are a serial chain and stay scalar
/// (branch-free Paeth). NIH's PNGs are mostly Paeth and Average rows.
/// </summary>
public static class PngUnfilter
{
    public const byte None = 0, Sub = 1, Up = 2, Average = 3, Paeth = 4;

    /// <summary>
    /// Reconstructs one scanline. <paramref name="row"/> holds the filtered bytes (without the filter-type byte),
    /// <paramref name="prior"/> the reconstructed previous scanline (all zero for the first one, §9.2).
    /// </summary>
    /// <returns>false when the filter type is not 0–4.</returns>
    public static bool Apply(byte filter, Span<byte> row, ReadOnlySpan<byte> prior, int bytesPerPixel)
    {
        switch (filter)
        {
            case None: return true;
            case Sub or Average or Paeth when bytesPerPixel == 4 && row.Length % 4 == 0:
                UndoFourBytePixels(filter, row, prior);
                return true;
            case Sub: UndoSub(row, bytesPerPixel); return true;
            case Up: UndoUp(row, prior); return true;
            case Average: UndoAverage(row, prior, bytesPerPixel); return true;
            case Paeth: UndoPaeth(row, prior, bytesPerPixel); return true;
            default: return false;
        }
    }

    /// <summary>
    /// Reconstructs two consecutive one-byte-pixel scanlines that both use Average or Paeth, interleaved as a
    /// wavefront: byte i of the first row and byte i − 1 of the second are independent (the second only needs bytes
    /// already done in the first), so the two serial chains overlap in the CPU and the pair costs little more than
    /// one row. Equivalent to <see cref="Apply"/> on each row in turn.
    /// </summary>
    /// <returns>false (nothing done) unless both filters are Average or Paeth.</returns>
    public static bool TryApplyPair(byte filter0, byte filter1, Span<byte> row0, Span<byte> row1,
        ReadOnlySpan<byte> prior)
    {
        if (filter0 is not (Average or Paeth) || filter1 is not (Average or Paeth)) return false;
        int n = row0.Length;
        if (row1.Length != n || prior.Length < n || n == 0) return false;
        ref byte r0 = ref MemoryMarshal.GetReference(row0);
        ref byte r1 = ref MemoryMarshal.GetReference(row1);
        ref byte p = ref MemoryMarshal.GetReference(prior);
        bool paeth0 = filter0 == Paeth, paeth1 = filter1 == Paeth;
        int a0 = 0, c0 = 0, a1 = 0, c1 = 0;
        for (int i = 0; i < n; i++)
        {
            int b0 = Unsafe.Add(ref p, i);
            a0 = (byte)(Unsafe.Add(ref r0, i) + (paeth0 ? PaethPredictor(a0, b0, c0) : (a0 + b0) >> 1));
            Unsafe.Add(ref r0, i) = (byte)a0;
            c0 = b0;
            if (i == 0) continue;
            int b1 = Unsafe.Add(ref r0, i - 1);
            a1 = (byte)(Unsafe.Add(ref r1, i - 1) + (paeth1 ? PaethPredictor(a1, b1, c1) : (a1 + b1) >> 1));
            Unsafe.Add(ref r1, i - 1) = (byte)a1;
            c1 = b1;
        }
        int bLast = Unsafe.Add(ref r0, n - 1);
        Unsafe.Add(ref r1, n - 1) =
            (byte)(Unsafe.Add(ref r1, n - 1) + (paeth1 ? PaethPredictor(a1, bLast, c1) : (a1 + bLast) >> 1));
        return true;
    }

    /// <summary>
    /// RGBA rows: the four channels are independent chains, so one pixel is reconstructed at a time with the four
    /// bytes in 16-bit SIMD lanes (libpng's SSE2 approach). NIH's RGBA radiographs are 4 MB of this per image.
    /// </summary>
    private static void UndoFourBytePixels(byte filter, Span<byte> row, ReadOnlySpan<byte> prior)
    {
        ref byte r = ref MemoryMarshal.GetReference(row);
        ref byte p = ref MemoryMarshal.GetReference(prior);
        Vector128<short> a = Vector128<short>.Zero, c = Vector128<short>.Zero;
        Vector128<short> mask = Vector128.Create((short)0xFF);
        for (int i = 0; i < row.Length; i += 4)
        {
            Vector128<short> x = Widen(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref r, i)));
            Vector128<short> b = filter == Sub ? Vector128<short>.Zero
                : Widen(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, i)));
            Vector128<short> predictor;
            if (filter == Sub) predictor = a;
            else if (filter == Average) predictor = Vector128.ShiftRightLogical(a + b, 1);
            else
            {
                Vector128<short> pa = Vector128.Abs(b - c), pb = Vector128.Abs(a - c),
                    pc = Vector128.Abs(a + b - c - c);
                Vector128<short> useA = Vector128.LessThanOrEqual(pa, pb) & Vector128.LessThanOrEqual(pa, pc);
                predictor = Vector128.ConditionalSelect(
                    useA, a, Vector128.ConditionalSelect(Vector128.LessThanOrEqual(pb, pc), b, c));
            }
            a = (x + predictor) & mask;
            Unsafe.WriteUnaligned(
                ref Unsafe.Add(ref r, i), Vector128.Narrow(a.AsUInt16(), a.AsUInt16()).AsUInt32().ToScalar());
            c = b;
        }
    }

    private static Vector128<short> Widen(uint fourBytes) =>
        Vector128.WidenLower(Vector128.CreateScalar(fourBytes).AsByte()).AsInt16();

    private static void UndoSub(Span<byte> row, int bpp)
    {
        ref byte r = ref MemoryMarshal.GetReference(row);
        if (bpp == 1)
        {
            // The left neighbour stays in a register: no store-to-load round trip per byte.
            int a = 0;
            for (int i = 0; i < row.Length; i++)
            {
                a = (byte)(Unsafe.Add(ref r, i) + a);
                Unsafe.Add(ref r, i) = (byte)a;
            }
            return;
        }
        for (int i = bpp; i < row.Length; i++)
            Unsafe.Add(ref r, i) += Unsafe.Add(ref r, i - bpp);
    }

    private static void UndoUp(Span<byte> row, ReadOnlySpan<byte> prior)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int n = Vector<byte>.Count;
            for (; i <= row.Length - n; i += n)
                (new Vector<byte>(row[i..]) + new Vector<byte>(prior[i..])).CopyTo(row[i..]);
        }
        for (; i < row.Length; i++) row[i] += prior[i];
    }

    private static void UndoAverage(Span<byte> row, ReadOnlySpan<byte> prior, int bpp)
    {
        ref byte r = ref MemoryMarshal.GetReference(row);
        ref byte p = ref MemoryMarshal.GetReference(prior);
        if (bpp == 1)
        {
            int a = 0;
            for (int i = 0; i < row.Length; i++)
            {
                a = (byte)(Unsafe.Add(ref r, i) + ((a + Unsafe.Add(ref p, i)) >> 1));
                Unsafe.Add(ref r, i) = (byte)a;
            }
            return;
        }
        for (int i = 0; i < bpp; i++) Unsafe.Add(ref r, i) += (byte)(Unsafe.Add(ref p, i) >> 1);
        for (int i = bpp; i < row.Length; i++)
            Unsafe.Add(ref r, i) += (byte)((Unsafe.Add(ref r, i - bpp) + Unsafe.Add(ref p, i)) >> 1);
    }

    private static void UndoPaeth(Span<byte> row, ReadOnlySpan<byte> prior, int bpp)
    {
        ref byte r = ref MemoryMarshal.GetReference(row);
        ref byte p = ref MemoryMarshal.GetReference(prior);
        if (bpp == 1)
        {
            // a (left) and c (upper left) carried in registers; the predictor is computed with conditional moves.
            int a = 0, c = 0;
            for (int i = 0; i < row.Length; i++)
            {
                int b = Unsafe.Add(ref p, i);
                a = (byte)(Unsafe.Add(ref r, i) + PaethPredictor(a, b, c));
                Unsafe.Add(ref r, i) = (byte)a;
                c = b;
            }
            return;
        }
        // Left neighbours are zero for the first pixel, so the predictor is b (§9.4 with a = c = 0).
        for (int i = 0; i < bpp; i++) Unsafe.Add(ref r, i) += Unsafe.Add(ref p, i);
        for (int i = bpp; i < row.Length; i++)
        {
            int a = Unsafe.Add(ref r, i - bpp), b = Unsafe.Add(ref p, i), c = Unsafe.Add(ref p, i - bpp);
            Unsafe.Add(ref r, i) += (byte)PaethPredictor(a, b, c);
        }
    }

    /// <summary>§9.4: the neighbour nearest to a + b − c, ties broken in the order a, b, c.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int PaethPredictor(int a, int b, int c)
    {
        // |p − a| = |b − c| and |p − b| = |a − c| for p = a + b − c; b − c does not depend on the byte just decoded,
        // which keeps it off the serial chain.
        int pa = b - c, pb = a - c;
        int pc = Abs(pa + pb);
        pa = Abs(pa);
        pb = Abs(pb);
        // Selects by sign masks instead of comparisons: the JIT turns ternaries on these into branches, and on noisy
        // image data those branches mispredict about half the time.
        int notB = (pc - pb) >> 31;                 // −1 when pc < pb: c is nearer than b
        int bc = b ^ ((b ^ c) & notB);
        int notA = ((pb - pa) | (pc - pa)) >> 31;   // −1 when b or c is nearer than a
        return a ^ ((a ^ bc) & notA);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Abs(int x)
    {
        int sign = x >> 31;
        return (x ^ sign) - sign;
    }
}
