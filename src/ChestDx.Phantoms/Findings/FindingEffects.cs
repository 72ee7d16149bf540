
namespace ChestDx.Phantoms.Findings;

/// <summary>
/// What the planted findings do at one point, accumulated over all of them before the point's attenuation is formed:
/// airspace filling (fluid or collapse replacing lung air), extra air (pneumothorax), lost vessel markings, and added
/// solid attenuation (nodules, masses, the visceral pleural line).
/// </summary>
public struct FindingEffects
{
    /// <summary>Fraction of the lung's air replaced, 0..1. Several fillings combine as 1 − Π(1 − fᵢ).</summary>
    public double Fill;
    /// <summary>Attenuation removed by extra air.</summary>
    public double ExtraAir;
    /// <summary>Fraction of the lung markings no longer visible, 0..1.</summary>
    public double MarkingsLoss;
    /// <summary>Attenuation added.</summary>
    public double Density;

    public void AddFill(double fill)
    {
        if (fill <= 0) return;
        Fill = 1 - (1 - Fill) * (1 - Math.Min(1, fill));
    }

    public void AddMarkingsLoss(double loss)
    {
        if (loss <= 0) return;
        MarkingsLoss = 1 - (1 - MarkingsLoss) * (1 - Math.Min(1, loss));
    }
}

/// <summary>An axis-aligned box in the patient frame.</summary>
public readonly record struct PatientBox(double MinU, double MinV, double MaxU, double MaxV)
{
    public bool Contains(double u, double v) => u >= MinU && u <= MaxU && v >= MinV && v <= MaxV;

    public static PatientBox Around(double u, double v, double radius) =>
        new(u - radius, v - radius, u + radius, v + radius);
}
