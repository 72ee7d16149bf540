using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ChestDx.Ingest.Decoding.Png;

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
            case Sub: UndoSub(row, bytesPerPixel); return true;
            case Up: UndoUp(row, prior); return true;
            case Average: UndoAverage(row, prior, bytesPerPixel); return true;
            case Paeth: UndoPaeth(row, prior, bytesPerPixel); return true;
            default: return false;
        }
    }

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
        // which keeps it off the serial chain. Branch-free abs and selects (cmov): noisy images defeat branch prediction.
        int pa = b - c, pb = a - c;
        int pc = Abs(pa + pb);
        pa = Abs(pa);
        pb = Abs(pb);
        int bc = pb <= pc ? b : c;
        return (pa <= pb) & (pa <= pc) ? a : bc;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Abs(int x)
    {
        int sign = x >> 31;
        return (x ^ sign) - sign;
    }
}
