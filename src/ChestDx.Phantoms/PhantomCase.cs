using ChestDx.Core.Classes;
using ChestDx.Phantoms.Anatomy;
using ChestDx.Phantoms.Findings;
using ChestDx.Phantoms.Geometry;
using ChestDx.Phantoms.Rendering;

namespace ChestDx.Phantoms;

/// <summary>Projection: posteroanterior (erect, standard) or anteroposterior (portable,
/// usually supine or sitting).</summary>
public enum PhantomView { PA, AP }

public enum PhantomSex { M, F }

/// <summary>
/// Everything needed to render one phantom and label it: identity, metadata, anatomy, pose, exposure and the planted
/// findings. A case with its findings removed (<see cref="WithoutFindings"/>) is its twin: same anatomy, pose, exposure
/// and noise, so the two images differ exactly where the findings act.
/// </summary>
public sealed record PhantomCase
{
    /// <summary>File name of the image, NIH style ("ph000042_001.png": patient 42, follow-up 1).</summary>
    public required string ImageId { get; init; }
    public required string PatientId { get; init; }
    public required int PatientIndex { get; init; }
    public required int FollowUp { get; init; }
    public required PhantomView View { get; init; }
    public required PhantomSex Sex { get; init; }
    public required int Age { get; init; }
    public required ChestAnatomy Anatomy { get; init; }
    public required PhantomPose Pose { get; init; }
    public required PhantomExposure Exposure { get; init; }
    public required IReadOnlyList<PlantedFinding> Findings { get; init; }

    public bool Has(FindingKind kind) => Findings.Any(f => f.Kind == kind);

    /// <summary>The 14 CheXNet labels: 1 for each planted finding's class, 0 for everything else.</summary>
    public float[] Labels()
    {
        var labels = new float[ClassSet.ChestXray14.Count];
        foreach (PlantedFinding finding in Findings) labels[FindingCatalog.Get(finding.Kind).ClassIndex] = 1;
        return labels;
    }

    public PhantomCase WithoutFindings() => this with { Findings = [] };

    /// <summary>The anatomy as rendered: every finding's structural change applied in order.</summary>
    public ChestAnatomy RenderedAnatomy()
    {
        ChestAnatomy anatomy = Anatomy;
        foreach (PlantedFinding finding in Findings) anatomy = finding.Reshape(anatomy);
        return anatomy;
    }
}
