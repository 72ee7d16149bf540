
namespace ChestDx.Phantoms.Anatomy;

/// <summary>
/// Everything a finding-free chest phantom is made of, in the patient frame. Drawn by <see cref="AnatomySampler"/>;
/// findings that change anatomy (cardiomegaly, the volume loss of atelectasis) return a modified copy.
/// </summary>
public sealed record ChestAnatomy
{
    public required BodyShape Body { get; init; }
    public required LungShape RightLung { get; init; }
    public required LungShape LeftLung { get; init; }
    public required HeartShape Heart { get; init; }
    public required MediastinumShape Mediastinum { get; init; }
    public required Skeleton Skeleton { get; init; }
    /// <summary>Hilar points the vessel trees grow from (right, left).</summary>
    public required double RightHilumU { get; init; }
    public required double RightHilumV { get; init; }
    public required double LeftHilumU { get; init; }
    public required double LeftHilumV { get; init; }
    public required ulong VesselSeed { get; init; }
    /// <summary>Vessel attenuation per unit chord.</summary>
    public required double VesselDensity { get; init; }
    /// <summary>Fine parenchymal texture (interstitium, small vessels below the tree's resolution).</summary>
    public required ulong TextureSeed { get; init; }
    public required double TextureAmplitude { get; init; }
    /// <summary>How much larger the heart projects than on a PA film (AP films:
    /// the heart is far from the detector).</summary>
    public required double HeartMagnification { get; init; }
    /// <summary>Fraction of the lung air the heart displaces where it is thickest (the rest is
    /// retrocardiac lung).</summary>
    public const double HeartDisplacesAir = 0.88;

    public LungShape Lung(int side) => side < 0 ? RightLung : LeftLung;
}
