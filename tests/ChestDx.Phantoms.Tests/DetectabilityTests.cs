using ChestDx.Phantoms;
using ChestDx.Phantoms.Findings;
using Xunit.Abstractions;

namespace ChestDx.Phantoms.Tests;

/// <summary>
/// Findings are visible at 64² — the smallest size the learning test trains at — without being giveaways. For each
/// planted class, the difference between a phantom and its twin at 64² is compared with the film's own noise,
/// measured the same way (the twin re-rendered with other noise): the ideal observer's detectability index
/// d′ = ‖signal‖ / σ must pass Rose's criterion (d′ ≥ 5; Rose, J. Opt. Soc. Am. 38:196, 1948) by a wide margin,
/// and the strongest change must be a contrast a reader sees (≥ 12 grey levels) but no saturated pixel a network
/// could key on.
/// </summary>
public class DetectabilityTests(ITestOutputHelper output)
{
    private const int Size = 64;
    private const int Cases = 8;

    [Theory]
    [InlineData(FindingKind.Nodule)]
    [InlineData(FindingKind.Mass)]
    [InlineData(FindingKind.Effusion)]
    [InlineData(FindingKind.Cardiomegaly)]
    [InlineData(FindingKind.Pneumothorax)]
    [InlineData(FindingKind.Atelectasis)]
    [InlineData(FindingKind.Consolidation)]
    public void Every_finding_stands_well_above_film_noise_at_64_pixels(FindingKind kind)
    {
        PhantomOptions options = PhantomTestKit.Only(kind, seed: 5);
        for (int i = 0; i < Cases; i++)
        {
            PhantomCase phantom = PhantomTestKit.Case(options, i);
            PhantomCase twin = phantom.WithoutFindings();
            PhantomCase otherNoise =
                twin with { Exposure = twin.Exposure with { NoiseSeed = twin.Exposure.NoiseSeed ^ 0x5DEECE66DUL } };
            double[] with = PhantomTestKit.Grey(phantom, Size), without = PhantomTestKit.Grey(twin, Size),
                again = PhantomTestKit.Grey(otherNoise, Size);

            double signal = 0, noise = 0, strongest = 0;
            for (int p = 0; p < with.Length; p++)
            {
                double d = with[p] - without[p];
                signal += d * d;
                strongest = Math.Max(strongest, Math.Abs(d));
                double n = without[p] - again[p];
                noise += n * n;
            }
            // The difference of two independent noise draws has twice the noise variance.
            double sigma = Math.Sqrt(noise / with.Length / 2);
            double dPrime = Math.Sqrt(signal) / sigma;
            output.WriteLine($"{phantom.ImageId}: d' {dPrime:0} (σ {sigma:0.00} grey), "
                + $"strongest change {strongest:0} grey");
            Assert.True(sigma > 0.2, "the film has noise");
            Assert.True(dPrime >= 25, $"{phantom.ImageId}: {kind} d' only {dPrime:0.0}");
            Assert.True(strongest >= 12, $"{phantom.ImageId}: {kind} changes at most {strongest:0.0} grey levels");
            for (int p = 0; p < with.Length; p++)
                if (with[p] != without[p]) Assert.InRange(with[p], 1, 254);
        }
    }
}
