using ChestDx.Core.Randomness;
using ChestDx.Phantoms.Anatomy;

namespace ChestDx.Phantoms.Findings;

/// <summary>
/// Cardiomegaly: the heart enlarged to a cardiothoracic ratio of 0.54–0.66 on a PA film (the conventional threshold
/// is 0.5; normal phantoms stay at or below 0.455, so a gap keeps the label unambiguous). AP films magnify the heart
/// by a further 8%, for normal and enlarged hearts alike. The enlargement grows mostly to the patient's left, as
/// left-ventricular enlargement does.
/// </summary>
public sealed record Cardiomegaly(double Ctr) : PlantedFinding
{
    public static ParameterRange CtrRange { get; } =
        new(0.54, 0.66, "ratio", "cardiothoracic ratio on a PA film (×1.08 on AP)");

    public override FindingKind Kind => FindingKind.Cardiomegaly;

    public static Cardiomegaly Sample(ref SeededRandom random) => new(random.Uniform(CtrRange));

    public override ChestAnatomy Reshape(ChestAnatomy anatomy) =>
        anatomy with
        {
            Heart = anatomy.Heart.WithCtr(Ctr * anatomy.HeartMagnification, anatomy.Heart.RightFraction * 0.85),
        };

    public override PatientBox Extent(ChestAnatomy anatomy)
    {
        HeartShape before = anatomy.Heart, after = Reshape(anatomy).Heart;
        return new PatientBox(
            Math.Min(before.CenterU - before.HalfWidth, after.CenterU - after.HalfWidth),
            Math.Min(before.CenterV - before.HalfHeight, after.CenterV - after.HalfHeight),
            Math.Max(before.CenterU + before.HalfWidth, after.CenterU + after.HalfWidth),
            Math.Max(before.CenterV + before.HalfHeight, after.CenterV + after.HalfHeight));
    }
}
