namespace ChestDx.Core.Labels;

/// <summary>
/// The 14 ChestX-ray14 pathologies in the order CheXNet (Rajpurkar et al. 2017, Table 2), its reproductions
/// (arnoweng/CheXNet, jrzech/reproduce-chexnet) and every ChestDx file use. The names are NIH's exact label tokens
/// from Data_Entry_2017 ("Pleural_Thickening" keeps its underscore), so columns join by name with NIH files.
/// </summary>
public static class ChexNetClasses
{
    public static IReadOnlyList<string> Names { get; } =
    [
        "Atelectasis", "Cardiomegaly", "Effusion", "Infiltration", "Mass", "Nodule", "Pneumonia",
        "Pneumothorax", "Consolidation", "Edema", "Emphysema", "Fibrosis", "Pleural_Thickening", "Hernia",
    ];

    public const int Count = 14;

    /// <summary>Index of a class by its NIH token, or -1. Case-sensitive: NIH tokens are.</summary>
    public static int IndexOf(string name)
    {
        for (int i = 0; i < Count; i++)
            if (string.Equals(Names[i], name, StringComparison.Ordinal)) return i;
        return -1;
    }
}
