namespace ChestDx.Evaluation.Subgroups;

/// <summary>
/// A patient or image attribute that splits the evaluated images into subgroups (<c>--subgroups sex,age,view,site</c>),
/// written in snake_case and parsed by <see cref="Core.Choices.Choice{T}"/>.
/// </summary>
public enum SubgroupAttribute
{
    /// <summary>M, F or O as the manifest's sex column holds it (ChestDx.Core.Labels.Demographics).</summary>
    Sex,
    /// <summary>Age in the bands of <see cref="AgeBands"/>.</summary>
    Age,
    /// <summary>The view position (PA, AP, LL, …).</summary>
    View,
    /// <summary>The acquiring site: a <c>site</c> column of the manifest or of the subgroup file.</summary>
    Site,
}

/// <summary>
/// The age bands of Seyyed-Kalantari et al. (Nature Medicine 2021, "Underdiagnosis bias of artificial
/// intelligence algorithms applied to chest radiographs in under-served patient populations"): 0–20, 20–40, 40–60,
/// 60–80 and 80 and over. The paper names the bands without saying which side a boundary age falls on; here the lower
/// bound is inclusive, so a 40-year-old is in 40–60 and an 80-year-old in 80+.
/// </summary>
public static class AgeBands
{
    public static IReadOnlyList<string> Names { get; } = ["0-20", "20-40", "40-60", "60-80", "80+"];

    /// <summary>The band of <paramref name="age"/> in whole years; null when unknown or negative.</summary>
    public static string? Of(int? age) => age switch
    {
        null or < 0 => null,
        < 20 => Names[0],
        < 40 => Names[1],
        < 60 => Names[2],
        < 80 => Names[3],
        _ => Names[4],
    };
}
