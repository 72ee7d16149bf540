namespace ChestDx.Core.Classes;

/// <summary>
/// The harmonisation table: which label names of public chest X-ray vocabularies are the same finding. It is the one
/// place ChestDx decides that a pack's "Pleural Effusion" (CheXpert, MIMIC-CXR), VinDr-CXR's "Pleural effusion" and a
/// model's "Effusion" (NIH, torchxrayvision) are one class. A name is the same finding as another only where both
/// datasets' documentation describe the same finding; supersets and neighbours stay apart ("Lung Opacity" is not
/// "Consolidation", "Nodule/Mass" is neither "Nodule" nor "Mass"), because a 0 under a wider or different finding does
/// not say the class is absent. Documented in data-manifests/LABEL_SCHEMA.md; keep the two in step.
/// Names compare ignoring case, leading/trailing spaces, and '_' against ' '; a name the table does not list is its own
/// finding.
/// </summary>
public static class Findings
{
    /// <summary>Canonical name (NIH's token where NIH has the finding) → the other names for it.</summary>
    public static IReadOnlyDictionary<string, string[]> Synonyms { get; } = new Dictionary<string, string[]>
    {
        // CheXpert/MIMIC-CXR "Pleural Effusion" and VinDr "Pleural effusion" are NIH's "Effusion" (NIH's are pleural).
        ["Effusion"] = ["Pleural Effusion"],
        // NIH's BBox_List_2017.csv spells it "Infiltrate".
        ["Infiltration"] = ["Infiltrate", "Infiltrates"],
        ["Edema"] = ["Oedema", "Pulmonary Edema"],
        // VinDr-CXR's "Pulmonary fibrosis".
        ["Fibrosis"] = ["Pulmonary Fibrosis"],
        // "Pleural Thickening" (VinDr) already matches: '_' compares as a space.
        ["Pleural_Thickening"] = [],
        // Google's relabelling of NIH (Majkowska et al. 2020) calls CheXpert's lung opacity "Airspace opacity".
        ["Lung Opacity"] = ["Airspace opacity"],
        // Google's "Nodule or mass" is VinDr's "Nodule/Mass": one finding, neither NIH's Nodule nor its Mass.
        ["Nodule/Mass"] = ["Nodule or mass"],
        ["No Finding"] = ["Normal"],
    };

    private static readonly Dictionary<string, string> Canonical = Build();

    /// <summary>The comparison key of a label name: lower case, '_' as a space, trimmed.</summary>
    public static string Normalise(string name) => name.Trim().Replace('_', ' ').ToLowerInvariant();

    /// <summary>The key two names share exactly when they are the same finding.</summary>
    public static string Key(string name)
    {
        string n = Normalise(name);
        return Canonical.TryGetValue(n, out string? c) ? c : n;
    }

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> name the same finding.</summary>
    public static bool Same(string a, string b) => Key(a) == Key(b);

    private static Dictionary<string, string> Build()
    {
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string canonical, string[] others) in Synonyms)
        {
            string key = Normalise(canonical);
            table[key] = key;
            foreach (string other in others) table.Add(Normalise(other), key);
        }
        return table;
    }
}
