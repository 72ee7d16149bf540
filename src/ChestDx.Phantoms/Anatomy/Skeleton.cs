using ChestDx.Phantoms.Determinism;
using static ChestDx.Phantoms.Geometry.Profiles;

namespace ChestDx.Phantoms.Anatomy;

/// <summary>
/// Bones: the thoracic spine (vertebral bodies, disc spaces, pedicles, spinous processes), posterior ribs arching
/// out from the spine, anterior ribs running down and medially from the chest wall, clavicles, scapulae and humeral
/// heads. Ribs are the main structured clutter a detector must learn to ignore: nodules hide behind them on real films.
/// </summary>
public sealed record Skeleton
{
    /// <summary>Overall bone attenuation scale (lower with age: osteopenia).</summary>
    public required double BoneDensity { get; init; }
    public required double SpineU { get; init; }
    public required double SpineHalfWidth { get; init; }
    public required double VertebraHeight { get; init; }
    public required double VertebraPhase { get; init; }
    /// <summary>v of the first posterior rib at the spine.</summary>
    public required double FirstRibV { get; init; }
    public required double RibSpacing { get; init; }
    public required double RibHalfThickness { get; init; }
    /// <summary>How far a posterior rib's lateral end lies below its spinal end, as a fraction of its length.</summary>
    public required double RibArch { get; init; }
    public required double AnteriorRibSlope { get; init; }
    public required double ClavicleMedialV { get; init; }
    public required double ClavicleLateralV { get; init; }
    public required double ClavicleLength { get; init; }
    /// <summary>How far the scapula's medial border reaches over the lung (AP films:
    /// the shoulders are not rotated forward).</summary>
    public required double ScapulaOverlap { get; init; }

    /// <summary>Lateral end of each posterior rib (x, lateral frame units), fixed by the rib cage when the anatomy is
    /// built so that moving a diaphragm leaves the ribs where they are.</summary>
    public required IReadOnlyList<double> RightRibEnds { get; init; }
    public required IReadOnlyList<double> LeftRibEnds { get; init; }

    public const int PosteriorRibs = 11;

    /// <summary>Where each posterior rib meets the chest wall:
    /// just outside the lung's lateral border at its level.</summary>
    public static double[] RibEnds(LungShape lung, double firstRibV, double spacing)
    {
        var ends = new double[PosteriorRibs];
        for (int k = 0; k < PosteriorRibs; k++)
            ends[k] = lung.Lateral(RibStart(firstRibV, spacing, k) + 0.3 * spacing) + 0.045;
        return ends;
    }

    /// <summary>v of posterior rib <paramref name="k"/> at the spine: intercostal spaces widen downward.</summary>
    public static double RibStart(double firstRibV, double spacing, int k) =>
        firstRibV + spacing * k * (0.82 + 0.035 * k);

    private double RibStart(int k) => RibStart(FirstRibV, RibSpacing, k);

    /// <summary>Bone attenuation at (u, v). <paramref name="aerated"/> (0..1: how much lung the ray crosses) sets rib
    /// contrast: through the abdomen's thick soft tissue scatter halves it,
    /// which is why ribs fade below the diaphragm.</summary>
    public double Attenuation(double u, double v, LungShape right, LungShape left, BodyShape body, double aerated,
        double edge)
    {
        double a = Spine(u, v, edge);
        LungShape lung = u < SpineU ? right : left;
        double x = lung.Side * (u - SpineU);
        a += (0.5 + 0.5 * aerated) * Ribs(x, v, lung.Side < 0 ? RightRibEnds : LeftRibEnds, edge);
        a += Clavicle(x, v, edge);
        a += Scapula(x, v, lung, body, edge);
        a += Humerus(x, v, body);
        return BoneDensity * a;
    }

    private double Spine(double u, double v, double edge)
    {
        double x = u - SpineU;
        double half = SpineHalfWidth * (v < FirstRibV - 0.05 ? 0.8 : 1.0);
        if (Math.Abs(x) > half + edge) return 0;
        double phase = (v - VertebraPhase) / VertebraHeight;
        double frac = phase - Math.Floor(phase);
        // Disc spaces are less dense than the vertebral bodies.
        double disc = 1 - 0.45 * Bump(((frac - 0.92) / 0.07) * ((frac - 0.92) / 0.07));
        double column = 0.065 * Tube(x / half, 0.8, 0.65) * disc;
        // Pedicles: paired cortical rings in the upper half of each body; spinous process:
        // a midline teardrop lower down.
        double py = (frac - 0.32) / 0.16;
        double pedicles = 0.045 * Tube(Math.Sqrt(((Math.Abs(x) - 0.62 * half) / (0.17 * half))
            * ((Math.Abs(x) - 0.62 * half) / (0.17 * half)) + py * py), 0.6, 0.3);
        double sy = (frac - 0.7) / 0.2;
        double spinous = 0.035 * Chord(Math.Sqrt((x / (0.12 * half)) * (x / (0.12 * half)) + sy * sy));
        return column + pedicles + spinous;
    }

    private double Ribs(double x, double v, IReadOnlyList<double> ends, double edge)
    {
        const double x0 = 0.055;
        double a = 0;
        for (int k = 0; k < PosteriorRibs; k++)
        {
            double v0 = RibStart(k);
            if (v < v0 - 0.1 || v > v0 + 0.8) continue;
            double end = ends[k];
            if (end <= x0 + 0.05) continue;
            double length = end - x0;
            double half = RibHalfThickness * (0.8 + 0.035 * k);
            // Posterior rib: nearly level off the spine, then curving down ever more steeply to the chest wall.
            double drop = RibArch * length;
            if (x > x0 - edge && x < end + edge)
            {
                // Rising a little off the spine, then curving down ever more steeply toward the chest wall.
                double t = (x - x0) / length;
                double centre = v0 - 0.4 * drop * t + 1.4 * drop * t * t * t;
                double d = (v - centre) / half;
                if (d > -1 && d < 1)
                    a += 0.07 * Tube(d, 0.7, 0.4) * Step(x - x0, edge) * Step(end - x, 0.015);
            }
            // Anterior rib: from the lateral end of the same rib, down and medially to the costal cartilage.
            if (k >= 1 && x > 0.17 && x < end + edge)
            {
                double s = end - x;
                double centre = v0 + drop + AnteriorRibSlope * s + 0.2 * s * s;
                double d = (v - centre) / (0.85 * half);
                if (d > -1 && d < 1)
                    a += 0.035 * Tube(d, 0.7, 0.5) * Step(x - 0.2, 0.04) * Step(end - x, 0.015);
            }
        }
        return a;
    }

    // The clavicle: a gentle S (medial third bowed down, lateral third up)
    // from the sternoclavicular joint to the acromion.
    private double Clavicle(double x, double v, double edge)
    {
        const double start = 0.07;
        if (x < start - edge || x > ClavicleLength + edge) return 0;
        double t = (x - start) / (ClavicleLength - start);
        double centre = ClavicleMedialV + (ClavicleLateralV - ClavicleMedialV) * t
            + 0.015 * PortableMath.Sin(2 * Math.PI * t);
        double half = 0.04 - 0.014 * t;
        double d = (v - centre) / half;
        return 0.1 * Tube(d, 0.55, 0.7) * Step(x - start, edge) * Step(ClavicleLength - x, 0.03);
    }

    // The scapula as a thin triangular plate lateral to (PA) or over (AP) the upper lung, with a denser medial border.
    private double Scapula(double x, double v, LungShape lung, BodyShape body, double edge)
    {
        double top = lung.ApexV;
        double sx = lung.WallX + 0.03 - ScapulaOverlap, sv = top + 0.03;          // superior angle
        double gx = body.HalfWidth - 0.03, gv = top + 0.12;                          // glenoid
        double ix = lung.WallX - 0.02 - ScapulaOverlap, iv = top + 0.64;            // inferior angle
        double e1 = HalfPlane(x, v, sx, sv, ix, iv), e2 = HalfPlane(x, v, ix, iv, gx, gv),
            e3 = HalfPlane(x, v, gx, gv, sx, sv);
        double inside = Math.Min(e1, Math.Min(e2, e3));
        if (inside < -0.03) return 0;
        double plate = 0.015 * Step(inside, 0.03);
        double border = 0.012 * Chord(e1 / 0.025) * Step(Math.Min(e2, e3), 0.03);
        return plate + border;
    }

    // Humeral head in the glenoid, and the shaft along the arm's axis.
    private static double Humerus(double x, double v, BodyShape body)
    {
        var (hx, hv, ex, ev) = body.ArmAxis();
        const double radius = 0.09;
        double dh = Math.Sqrt((x - hx) * (x - hx) + (v - hv) * (v - hv));
        double head = 0.08 * Tube(dh / radius, 0.85, 0.6);
        double ds = SegmentDistance(x, v, hx, hv, ex, ev, out double t);
        double shaft = t > 0.05 ? 0.07 * Tube(ds / 0.042, 0.7, 0.5) : 0;
        return Math.Max(head, shaft);
    }

    // Signed distance of (x, v) from the directed line a→b; positive on the left of the direction of travel.
    private static double HalfPlane(double x, double v, double ax, double av, double bx, double bv)
    {
        double dx = bx - ax, dv = bv - av;
        double len = Math.Sqrt(dx * dx + dv * dv);
        return ((x - ax) * dv - (v - av) * dx) / len;
    }
}
