using ChestDx.Phantoms.Anatomy;

namespace ChestDx.Phantoms.Findings;

/// <summary>
/// One finding planted in a phantom: the parameters drawn for it and how it changes the image. A finding may reshape
/// the anatomy (cardiomegaly enlarges the heart) and may act point by point (<see cref="Accumulate"/>); outside its
/// <see cref="Extent"/> it changes nothing, which is what the twin tests check.
/// </summary>
public abstract record PlantedFinding
{
    public abstract FindingKind Kind { get; }

    /// <summary>The anatomy with this finding's structural change applied (the default: none).</summary>
    public virtual ChestAnatomy Reshape(ChestAnatomy anatomy) => anatomy;

    /// <summary>Adds this finding's effect at patient point (u, v).</summary>
    public virtual void Accumulate(double u, double v, double edge, ChestAnatomy anatomy,
        ref FindingEffects effects) { }

    /// <summary>A patient-frame box containing every point <see cref="Accumulate"/> or
    /// <see cref="Reshape"/> changes.</summary>
    public abstract PatientBox Extent(ChestAnatomy anatomy);
}
