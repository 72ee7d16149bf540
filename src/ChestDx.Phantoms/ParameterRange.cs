using System.Globalization;
using ChestDx.Core.Randomness;

namespace ChestDx.Phantoms;

/// <summary>
/// A closed range a phantom parameter is drawn from (uniformly unless the description says otherwise), with its unit.
/// Lengths are in frame units: the image's half-width at magnification 1, about 20 cm of patient (a ChestX-ray14 film
/// covers roughly 35–43 cm). Ranges are recorded in phantoms.json so a reader knows what was planted.
/// </summary>
public readonly record struct ParameterRange(double Min, double Max, string Unit, string Description)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Min:0.###}–{Max:0.###} {Unit}");
}

public static class ParameterRangeSampling
{
    /// <summary>Uniform on a documented parameter range.</summary>
    public static double Uniform(ref this SeededRandom random, ParameterRange range) =>
        random.Uniform(range.Min, range.Max);
}
