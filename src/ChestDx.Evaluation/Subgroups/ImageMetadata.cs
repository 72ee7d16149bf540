namespace ChestDx.Evaluation.Subgroups;

/// <summary>What subgroup analysis knows about one image: its patient and the attributes that group it. Null is
/// unknown.</summary>
public sealed record ImageMetadata(string? Patient, string? Sex, int? Age, string? View, string? Site)
{
    /// <summary>The subgroup of this image under <paramref name="attribute"/>; null when unknown.</summary>
    public string? GroupOf(SubgroupAttribute attribute) => attribute switch
    {
        SubgroupAttribute.Sex => Sex,
        SubgroupAttribute.Age => AgeBands.Of(Age),
        SubgroupAttribute.View => View,
        _ => Site,
    };
}
