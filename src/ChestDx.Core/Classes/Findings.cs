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
        // RSNA Pneumonia's detailed class "Normal" (beside "Lung Opacity" and "No Lung Opacity / Not Normal").
        ["No Finding"] = ["Normal"],
    };

    /// <summary>NIH's and CheXpert's name for "none of the findings"; a label of its own in CheXpert's set.</summary>
    public const string NoFinding = "No Finding";

    /// <summary>
    /// Findings of public vocabularies that are in none of the known <see cref="ClassSet"/>s and are deliberately the
    /// same finding as none of their classes: NIH's "Hernia" is hiatal, but a labels file's "Hiatal Hernia" is kept
    /// apart until a dataset documents it as the same; COVID-19 and tuberculosis are diagnoses, not radiographic
    /// findings. A labels file naming one of these is read as naming a known finding (ignored for a set without it),
    /// not as an unknown token (data-manifests/LABEL_SCHEMA.md).
    /// </summary>
    public static IReadOnlyList<string> Others { get; } = ["Hiatal Hernia", "COVID-19", "Tuberculosis"];

    private static readonly Dictionary<string, string> Canonical = Build();

    private static readonly Lazy<HashSet<string>> KnownKeys = new(() =>
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string canonical, string[] others) in Synonyms)
        {
            keys.Add(Key(canonical));
            foreach (string other in others) keys.Add(Key(other));
        }
        foreach (ClassSet set in ClassSet.Known)
            foreach (string name in set.Names) keys.Add(Key(name));
        foreach (string other in Others) keys.Add(Key(other));
        keys.Add(Key(NoFinding));
        return keys;
    });

    /// <summary>
    /// Whether <paramref name="name"/> is a finding ChestDx knows: a class of a known set, a name in this table, or one
    /// of <see cref="Others"/>. An NIH token that is not makes its row's unlisted classes unknown.
    /// </summary>
    public static bool IsKnown(string name) => KnownKeys.Value.Contains(Key(name));

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
