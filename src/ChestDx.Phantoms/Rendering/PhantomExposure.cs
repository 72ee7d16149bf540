
namespace ChestDx.Phantoms.Rendering;

/// <summary>
/// How attenuation becomes grey: a film-like sigmoid characteristic curve (window centre and width, black and white
/// levels), the anode heel effect (exposure falling off along the tube axis), large-scale mottle, and quantum noise.
/// Drawn per image and independent of the findings, so brightness carries no label.
/// </summary>
public sealed record PhantomExposure
{
    /// <summary>Attenuation shown as mid-grey.</summary>
    public required double WindowCenter { get; init; }
    /// <summary>Attenuation per unit of the characteristic curve's argument (larger: flatter contrast).</summary>
    public required double WindowWidth { get; init; }
    /// <summary>Grey level (0–255 scale) the curve tends to at zero attenuation; may be below 0 (clipped).</summary>
    public required double BlackLevel { get; init; }
    /// <summary>Grey level the curve tends to at high attenuation; may exceed 255 (clipped).</summary>
    public required double WhiteLevel { get; init; }
    /// <summary>Relative attenuation change from the top to the bottom of the film (heel effect).</summary>
    public required double HeelGradient { get; init; }
    /// <summary>Standard deviation of the per-pixel noise in grey levels of a 1024² film.</summary>
    public required double NoiseSigma { get; init; }
    public required ulong NoiseSeed { get; init; }
    public required double MottleAmplitude { get; init; }
    public required ulong MottleSeed { get; init; }

    /// <summary>The characteristic curve: grey level (0–255 scale, unclipped)
    /// for attenuation <paramref name="a"/>.</summary>
    public double Grey(double a)
    {
        double z = (a - WindowCenter) / WindowWidth;
        double t = 0.5 + 0.5 * z / Math.Sqrt(1 + z * z);
        return BlackLevel + (WhiteLevel - BlackLevel) * t;
    }
}
