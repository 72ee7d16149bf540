using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;

namespace ChestDx.Imaging.Normalisation;

/// <summary>
/// Resamples a rectangle of a <see cref="GreyBuffer"/> into a rectangle of an 8-bit S×S buffer, scaling samples by
/// 255 / MaxValue and rounding half up (floor(v + 0.5), as Pillow's reduce does). Two paths, same result:
/// an exact integer box average when both axes shrink by whole factors (1024² → 256² is 4×4: the NIH case) and a
/// separable float filter (<see cref="AxisKernel"/>) for everything else.
/// </summary>
public static class Resampler
{
    public const string Description = "area average (downscale; exact integer box mean for whole factors), "
        + "triangle (upscale); round half up";

    /// <param name="source">The rectangle of the source to read.</param>
    /// <param name="target">Where in the S×S destination it lands; pixels outside are left untouched.</param>
    public static void Resample(GreyBuffer image, Rect source, Span<byte> destination, int size, Rect target)
    {
        if (image.IsEightBit && source.Width % target.Width == 0 && source.Height % target.Height == 0)
        {
            int kx = source.Width / target.Width, ky = source.Height / target.Height;
            // The 16-bit column sums must not overflow: ky · 255 ≤ 65535, and the box total kx · ky · 255 fits an int.
            if (ky <= 256)
            {
                BoxAverage(image, source, destination, size, target, kx, ky);
                return;
            }
        }
        Separable(image, source, destination, size, target);
    }

    private static void BoxAverage(GreyBuffer image, Rect source, Span<byte> destination, int size, Rect target,
        int kx, int ky)
    {
        ReadOnlySpan<byte> pixels = image.Bytes;
        ushort[] rented = ArrayPool<ushort>.Shared.Rent(source.Width);
        Span<ushort> columns = rented.AsSpan(0, source.Width);
        int area = kx * ky, half = area / 2;
        try
        {
            for (int oy = 0; oy < target.Height; oy++)
            {
                columns.Clear();
                for (int r = 0; r < ky; r++)
                    AddWidened(pixels.Slice((source.Y + oy * ky + r) * image.Width + source.X, source.Width), columns);
                Span<byte> row = destination.Slice((target.Y + oy) * size + target.X, target.Width);
                for (int ox = 0; ox < row.Length; ox++)
                {
                    int sum = 0;
                    foreach (ushort c in columns.Slice(ox * kx, kx)) sum += c;
                    row[ox] = (byte)((sum + half) / area);
                }
            }
        }
        finally
        {
            ArrayPool<ushort>.Shared.Return(rented);
        }
    }

    /// <summary>columns[i] += bytes[i], vectorised by widening bytes to 16-bit lanes.</summary>
    internal static void AddWidened(ReadOnlySpan<byte> bytes, Span<ushort> columns)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int n = Vector<byte>.Count, half = Vector<ushort>.Count;
            for (; i <= bytes.Length - n; i += n)
            {
                Vector.Widen(new Vector<byte>(bytes[i..]), out Vector<ushort> lo, out Vector<ushort> hi);
                (new Vector<ushort>(columns[i..]) + lo).CopyTo(columns[i..]);
                (new Vector<ushort>(columns[(i + half)..]) + hi).CopyTo(columns[(i + half)..]);
            }
        }
        for (; i < bytes.Length; i++) columns[i] += bytes[i];
    }

    private static void Separable(GreyBuffer image, Rect source, Span<byte> destination, int size, Rect target)
    {
        AxisKernel horizontal = AxisKernel.Create(source.Width, target.Width);
        AxisKernel vertical = AxisKernel.Create(source.Height, target.Height);
        float[] rented = ArrayPool<float>.Shared.Rent(source.Height * target.Width);
        Span<float> rows = rented.AsSpan(0, source.Height * target.Width);
        try
        {
            // Horizontal pass over every source row of the rectangle, into floats in source units.
            for (int y = 0; y < source.Height; y++)
            {
                Span<float> outRow = rows.Slice(y * target.Width, target.Width);
                int offset = (source.Y + y) * image.Width + source.X;
                if (image.IsEightBit) Horizontal(image.Bytes.Slice(offset, source.Width), horizontal, outRow);
                else Horizontal(image.Words.Slice(offset, source.Width), horizontal, outRow);
            }
            float scale = 255f / image.MaxValue;
            for (int oy = 0; oy < target.Height; oy++)
            {
                int first = vertical.Start[oy];
                float[] w = vertical.Weights[oy];
                Span<byte> row = destination.Slice((target.Y + oy) * size + target.X, target.Width);
                for (int ox = 0; ox < row.Length; ox++)
                {
                    float sum = 0;
                    for (int t = 0; t < w.Length; t++) sum += w[t] * rows[(first + t) * target.Width + ox];
                    row[ox] = (byte)Math.Clamp(MathF.Floor(sum * scale + 0.5f), 0f, 255f);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    internal static void Horizontal<T>(ReadOnlySpan<T> source, AxisKernel kernel, Span<float> output)
        where T : unmanaged, INumberBase<T>
    {
        for (int j = 0; j < output.Length; j++)
        {
            float[] w = kernel.Weights[j];
            ReadOnlySpan<T> window = source.Slice(kernel.Start[j], w.Length);
            float sum = 0;
            for (int t = 0; t < w.Length; t++) sum += w[t] * float.CreateTruncating(window[t]);
            output[j] = sum;
        }
    }
}

/// <summary>A pixel rectangle.</summary>
public readonly record struct Rect(int X, int Y, int Width, int Height);
