using ChestDx.Phantoms.Determinism;

namespace ChestDx.Phantoms.Anatomy;

/// <summary>Builds a <see cref="ChestAnatomy"/> from a patient's traits and one film's traits. Pure:
/// no random draws.</summary>
public static class AnatomySampler
{
    /// <summary>AP films project the heart about 8% larger (it lies farther from the detector).</summary>
    public const double ApHeartMagnification = 1.08;

    public static ChestAnatomy Build(PatientTraits p, ImageTraits image)
    {
        double apexV = p.ApexV;
        double cpV = apexV + p.LungHeight + image.InspirationShift;
        double domeRight = cpV - p.DomeRise;
        double domeLeft = domeRight + p.LeftDomeDrop;
        double rightWall = p.ThoraxHalfWidth + p.WallAsymmetry, leftWall = p.ThoraxHalfWidth - p.WallAsymmetry;
        // The lateral walls become vertical at 75% of the reference (mid-inspiration) lung height.
        double wallV = apexV + 0.75 * p.LungHeight;
        LungShape right = Lung(-1, rightWall, p.RightMedialX, apexV, wallV, cpV, domeRight, p);
        LungShape left = Lung(+1, leftWall, p.LeftMedialX, apexV, wallV, cpV + p.LeftDomeDrop * 0.5, domeLeft, p);

        double magnification = image.View == PhantomView.AP ? ApHeartMagnification : 1.0;
        double tilt = PortableMath.Radians(p.HeartTiltDegrees);
        HeartShape heart = HeartShape.Build(p.Ctr * magnification, rightWall + leftWall, p.HeartRightFraction,
            p.MidlineU, domeLeft, p.HeartTiltDegrees, PortableMath.Cos(tilt), PortableMath.Sin(tilt), p.HeartAspect,
            p.HeartDensity);

        double bodyHalfWidth = p.ThoraxHalfWidth + p.BodyMargin;
        var body = new BodyShape
        {
            HalfWidth = bodyHalfWidth,
            NeckHalfWidth = p.NeckHalfWidth,
            ShoulderV = apexV + 0.02,
            SoftTissue = p.SoftTissue,
            BreastDensity = p.BreastDensity,
            BreastRadius = p.BreastRadius,
            BreastX = p.BreastXFraction * p.ThoraxHalfWidth,
            BreastV = cpV - p.BreastRaise,
            ArmsAtSides = image.ArmsAtSides,
            GastricBubbleRadius = p.GastricBubbleRadius,
            GastricBubbleU = left.DomeX,
            GastricBubbleV = domeLeft + 0.05 + p.GastricBubbleRadius,
        };

        double carinaV = apexV + 0.36 * p.LungHeight;
        var mediastinum = new MediastinumShape
        {
            MidlineU = p.MidlineU,
            TracheaHalfWidth = p.TracheaHalfWidth,
            CarinaV = carinaV,
            AorticKnobU = p.MidlineU + p.LeftMedialX - 0.01,
            AorticKnobV = carinaV - 0.12,
            AorticKnobRadius = p.AorticKnobRadius,
            Density = p.MediastinalDensity,
        };

        double ribSpacing = (p.LungHeight + 0.1) / 10.2 * p.RibSpacingFactor;
        var skeleton = new Skeleton
        {
            BoneDensity = p.BoneDensity,
            SpineU = p.MidlineU,
            SpineHalfWidth = p.SpineHalfWidth,
            VertebraHeight = p.VertebraHeight,
            VertebraPhase = p.VertebraPhase * p.VertebraHeight,
            FirstRibV = apexV + p.FirstRibOffset,
            RibSpacing = ribSpacing,
            RibHalfThickness = p.RibHalfThickness,
            RibArch = p.RibArch,
            AnteriorRibSlope = p.AnteriorRibSlope,
            ClavicleMedialV = apexV + p.ClavicleDrop - image.ClavicleLift,
            ClavicleLateralV = apexV + p.ClavicleDrop - p.ClavicleRise - image.ClavicleLift * 1.5,
            ClavicleLength = p.ClavicleLengthFraction * bodyHalfWidth,
            ScapulaOverlap = image.ScapulaOverlap,
            RightRibEnds = Skeleton.RibEnds(right, apexV + p.FirstRibOffset, ribSpacing),
            LeftRibEnds = Skeleton.RibEnds(left, apexV + p.FirstRibOffset, ribSpacing),
        };

        double hilumV = apexV + p.HilumHeightFraction * p.LungHeight;
        return new ChestAnatomy
        {
            Body = body,
            RightLung = right,
            LeftLung = left,
            Heart = heart,
            Mediastinum = mediastinum,
            Skeleton = skeleton,
            RightHilumU = p.MidlineU - p.RightMedialX - p.RightHilumOffset,
            RightHilumV = hilumV,
            LeftHilumU = p.MidlineU + p.LeftMedialX + p.LeftHilumOffset,
            LeftHilumV = hilumV - p.LeftHilumRaise,
            VesselSeed = p.VesselSeed,
            VesselDensity = p.VesselDensity,
            TextureSeed = p.TextureSeed,
            TextureAmplitude = p.TextureAmplitude,
            HeartMagnification = magnification,
        };
    }

    private static LungShape Lung(int side, double wall, double medial, double apexV, double wallV, double cpV,
        double domeV, PatientTraits p) => new()
    {
        Side = side,
        WallX = wall,
        ApexX = p.ApexXFraction * wall,
        MedialX = medial + side * p.MidlineU,
        ApexV = apexV,
        WallV = wallV,
        CostophrenicV = cpV,
        DomeV = domeV,
        DomeX = p.DomeXFraction * wall,
        AirDepth = p.AirDepth,
    };
}
