using ChestDx.Phantoms.Geometry;

namespace ChestDx.Phantoms.Anatomy;

/// <summary>
/// The cardiac silhouette as a tilted ellipsoid sitting on the left hemidiaphragm, sized by its cardiothoracic ratio
/// (CTR: widest transverse heart diameter over widest internal thoracic diameter; Danzer 1919). A PA film of a normal
/// adult shows a CTR below 0.5; cardiomegaly is the conventional CTR > 0.5.
/// </summary>
public sealed record HeartShape
{
    public required double CenterU { get; init; }
    public required double CenterV { get; init; }
    /// <summary>Semi-axis along the long axis (which points down and to the patient's left, toward the apex).</summary>
    public required double LongAxis { get; init; }
    public required double ShortAxis { get; init; }
    public required double TiltDegrees { get; init; }
    public required double CosTilt { get; init; }
    public required double SinTilt { get; init; }
    /// <summary>Extra attenuation at the thickest point (blood and myocardium in place of lung).</summary>
    public required double Density { get; init; }
    /// <summary>The CTR this heart was built for, given the thoracic width passed to <see cref="Build"/>.</summary>
    public required double Ctr { get; init; }
    // What Build was given, so that WithCtr can enlarge the same heart.
    public required double ThoracicWidth { get; init; }
    public required double RightFraction { get; init; }
    public required double MidlineU { get; init; }
    public required double BaseV { get; init; }
    public required double Aspect { get; init; }

    /// <summary>
    /// A heart whose transverse diameter is <paramref name="ctr"/> × <paramref name="thoracicWidth"/>, with
    /// <paramref name="rightFraction"/> of it to the right of <paramref name="midlineU"/> (about a third on real
    /// films), resting on the diaphragm at <paramref name="baseV"/>: its widest part lies just above the dome and its
    /// lower part is lost in the density of the abdomen, so the silhouette narrows upward into the mediastinum.
    /// </summary>
    public static HeartShape Build(double ctr, double thoracicWidth, double rightFraction, double midlineU,
        double baseV, double tiltDegrees, double cosTilt, double sinTilt, double aspect, double density)
    {
        double halfWidth = ctr * thoracicWidth / 2;
        // Horizontal half-extent of an ellipse (a, b = aspect·a) tilted by φ: a·√(cos²φ + aspect²·sin²φ).
        double a = halfWidth / Math.Sqrt(cosTilt * cosTilt + aspect * aspect * sinTilt * sinTilt);
        double b = aspect * a;
        double halfHeight = Math.Sqrt(a * a * sinTilt * sinTilt + b * b * cosTilt * cosTilt);
        double rightBorder = midlineU - rightFraction * 2 * halfWidth;
        return new HeartShape
        {
            CenterU = rightBorder + halfWidth,
            CenterV = baseV - 0.45 * halfHeight,
            LongAxis = a,
            ShortAxis = b,
            TiltDegrees = tiltDegrees,
            CosTilt = cosTilt,
            SinTilt = sinTilt,
            Density = density,
            Ctr = ctr,
            ThoracicWidth = thoracicWidth,
            RightFraction = rightFraction,
            MidlineU = midlineU,
            BaseV = baseV,
            Aspect = aspect,
        };
    }

    /// <summary>The same heart resized to <paramref name="ctr"/>; <paramref name="rightFraction"/> lets an enlarged
    /// heart grow mostly to the left, as left-ventricular enlargement does.</summary>
    public HeartShape WithCtr(double ctr, double rightFraction) =>
        Build(ctr, ThoracicWidth, rightFraction, MidlineU, BaseV, TiltDegrees, CosTilt, SinTilt, Aspect, Density);

    /// <summary>Half of the transverse diameter.</summary>
    public double HalfWidth =>
        Math.Sqrt(LongAxis * LongAxis * CosTilt * CosTilt + ShortAxis * ShortAxis * SinTilt * SinTilt);

    public double HalfHeight =>
        Math.Sqrt(LongAxis * LongAxis * SinTilt * SinTilt + ShortAxis * ShortAxis * CosTilt * CosTilt);

    /// <summary>Normalised chord (0 outside, 1 through the centre) at patient point (u, v).</summary>
    public double Chord(double u, double v)
    {
        double du = u - CenterU, dv = v - CenterV;
        double p = (du * CosTilt + dv * SinTilt) / LongAxis;
        double q = (dv * CosTilt - du * SinTilt) / ShortAxis;
        return Profiles.Chord(Math.Sqrt(p * p + q * q));
    }
}
