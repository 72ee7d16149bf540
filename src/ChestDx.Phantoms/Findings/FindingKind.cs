using ChestDx.Core.Classes;
using ChestDx.Core.Randomness;
using ChestDx.Phantoms.Anatomy;

namespace ChestDx.Phantoms.Findings;

/// <summary>The findings phantoms can carry, in <see cref="ClassSet.ChestXray14"/> order. Every other CheXNet class is
/// written as 0 in labels.csv because nothing of it was planted — those columns carry no information.</summary>
public enum FindingKind
{
    Atelectasis,
    Cardiomegaly,
    Effusion,
    Mass,
    Nodule,
    Pneumothorax,
    Consolidation,
}

/// <summary>What the generator knows about each finding kind: its CheXNet column, default prevalence, whether it
/// persists across a patient's follow-up films, and the ranges its parameters are drawn from.</summary>
public sealed record FindingInfo(
    FindingKind Kind,
    string ClassName,
    double DefaultPrevalence,
    bool Chronic,
    string Appearance,
    IReadOnlyDictionary<string, ParameterRange> Parameters)
{
    /// <summary>Column index in <see cref="ClassSet.ChestXray14"/>'s <see cref="ClassSet.Names"/>.</summary>
    public int ClassIndex => ClassSet.ChestXray14.IndexOf(ClassName);
}

public static class FindingCatalog
{
    /// <summary>
    /// All kinds in ChestX-ray14 class order. Default prevalences are enriched about 3× over
    /// ChestX-ray14's (e.g. Nodule 5.6%, Cardiomegaly 2.5% in NIH's Data_Entry) so a 600-image learning test has enough
    /// positives in a held-out fifth; they are drawn independently so that no finding can be learned through another.
    /// </summary>
    public static IReadOnlyList<FindingInfo> All { get; } =
    [
        new(FindingKind.Atelectasis, "Atelectasis", 0.15, Chronic: false,
            "lobar collapse: a sharp-edged wedge from the hilum (upper lobe, "
                + "or right lower lobe with a raised hemidiaphragm)",
            new Dictionary<string, ParameterRange>
            {
                ["opening_angle"] = Atelectasis.AngleRange, ["air_lost"] = Atelectasis.FillRange,
                ["added_density"] = Atelectasis.DensityRange, ["diaphragm_elevation"] = Atelectasis.ElevationRange,
            }),
        new(FindingKind.Cardiomegaly, "Cardiomegaly", 0.15, Chronic: true,
            "enlarged cardiac silhouette: cardiothoracic ratio above 0.5",
            new Dictionary<string, ParameterRange> { ["cardiothoracic_ratio"] = Cardiomegaly.CtrRange }),
        new(FindingKind.Effusion, "Effusion", 0.15, Chronic: false,
            "blunted costophrenic angle and basal meniscus, unilateral or bilateral",
            new Dictionary<string, ParameterRange>
            {
                ["lateral_height"] = Effusion.LateralHeightRange, ["medial_ratio"] = Effusion.MedialRatioRange,
                ["meniscus_gradient"] = Effusion.GradientRange, ["fluid_density"] = Effusion.FluidDensityRange,
            }),
        new(FindingKind.Mass, "Mass", 0.18, Chronic: true,
            "lobulated solid opacity larger than 3 cm",
            new Dictionary<string, ParameterRange>
            {
                ["radius"] = Mass.RadiusRange, ["density"] = Mass.DensityRange, ["extra_lobes"] = Mass.LobeRange,
            }),
        new(FindingKind.Nodule, "Nodule", 0.2, Chronic: true,
            "round solid opacity 2.6–3 cm across",
            new Dictionary<string, ParameterRange>
            {
                ["radius"] = Nodule.RadiusRange, ["density"] = Nodule.DensityRange,
            }),
        new(FindingKind.Pneumothorax, "Pneumothorax", 0.15, Chronic: false,
            "apical and lateral rim of pleural air without lung markings, bounded by the visceral pleural line",
            new Dictionary<string, ParameterRange>
            {
                ["rim_width"] = Pneumothorax.RimWidthRange, ["reach"] = Pneumothorax.ReachRange,
                ["extra_lucency"] = Pneumothorax.ExtraAirRange,
            }),
        new(FindingKind.Consolidation, "Consolidation", 0.18, Chronic: false,
            "patchy ill-defined airspace opacity of a segment, confined to the lung",
            new Dictionary<string, ParameterRange>
            {
                ["lump_radius"] = Consolidation.LumpRadiusRange, ["lumps"] = Consolidation.LumpCountRange,
                ["air_replaced"] = Consolidation.FillRange, ["added_density"] = Consolidation.DensityRange,
            }),
    ];

    public static FindingInfo Get(FindingKind kind) => All[(int)kind];

    /// <summary>The kind whose CheXNet class name is <paramref name="name"/> (case-insensitive),
    /// if one can be planted.</summary>
    public static bool TryParse(string name, out FindingKind kind)
    {
        foreach (FindingInfo info in All)
            if (string.Equals(info.ClassName, name, StringComparison.OrdinalIgnoreCase))
            {
                kind = info.Kind;
                return true;
            }
        kind = default;
        return false;
    }

    /// <summary>Draws the parameters of one finding of <paramref name="kind"/> for
    /// <paramref name="anatomy"/>.</summary>
    public static PlantedFinding Sample(FindingKind kind, ref SeededRandom random, ChestAnatomy anatomy) => kind switch
    {
        FindingKind.Atelectasis => Atelectasis.Sample(ref random),
        FindingKind.Cardiomegaly => Cardiomegaly.Sample(ref random),
        FindingKind.Effusion => Effusion.Sample(ref random),
        FindingKind.Mass => Mass.Sample(ref random, anatomy),
        FindingKind.Nodule => Nodule.Sample(ref random, anatomy),
        FindingKind.Pneumothorax => Pneumothorax.Sample(ref random),
        FindingKind.Consolidation => Consolidation.Sample(ref random, anatomy),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
