using ChestDx.Core.Randomness;
namespace ChestDx.Phantoms.Determinism;

/// <summary>
/// Stateless noise: every value is a hash of (seed, position), so a pixel's noise does not depend on which other
/// pixels were drawn or in what order. Rendering can then run in any order and a phantom and its finding-free twin
/// share their noise exactly.
/// </summary>
public static class HashNoise
{
    private const double Inv16 = 1.0 / 65536.0;

    /// <summary>An approximately standard normal value (Irwin–Hall of four 16-bit uniforms, unit variance).</summary>
    public static double Gaussian(ulong seed, long index)
    {
        ulong h = SplitMix64.Mix(seed ^ SplitMix64.Mix((ulong)index));
        double sum = ((h & 0xFFFF) + 0.5) * Inv16
                   + (((h >> 16) & 0xFFFF) + 0.5) * Inv16
                   + (((h >> 32) & 0xFFFF) + 0.5) * Inv16
                   + ((h >> 48) + 0.5) * Inv16;
        return (sum - 2.0) * 1.7320508075688772;
    }

    /// <summary>
    /// Smooth value noise in [−1, 1] with features about <paramref name="cell"/> units across: random values on a
    /// square lattice, blended with the C² quintic fade (Perlin, "Improving noise", SIGGRAPH 2002).
    /// </summary>
    public static double Value(ulong seed, double u, double v, double cell)
    {
        double x = u / cell, y = v / cell;
        double fx = Math.Floor(x), fy = Math.Floor(y);
        long ix = (long)fx, iy = (long)fy;
        double tx = Fade(x - fx), ty = Fade(y - fy);
        double a = Lattice(seed, ix, iy), b = Lattice(seed, ix + 1, iy);
        double c = Lattice(seed, ix, iy + 1), d = Lattice(seed, ix + 1, iy + 1);
        double top = a + (b - a) * tx;
        double bottom = c + (d - c) * tx;
        return top + (bottom - top) * ty;
    }

    private static double Lattice(ulong seed, long ix, long iy)
    {
        ulong h =
            SplitMix64.Mix(seed ^ SplitMix64.Mix((ulong)ix * 0x9E3779B97F4A7C15UL ^ (ulong)iy * 0xC2B2AE3D27D4EB4FUL));
        return (h >> 11) * (2.0 / (1UL << 53)) - 1.0;
    }

    private static double Fade(double t) => t * t * t * (t * (t * 6 - 15) + 10);
}
