namespace ChestDx.Dicom.Codecs.Jpeg;

/// <summary>
/// Chroma upsampling as libjpeg 6b does it by default (jdsample.c "fancy" triangle filter for 2×1 and 2×2), which is
/// what dcmtk's dcmdjpeg and GDCM produce: JpegLibrary only replicates samples, which differs from those references
/// by tens of levels at colour edges. Other ratios stay replicated, as libjpeg's int_upsample also does.
/// </summary>
internal static class FancyUpsampler
{
    /// <summary>
    /// Replaces the replicated full-resolution <paramref name="plane"/> of a component subsampled by
    /// <paramref name="factorX"/> × <paramref name="factorY"/> with libjpeg's interpolation.
    /// </summary>
    public static void Apply(int[] plane, int width, int height, int factorX, int factorY)
    {
        if (factorX != 2 || factorY is not (1 or 2)) return;
        // The component's own samples (T.81 A.1.1: ceil(X × Hi / Hmax) columns, ceil(Y × Vi / Vmax) lines).
        int sourceWidth = (width + 1) / 2, sourceHeight = (height + factorY - 1) / factorY;
        if (sourceWidth < 2) return;
        var source = new int[sourceWidth * sourceHeight];
        for (int y = 0; y < sourceHeight; y++)
        {
            for (int x = 0; x < sourceWidth; x++) source[y * sourceWidth + x] = plane[y * factorY * width + 2 * x];
        }
        var row = new int[2 * sourceWidth];
        for (int y = 0; y < sourceHeight; y++)
        {
            ReadOnlySpan<int> current = source.AsSpan(y * sourceWidth, sourceWidth);
            if (factorY == 1)
            {
                UpsampleH2V1(current, row);
                Store(row, plane, y, width, height);
                continue;
            }
            // libjpeg's context rows: above the first row and below the last, the edge row repeats (jdmainct.c).
            ReadOnlySpan<int> above = source.AsSpan(Math.Max(y - 1, 0) * sourceWidth, sourceWidth);
            ReadOnlySpan<int> below = source.AsSpan(Math.Min(y + 1, sourceHeight - 1) * sourceWidth, sourceWidth);
            UpsampleH2V2(current, above, row);
            Store(row, plane, 2 * y, width, height);
            UpsampleH2V2(current, below, row);
            Store(row, plane, 2 * y + 1, width, height);
        }
    }

    /// <summary>jdsample.c h2v1_fancy_upsample: 3/4 nearer + 1/4 further sample, alternating rounding bias.</summary>
    private static void UpsampleH2V1(ReadOnlySpan<int> input, Span<int> output)
    {
        int n = input.Length;
        output[0] = input[0];
        output[1] = (input[0] * 3 + input[1] + 2) >> 2;
        for (int i = 1; i < n - 1; i++)
        {
            output[2 * i] = (input[i] * 3 + input[i - 1] + 1) >> 2;
            output[2 * i + 1] = (input[i] * 3 + input[i + 1] + 2) >> 2;
        }
        output[2 * n - 2] = (input[n - 1] * 3 + input[n - 2] + 1) >> 2;
        output[2 * n - 1] = input[n - 1];
    }

    /// <summary>jdsample.c h2v2_fancy_upsample: vertical 3:1 column sums, then horizontal 3:1 (weights /16).</summary>
    private static void UpsampleH2V2(ReadOnlySpan<int> nearer, ReadOnlySpan<int> further, Span<int> output)
    {
        int n = nearer.Length;
        int thisSum = nearer[0] * 3 + further[0];
        int nextSum = nearer[1] * 3 + further[1];
        output[0] = (thisSum * 4 + 8) >> 4;
        output[1] = (thisSum * 3 + nextSum + 7) >> 4;
        int lastSum = thisSum;
        thisSum = nextSum;
        for (int i = 1; i < n - 1; i++)
        {
            nextSum = nearer[i + 1] * 3 + further[i + 1];
            output[2 * i] = (thisSum * 3 + lastSum + 8) >> 4;
            output[2 * i + 1] = (thisSum * 3 + nextSum + 7) >> 4;
            lastSum = thisSum;
            thisSum = nextSum;
        }
        output[2 * n - 2] = (thisSum * 3 + lastSum + 8) >> 4;
        output[2 * n - 1] = (thisSum * 4 + 7) >> 4;
    }

    private static void Store(ReadOnlySpan<int> row, int[] plane, int y, int width, int height)
    {
        if (y < height) row[..width].CopyTo(plane.AsSpan(y * width, width));
    }
}
