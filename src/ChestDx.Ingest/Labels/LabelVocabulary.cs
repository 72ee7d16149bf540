using ChestDx.Core.Labels;

namespace ChestDx.Ingest.Labels;

/// <summary>What a label name means for the 14 CheXNet classes.</summary>
public enum LabelMeaning
{
    /// <summary>One of the 14 classes (<see cref="LabelMapping.ClassIndex"/>).</summary>
    Class,
    /// <summary>NIH's "No Finding": none of the 14 classes is present.</summary>
    NoFinding,
    /// <summary>A known finding that is not one of the 14 and is not the same finding as any of them: ignored.</summary>
    OtherFinding,
    /// <summary>Not in the vocabulary: ignored, and it makes the other classes of an NIH row unknown, never negative.</summary>
    Unknown,
}

public readonly record struct LabelMapping(LabelMeaning Meaning, int ClassIndex = -1);

/// <summary>
/// Label names of public chest X-ray vocabularies mapped onto the 14 CheXNet classes. A name maps onto a class only
/// where it is the same finding; supersets and neighbours stay unmapped, because a 0 under a wider or different
/// finding does not say the class is absent. Matching ignores case and treats '_' as a space. The table is
/// documented in data-manifests/LABEL_SCHEMA.md; keep the two in step.
/// </summary>
public static class LabelVocabulary
{
    /// <summary>Synonyms per class: NIH tokens first, then other datasets' names for the same finding.</summary>
    public static IReadOnlyDictionary<string, string[]> Synonyms { get; } = new Dictionary<string, string[]>
    {
        ["Atelectasis"] = ["Atelectasis"],
        ["Cardiomegaly"] = ["Cardiomegaly"],
        // CheXpert/MIMIC-CXR "Pleural Effusion" is NIH's "Effusion" (NIH's effusions are pleural).
        ["Effusion"] = ["Effusion", "Pleural Effusion"],
        // NIH's BBox_List_2017.csv spells it "Infiltrate".
        ["Infiltration"] = ["Infiltration", "Infiltrate", "Infiltrates"],
        ["Mass"] = ["Mass"],
        ["Nodule"] = ["Nodule"],
        ["Pneumonia"] = ["Pneumonia"],
        ["Pneumothorax"] = ["Pneumothorax"],
        ["Consolidation"] = ["Consolidation"],
        ["Edema"] = ["Edema", "Oedema", "Pulmonary Edema"],
        ["Emphysema"] = ["Emphysema"],
        ["Fibrosis"] = ["Fibrosis", "Pulmonary Fibrosis"],
        ["Pleural_Thickening"] = ["Pleural_Thickening"], // "Pleural Thickening" too: "_" matches a space
        ["Hernia"] = ["Hernia"],
    };

    /// <summary>
    /// Findings deliberately not mapped: CheXpert's "Lung Opacity" (a superset of consolidation, infiltration,
    /// oedema, atelectasis…), "Lung Lesion" (mass or nodule or more), "Enlarged Cardiomediastinum" (not
    /// cardiomegaly), "Pleural Other" (other than effusion or thickening), Google's "Airspace opacity" and
    /// "Nodule or mass", and findings outside the 14.
    /// </summary>
    public static IReadOnlyList<string> OtherFindings { get; } =
    [
        "Lung Opacity", "Lung Lesion", "Enlarged Cardiomediastinum", "Pleural Other", "Airspace opacity",
        "Nodule or mass", "Fracture", "Support Devices", "Hiatal Hernia", "COVID-19", "Tuberculosis",
    ];

    // Declared after the lists it is built from: static fields initialise in textual order.
    private static readonly Dictionary<string, LabelMapping> Table = Build();

    public static LabelMapping Map(string name)
    {
        string key = Normalise(name);
        if (key is "no finding") return new LabelMapping(LabelMeaning.NoFinding);
        return Table.TryGetValue(key, out LabelMapping m) ? m : new LabelMapping(LabelMeaning.Unknown);
    }

    private static Dictionary<string, LabelMapping> Build()
    {
        var table = new Dictionary<string, LabelMapping>(StringComparer.Ordinal);
        foreach ((string cls, string[] names) in Synonyms)
            foreach (string n in names) table.Add(Normalise(n), new LabelMapping(LabelMeaning.Class, ChexNetClasses.IndexOf(cls)));
        foreach (string n in OtherFindings) table.Add(Normalise(n), new LabelMapping(LabelMeaning.OtherFinding));
        return table;
    }

    private static string Normalise(string name) => name.Trim().Replace('_', ' ').ToLowerInvariant();
}
