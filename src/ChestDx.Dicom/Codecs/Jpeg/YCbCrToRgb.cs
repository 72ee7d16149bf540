namespace ChestDx.Dicom.Codecs.Jpeg;

/// <summary>
/// YCbCr → RGB exactly as libjpeg 6b's jdcolor.c computes it (16-bit fixed point, the same rounding and clamping), so
/// colour output differs from dcmtk's only where the IDCT does. Full-range JFIF equations (PS3.3 C.7.6.3.1.2
/// YBR_FULL): R = Y + 1.402 (Cr − c), G = Y − 0.34414 (Cb − c) − 0.71414 (Cr − c), B = Y + 1.772 (Cb − c), c = 2^(P−1).
/// </summary>
internal static class YCbCrToRgb
{
    private const int ScaleBits = 16;
    private const long OneHalf = 1L << (ScaleBits - 1);

    private static long Fix(double x) => (long)(x * (1L << ScaleBits) + 0.5);

    public static void Convert(int[] y, int[] cb, int[] cr, int precision)
    {
        int center = 1 << (precision - 1), maximum = (1 << precision) - 1;
        long crR = Fix(1.40200), cbB = Fix(1.77200), crG = Fix(0.71414), cbG = Fix(0.34414);
        for (int i = 0; i < y.Length; i++)
        {
            long b = cb[i] - center, r = cr[i] - center;
            int luma = y[i];
            int red = luma + (int)((crR * r + OneHalf) >> ScaleBits);
            int green = luma + (int)((-cbG * b + OneHalf - crG * r) >> ScaleBits);
            int blue = luma + (int)((cbB * b + OneHalf) >> ScaleBits);
            y[i] = Math.Clamp(red, 0, maximum);
            cb[i] = Math.Clamp(green, 0, maximum);
            cr[i] = Math.Clamp(blue, 0, maximum);
        }
    }
}
