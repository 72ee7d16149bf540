using ChestDx.Core.Randomness;

namespace ChestDx.Phantoms.Anatomy;

/// <summary>
/// What changes from one film of a patient to the next: the projection, the depth of inspiration, where the arms
/// and scapulae are. AP films (portable, often supine) come with shallower inspiration, scapulae over the lungs,
/// arms more often at the sides and a magnified heart.
/// </summary>
public sealed record ImageTraits(PhantomView View, double InspirationShift, bool ArmsAtSides, double ScapulaOverlap,
    double ClavicleLift)
{
    /// <summary>Share of AP films (ChestX-ray14: 44,810 of 112,120 are AP).</summary>
    public const double ApProbability = 0.4;

    /// <summary>The reference film chronic findings are placed on: PA, mid inspiration.</summary>
    public static ImageTraits Reference { get; } = new(PhantomView.PA, 0, false, 0.02, 0);

    public static ImageTraits Draw(ref SeededRandom r)
    {
        PhantomView view = r.Bernoulli(ApProbability) ? PhantomView.AP : PhantomView.PA;
        bool ap = view == PhantomView.AP;
        double inspiration = r.Uniform(-0.04, 0.04) - (ap ? 0.05 : 0);
        bool arms = r.Bernoulli(ap ? 0.6 : 0.15);
        double scapula = ap ? r.Uniform(0.10, 0.2) : r.Uniform(0.0, 0.05);
        double clavicle = ap ? r.Uniform(0.03, 0.08) : r.Uniform(-0.015, 0.015);
        return new ImageTraits(view, inspiration, arms, scapula, clavicle);
    }
}
