
namespace ChestDx.Phantoms.Determinism;

/// <summary>
/// The trigonometric functions the phantom generator needs, written with IEEE-754 basic operations only
/// (+ − × ÷ and √, which IEEE-754 §5.4 requires to be correctly rounded) so that every machine computes the same bits.
/// Math.Sin and Math.Cos call the platform's C library, whose last-bit results differ between glibc, musl,
/// macOS and Windows; one differing bit can flip a rounded pixel and break "same seed, same bytes".
/// </summary>
/// <remarks>
/// .NET does not contract a*b+c into a fused multiply-add unless asked (Math.FusedMultiplyAdd), and phantoms never
/// use SIMD reductions, so evaluation order is exactly the order written here. Accuracy is ~1e-15 relative, far more
/// than a radiograph needs; determinism is the point.
/// </remarks>
public static class PortableMath
{
    private const double TwoPi = 6.283185307179586;
    // 2π split in two for Cody–Waite reduction: the high part has 32 significant bits (0x1.921fb544p+2), so
    // k·TwoPiHigh is exact for every |k| < 2^21; the low part is 2π − TwoPiHigh rounded to double.
    private const double TwoPiHigh = 6.2831853069365025;
    private const double TwoPiLow = 2.430840202602477e-10;
    private const double HalfPi = 1.5707963267948966;

    /// <summary>sin(x) for |x| ≤ 1e6.</summary>
    public static double Sin(double x)
    {
        double r = ReduceHalfPi(x, out int quadrant);
        return (quadrant & 3) switch
        {
            0 => SinKernel(r),
            1 => CosKernel(r),
            2 => -SinKernel(r),
            _ => -CosKernel(r),
        };
    }

    /// <summary>cos(x) for |x| ≤ 1e6.</summary>
    public static double Cos(double x)
    {
        double r = ReduceHalfPi(x, out int quadrant);
        return (quadrant & 3) switch
        {
            0 => CosKernel(r),
            1 => -SinKernel(r),
            2 => -CosKernel(r),
            _ => SinKernel(r),
        };
    }

    /// <summary>Converts degrees to radians.</summary>
    public static double Radians(double degrees) => degrees * (Math.PI / 180.0);

    // Reduces x to r in [−π/4, π/4] with x = r + quadrant·π/2 (Cody–Waite, two steps).
    private static double ReduceHalfPi(double x, out int quadrant)
    {
        if (!(Math.Abs(x) <= 1e6))
            throw new ArgumentOutOfRangeException(nameof(x), x, "angle out of the supported range");
        double turns = Math.Round(x / TwoPi);
        double y = (x - turns * TwoPiHigh) - turns * TwoPiLow; // y in [−π, π]
        double q = Math.Round(y / HalfPi);
        quadrant = (int)q & 3;
        return (y - q * (TwoPiHigh / 4)) - q * (TwoPiLow / 4);
    }

    // Taylor series on [−π/4, π/4]; the first omitted terms are below 1e-16.
    private static double SinKernel(double r)
    {
        double r2 = r * r;
        double p = -1.0 / 1307674368000.0;
        p = p * r2 + 1.0 / 6227020800.0;
        p = p * r2 - 1.0 / 39916800.0;
        p = p * r2 + 1.0 / 362880.0;
        p = p * r2 - 1.0 / 5040.0;
        p = p * r2 + 1.0 / 120.0;
        p = p * r2 - 1.0 / 6.0;
        return r + r * r2 * p;
    }

    private static double CosKernel(double r)
    {
        double r2 = r * r;
        double p = 1.0 / 20922789888000.0;
        p = p * r2 - 1.0 / 87178291200.0;
        p = p * r2 + 1.0 / 479001600.0;
        p = p * r2 - 1.0 / 3628800.0;
        p = p * r2 + 1.0 / 40320.0;
        p = p * r2 - 1.0 / 720.0;
        p = p * r2 + 1.0 / 24.0;
        p = p * r2 - 0.5;
        return 1.0 + r2 * p;
    }
}
