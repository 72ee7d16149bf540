using ChestDx.Core.Randomness;
using ChestDx.Phantoms.Determinism;

namespace ChestDx.Phantoms.Anatomy;

/// <summary>One tapered vessel segment in the patient frame.</summary>
public readonly record struct VesselSegment(double U0, double V0, double U1, double V1, double Radius0, double Radius1);

/// <summary>
/// Pulmonary vessels ("lung markings"): for each lung a tree that leaves the hilum in several trunks and bifurcates,
/// thinner and shorter each generation, until the vessels are too fine to see — about 1–2 cm short of the pleura,
/// as on real films. A pneumothorax is recognised by the absence of these markings beyond the visceral pleural line.
/// </summary>
public static class VesselTree
{
    private const int MaxGeneration = 8;
    private const double MinRadius = 0.0035;

    public static List<VesselSegment> Grow(ulong seed, LungShape lung, double hilumU, double hilumV)
    {
        var random = new SeededRandom(seed);
        var segments = new List<VesselSegment>(512);
        int trunks = 7 + random.NextInt(3);
        for (int i = 0; i < trunks; i++)
        {
            // Trunks fan from up-and-lateral to down-and-lateral (angles in the lung's x-lateral, v-down plane).
            double spread = -100 + 200 * (i + 0.5) / trunks + random.Uniform(-12, 12);
            double angle = PortableMath.Radians(spread);
            double dx = PortableMath.Cos(angle), dv = PortableMath.Sin(angle);
            Branch(ref random, segments, lung, hilumU, hilumV, lung.Side * dx, dv, random.Uniform(0.08, 0.12),
                random.Uniform(0.02, 0.028), 0);
        }
        return segments;
    }

    private static void Branch(ref SeededRandom random, List<VesselSegment> segments, LungShape lung,
        double u, double v, double du, double dv, double length, double radius, int generation)
    {
        double eu = u + du * length, ev = v + dv * length;
        double endRadius = radius * 0.8;
        // Stop short of the pleura: peripheral vessels are below the film's resolution.
        if (!lung.ContainsWithMargin(eu, ev, 0.035))
        {
            double shortened = length * 0.5;
            eu = u + du * shortened;
            ev = v + dv * shortened;
            if (!lung.ContainsWithMargin(eu, ev, 0.02) && generation > 0) return;
            segments.Add(new VesselSegment(u, v, eu, ev, radius, endRadius));
            return;
        }
        segments.Add(new VesselSegment(u, v, eu, ev, radius, endRadius));
        if (generation >= MaxGeneration || endRadius * 0.75 < MinRadius) return;
        for (int child = 0; child < 2; child++)
        {
            // Bifurcation angles of 10–38° either side plus a wobble, so vessels curve rather than run straight.
            double turn = PortableMath.Radians((child == 0 ? 1 : -1) * random.Uniform(10, 38) + random.Uniform(-8, 8));
            double c = PortableMath.Cos(turn), s = PortableMath.Sin(turn);
            double nu = du * c - dv * s, nv = du * s + dv * c;
            Branch(ref random, segments, lung, eu, ev, nu, nv, length * random.Uniform(0.72, 0.9),
                endRadius * random.Uniform(0.7, 0.82), generation + 1);
        }
    }
}
