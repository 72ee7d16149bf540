
using static ChestDx.Phantoms.Geometry.Profiles;

namespace ChestDx.Phantoms.Anatomy;

/// <summary>
/// The central structures above the heart: the tracheal air column down to the carina with the two main bronchi,
/// the aortic knob on the left and the soft tissue of the superior mediastinum between the lungs.
/// </summary>
public sealed record MediastinumShape
{
    public required double MidlineU { get; init; }
    public required double TracheaHalfWidth { get; init; }
    public required double CarinaV { get; init; }
    public required double AorticKnobU { get; init; }
    public required double AorticKnobV { get; init; }
    public required double AorticKnobRadius { get; init; }
    /// <summary>Attenuation of the superior mediastinal soft tissue (vessels, thymus remnant, fat).</summary>
    public required double Density { get; init; }

    /// <summary>Aortic knob: the arch seen end-on, a round bulge of the left upper mediastinal
    /// border into the lung.</summary>
    public double AorticKnob(double u, double v)
    {
        double du = u - AorticKnobU, dv = v - AorticKnobV;
        return Chord(Math.Sqrt(du * du + dv * dv) / AorticKnobRadius);
    }

    public double Attenuation(double u, double v, double edge)
    {
        double a = 0.04 * AorticKnob(u, v);
        // Superior and middle mediastinum (great vessels, trachea, oesophagus):
        // a dense band between the lungs, widening from the thoracic inlet to the aortic arch and running down
        // into the cardiac silhouette.
        double w = 0.1 + 0.05 * Clamp01((v - CarinaV + 0.45) / 0.35);
        a += Density * Chord((u - MidlineU) / w) * Step(CarinaV + 0.35 - v, 0.15) * Step(v - (CarinaV - 0.42), 0.1);
        return a - Airways(u, v, edge);
    }

    /// <summary>Air in the trachea and main bronchi (subtracted).</summary>
    public double Airways(double u, double v, double edge)
    {
        double tu = MidlineU - 0.01;
        double air = 0;
        if (v < CarinaV + 0.01)
            air += Chord((u - tu) / TracheaHalfWidth) * Step(CarinaV - v, edge);
        // Right main bronchus: shorter and steeper than the left (about 25° vs 45° from the vertical).
        double dr = SegmentDistance(u, v, tu, CarinaV, tu - 0.06, CarinaV + 0.1, out double tr);
        double dl = SegmentDistance(u, v, tu, CarinaV, tu + 0.1, CarinaV + 0.1, out double tl);
        air = Math.Max(air, Math.Max(0.7 * (1 - 0.6 * tr) * Chord(dr / (TracheaHalfWidth * 0.7)),
                                     0.7 * (1 - 0.6 * tl) * Chord(dl / (TracheaHalfWidth * 0.65))));
        return 0.08 * air;
    }
}
