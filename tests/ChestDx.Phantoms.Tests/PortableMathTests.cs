using ChestDx.Phantoms.Determinism;

namespace ChestDx.Phantoms.Tests;

/// <summary>
/// The portable sin and cos agree with the platform's libm to ~1e-15 (they exist to be bit-reproducible across
/// platforms, which <see cref="PhantomDeterminismTests"/> pins through image hashes; here we check they are right).
/// </summary>
public class PortableMathTests
{
    [Fact]
    public void Sin_and_cos_agree_with_the_platform_library()
    {
        for (double x = -50; x <= 50; x += 0.0137)
        {
            Assert.Equal(Math.Sin(x), PortableMath.Sin(x), 2e-15);
            Assert.Equal(Math.Cos(x), PortableMath.Cos(x), 2e-15);
        }
        foreach (double x in new[] { 0.0, Math.PI / 4, Math.PI / 2, Math.PI, 1e5 + 0.3 })
        {
            Assert.Equal(Math.Sin(x), PortableMath.Sin(x), 1e-10);
            Assert.Equal(Math.Cos(x), PortableMath.Cos(x), 1e-10);
        }
    }

    [Fact]
    public void Angles_outside_the_supported_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PortableMath.Sin(1e7));
        Assert.Throws<ArgumentOutOfRangeException>(() => PortableMath.Cos(double.NaN));
    }
}
