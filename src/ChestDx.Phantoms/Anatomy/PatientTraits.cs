using ChestDx.Core.Randomness;

namespace ChestDx.Phantoms.Anatomy;

/// <summary>
/// What stays the same across a patient's films: sex, age at the first film, habitus, the shape of lungs, heart,
/// mediastinum and skeleton, and the vessel tree. Drawn from the patient's own stream in a fixed order; adding a
/// trait means appending its draw at the end and bumping <see cref="PhantomGenerator.GeneratorVersion"/>.
/// </summary>
public sealed record PatientTraits
{
    public required PhantomSex Sex { get; init; }
    public required int Age { get; init; }
    public required double ThoraxHalfWidth { get; init; }
    public required double WallAsymmetry { get; init; }
    public required double BodyMargin { get; init; }
    public required double NeckHalfWidth { get; init; }
    public required double SoftTissue { get; init; }
    public required double ApexV { get; init; }
    public required double LungHeight { get; init; }
    public required double DomeRise { get; init; }
    public required double LeftDomeDrop { get; init; }
    public required double ApexXFraction { get; init; }
    public required double DomeXFraction { get; init; }
    public required double RightMedialX { get; init; }
    public required double LeftMedialX { get; init; }
    public required double AirDepth { get; init; }
    public required double Ctr { get; init; }
    public required double HeartRightFraction { get; init; }
    public required double HeartTiltDegrees { get; init; }
    public required double HeartAspect { get; init; }
    public required double HeartDensity { get; init; }
    public required double MidlineU { get; init; }
    public required double TracheaHalfWidth { get; init; }
    public required double AorticKnobRadius { get; init; }
    public required double MediastinalDensity { get; init; }
    public required double BoneDensity { get; init; }
    public required double SpineHalfWidth { get; init; }
    public required double VertebraHeight { get; init; }
    public required double VertebraPhase { get; init; }
    public required double RibSpacingFactor { get; init; }
    public required double FirstRibOffset { get; init; }
    public required double RibHalfThickness { get; init; }
    public required double RibArch { get; init; }
    public required double AnteriorRibSlope { get; init; }
    public required double ClavicleLengthFraction { get; init; }
    public required double ClavicleDrop { get; init; }
    public required double ClavicleRise { get; init; }
    public required double BreastDensity { get; init; }
    public required double BreastRadius { get; init; }
    public required double BreastXFraction { get; init; }
    public required double BreastRaise { get; init; }
    public required double GastricBubbleRadius { get; init; }
    public required double HilumHeightFraction { get; init; }
    public required double RightHilumOffset { get; init; }
    public required double LeftHilumOffset { get; init; }
    public required double LeftHilumRaise { get; init; }
    public required double VesselDensity { get; init; }
    public required double TextureAmplitude { get; init; }
    public required ulong VesselSeed { get; init; }
    public required ulong TextureSeed { get; init; }

    /// <summary>Normal PA cardiothoracic ratios: 0.36–0.455,
    /// below the 0.5 cardiomegaly threshold with a margin.</summary>
    public static ParameterRange NormalCtrRange { get; } =
        new(0.36, 0.455, "ratio", "cardiothoracic ratio of a normal heart on a PA film");

    /// <remarks>Traits that exist only for some patients (breasts, a gastric bubble) still make their draw for the
    /// others, so every later trait comes from the same position in the stream.</remarks>
    public static PatientTraits Draw(ref SeededRandom r)
    {
        PhantomSex sex = r.Bernoulli(0.55) ? PhantomSex.M : PhantomSex.F;
        int age = 18 + r.NextInt(73);
        double width = r.Uniform(0.62, 0.76) - (sex == PhantomSex.F ? 0.025 : 0);
        return new PatientTraits
        {
            Sex = sex,
            Age = age,
            ThoraxHalfWidth = width,
            WallAsymmetry = r.Uniform(-0.015, 0.015),
            BodyMargin = r.Uniform(0.10, 0.28),
            NeckHalfWidth = r.Uniform(0.2, 0.26),
            SoftTissue = r.Uniform(0.95, 1.1),
            ApexV = r.Uniform(-0.74, -0.62),
            LungHeight = r.Uniform(1.0, 1.18),
            DomeRise = r.Uniform(0.13, 0.22),
            LeftDomeDrop = r.Uniform(0.01, 0.05),
            ApexXFraction = r.Uniform(0.45, 0.55),
            DomeXFraction = r.Uniform(0.40, 0.52),
            RightMedialX = r.Uniform(0.11, 0.15),
            LeftMedialX = r.Uniform(0.10, 0.14),
            AirDepth = r.Uniform(0.44, 0.54),
            Ctr = r.Uniform(NormalCtrRange),
            HeartRightFraction = r.Uniform(0.28, 0.36),
            HeartTiltDegrees = r.Uniform(25, 40),
            HeartAspect = r.Uniform(0.82, 0.98),
            HeartDensity = r.Uniform(0.04, 0.1),
            MidlineU = r.Uniform(-0.02, 0.02),
            TracheaHalfWidth = r.Uniform(0.035, 0.05),
            AorticKnobRadius = r.Uniform(0.04, 0.058) + 0.0004 * Math.Max(0, age - 40),
            MediastinalDensity = r.Uniform(0.08, 0.14),
            BoneDensity = r.Uniform(0.85, 1.15) * (1 - 0.004 * Math.Max(0, age - 45)),
            SpineHalfWidth = r.Uniform(0.05, 0.065),
            VertebraHeight = r.Uniform(0.085, 0.1),
            VertebraPhase = r.NextDouble(),
            RibSpacingFactor = r.Uniform(0.95, 1.05),
            FirstRibOffset = r.Uniform(-0.02, 0.03),
            RibHalfThickness = r.Uniform(0.020, 0.026),
            RibArch = r.Uniform(0.22, 0.34),
            AnteriorRibSlope = r.Uniform(0.35, 0.55),
            ClavicleLengthFraction = r.Uniform(0.8, 0.98),
            ClavicleDrop = r.Uniform(0.17, 0.24),
            ClavicleRise = r.Uniform(0.1, 0.16),
            BreastDensity = sex == PhantomSex.F ? r.Uniform(0.03, 0.08) : 0 * r.NextDouble(),
            BreastRadius = r.Uniform(0.2, 0.3),
            BreastXFraction = r.Uniform(0.5, 0.65),
            BreastRaise = r.Uniform(0.05, 0.2),
            GastricBubbleRadius = r.Bernoulli(0.65) ? r.Uniform(0.05, 0.09) : 0 * r.NextDouble(),
            HilumHeightFraction = r.Uniform(0.42, 0.5),
            RightHilumOffset = r.Uniform(0.06, 0.1),
            LeftHilumOffset = r.Uniform(0.05, 0.09),
            LeftHilumRaise = r.Uniform(0.01, 0.05),
            VesselDensity = r.Uniform(1.8, 2.4),
            TextureAmplitude = r.Uniform(0.012, 0.022),
            VesselSeed = r.NextUInt64(),
            TextureSeed = r.NextUInt64(),
        };
    }
}
