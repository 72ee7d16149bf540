namespace ChestDx.Core.Classes;

/// <summary>
/// The ordered class names of a pack, a model, a predictions file or an evaluation. Order is the order of the label
/// columns and of the model's outputs; names are compared by <see cref="Findings"/> when two sets meet (a pack's
/// "Pleural Effusion" is a model's "Effusion"), and exactly within one set. The 14 ChestX-ray14 classes are the default
/// set, not the only one: packs, models and predictions record their own.
/// </summary>
public sealed class ClassSet : IEquatable<ClassSet>
{
    private readonly string[] _names;

    /// <summary>A set of distinct, non-blank names; two names that are the same finding are an error.</summary>
    public ClassSet(string id, IEnumerable<string> names)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        _names = names.ToArray();
        if (_names.Length == 0) throw new ArgumentException("a class set needs at least one class");
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string name in _names)
        {
            if (string.IsNullOrWhiteSpace(name) || name != name.Trim())
                throw new ArgumentException($"class name '{name}' is blank or has leading or trailing spaces");
            string key = Findings.Key(name);
            if (!seen.TryAdd(key, name))
                throw new ArgumentException($"classes '{seen[key]}' and '{name}' are the same finding");
        }
        Id = id;
    }

    /// <summary>Which set this is: a <see cref="Known"/> id, or "custom".</summary>
    public string Id { get; }

    public IReadOnlyList<string> Names => _names;
    public int Count => _names.Length;
    public string this[int index] => _names[index];

    /// <summary>The index of the class spelled exactly <paramref name="name"/> (ordinal), or -1.</summary>
    public int IndexOf(string name) => Array.IndexOf(_names, name);

    /// <summary>The index of the class that is the same finding as <paramref name="name"/>
    /// (<see cref="Findings"/>), or -1.</summary>
    public int Find(string name)
    {
        int exact = IndexOf(name);
        if (exact >= 0) return exact;
        string key = Findings.Key(name);
        for (int i = 0; i < _names.Length; i++)
            if (Findings.Key(_names[i]) == key) return i;
        return -1;
    }

    public const string CustomId = "custom";

    /// <summary>
    /// The 14 ChestX-ray14 pathologies in the order CheXNet (Rajpurkar et al. 2017, Table 2), its reproductions
    /// (arnoweng/CheXNet, jrzech/reproduce-chexnet) and ChestDx's defaults use, spelled as NIH's Data_Entry_2017 tokens
    /// ("Pleural_Thickening" keeps its underscore) so columns join by name with NIH files.
    /// </summary>
    public static ClassSet ChestXray14 { get; } = new("chestxray14",
    [
        "Atelectasis", "Cardiomegaly", "Effusion", "Infiltration", "Mass", "Nodule", "Pneumonia",
        "Pneumothorax", "Consolidation", "Edema", "Emphysema", "Fibrosis", "Pleural_Thickening", "Hernia",
    ]);

    /// <summary>CheXpert's 14 observations in the column order of its train.csv (Irvin et al. 2019);
    /// MIMIC-CXR's labels are the same 14.</summary>
    public static ClassSet CheXpert { get; } = new("chexpert",
    [
        "No Finding", "Enlarged Cardiomediastinum", "Cardiomegaly", "Lung Opacity", "Lung Lesion", "Edema",
        "Consolidation", "Pneumonia", "Atelectasis", "Pneumothorax", "Pleural Effusion", "Pleural Other", "Fracture",
        "Support Devices",
    ]);

    /// <summary>The 5 CheXpert competition tasks (Irvin et al. 2019, section 5),
    /// the classes its leaderboard reports.</summary>
    public static ClassSet CheXpertCompetition { get; } = new("chexpert5",
        ["Atelectasis", "Cardiomegaly", "Consolidation", "Edema", "Pleural Effusion"]);

    /// <summary>torchxrayvision's 18 default pathologies in its output order
    /// (xrv.datasets.default_pathologies).</summary>
    public static ClassSet TorchXrayVision { get; } = new("xrv18",
    [
        "Atelectasis", "Consolidation", "Infiltration", "Pneumothorax", "Edema", "Emphysema", "Fibrosis", "Effusion",
        "Pneumonia", "Pleural_Thickening", "Cardiomegaly", "Nodule", "Mass", "Hernia", "Lung Lesion", "Fracture",
        "Lung Opacity", "Enlarged Cardiomediastinum",
    ]);

    /// <summary>VinDr-CXR's 14 Kaggle classes (class_id 0–13, "No finding" = 14 is the absence of all).</summary>
    public static ClassSet VinDrCxr { get; } = new("vindr",
    [
        "Aortic enlargement", "Atelectasis", "Calcification", "Cardiomegaly", "Consolidation", "ILD", "Infiltration",
        "Lung Opacity", "Nodule/Mass", "Other lesion", "Pleural effusion", "Pleural thickening", "Pneumothorax",
        "Pulmonary fibrosis",
    ]);

    /// <summary>
    /// VinDr-CXR's PhysioNet labels (Nguyen et al., Scientific Data 2022): 22 local findings, then 6 global labels
    /// (impressions, "No finding" among them), as the columns of its image_labels_train.csv.
    /// </summary>
    public static ClassSet VinDrCxrPhysioNet { get; } = new("vindr28",
    [
        "Aortic enlargement", "Atelectasis", "Calcification", "Cardiomegaly", "Clavicle fracture", "Consolidation",
        "Edema", "Emphysema", "Enlarged PA", "ILD", "Infiltration", "Lung Opacity", "Lung cavity", "Lung cyst",
        "Mediastinal shift", "Nodule/Mass", "Pleural effusion", "Pleural thickening", "Pneumothorax",
        "Pulmonary fibrosis", "Rib fracture", "Other lesion",
        "COPD", "Lung tumor", "Pneumonia", "Tuberculosis", "Other diseases", "No finding",
    ]);

    /// <summary>
    /// PadChest (Bustos et al., Medical Image Analysis 2020) restricted to a documented list: the 14 ChestX-ray14
    /// findings and the 14 further PadChest findings torchxrayvision reads (its PC_Dataset), matched to PadChest's
    /// terms as data-manifests/LABEL_SCHEMA.md lists. PadChest's other terms are ignored and counted.
    /// </summary>
    public static ClassSet PadChest { get; } = new("padchest",
    [
        "Atelectasis", "Cardiomegaly", "Effusion", "Infiltration", "Mass", "Nodule", "Pneumonia", "Pneumothorax",
        "Consolidation", "Edema", "Emphysema", "Fibrosis", "Pleural_Thickening", "Hernia",
        "Fracture", "Granuloma", "Flattened Diaphragm", "Bronchiectasis", "Aortic Elongation", "Scoliosis",
        "Hilar Enlargement", "Tuberculosis", "Air Trapping", "Costophrenic Angle Blunting", "Aortic Atheromatosis",
        "Hemidiaphragm Elevation", "Support Devices", "Tube",
    ]);

    /// <summary>RSNA Pneumonia Detection: Target = 1 marks lung opacity suggestive of pneumonia.</summary>
    public static ClassSet Rsna { get; } = new("rsna", ["Pneumonia"]);

    /// <summary>The sets ChestDx knows by id.</summary>
    public static IReadOnlyList<ClassSet> Known { get; } =
        [ChestXray14, CheXpert, CheXpertCompetition, TorchXrayVision, VinDrCxr, VinDrCxrPhysioNet, PadChest, Rsna];

    /// <summary>The known set with exactly these names in this order, else a "custom" set of them.</summary>
    public static ClassSet FromNames(IEnumerable<string> names)
    {
        string[] list = names.ToArray();
        foreach (ClassSet known in Known)
            if (known._names.AsSpan().SequenceEqual(list)) return known;
        return new ClassSet(CustomId, list);
    }

    /// <summary>A known set by id ("chestxray14", "chexpert", …), or null.</summary>
    public static ClassSet? ById(string id) => Known.FirstOrDefault(s => s.Id == id);

    /// <summary>Same names in the same order (the id follows from the names).</summary>
    public bool Equals(ClassSet? other) => other is not null && _names.AsSpan().SequenceEqual(other._names);
    public override bool Equals(object? obj) => Equals(obj as ClassSet);
    public override int GetHashCode() =>
        _names.Aggregate(17, (h, n) => HashCode.Combine(h, StringComparer.Ordinal.GetHashCode(n)));
    public override string ToString() => Id == CustomId ? $"{Count} classes ({string.Join(", ", _names)})"
        : $"{Id} ({Count} classes)";
}
