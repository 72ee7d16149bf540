using ChestDx.Core.Classes;

namespace ChestDx.Core.Labels;

/// <summary>How the class set of a generic labels CSV is chosen (`chestdx ingest --classes`).</summary>
public enum LabelClassMode
{
    /// <summary>
    /// ChestX-ray14 when every label column is one of its findings (canonical names and order, classes without a
    /// column unknown), else the file's own label columns in file order.
    /// </summary>
    Auto,
    /// <summary>The file's own label columns in file order (what evaluation reads).</summary>
    File,
    /// <summary>A given set: columns are matched to its classes by name and synonym;
    /// classes without a column are unknown.</summary>
    Set,
}

/// <summary>The class set a labels file is read into: <c>auto</c>, a known set's id, or "A,B,C".</summary>
public sealed record LabelClassChoice(LabelClassMode Mode, ClassSet? Set = null)
{
    public static LabelClassChoice Auto { get; } = new(LabelClassMode.Auto);
    public static LabelClassChoice FromFile { get; } = new(LabelClassMode.File);
    public static LabelClassChoice Of(ClassSet set) => new(LabelClassMode.Set, set);

    /// <summary>Parses `--classes`: "auto", a known set's id ("chestxray14", "chexpert", …),
    /// or comma-separated class names.</summary>
    public static LabelClassChoice Parse(string? text)
    {
        string t = text?.Trim() ?? "";
        if (t.Length == 0 || t.Equals("auto", StringComparison.OrdinalIgnoreCase)) return Auto;
        if (ClassSet.ById(t.ToLowerInvariant()) is { } known) return Of(known);
        string[] names = t.Split(',').Select(n => n.Trim()).ToArray();
        if (names.Any(n => n.Length == 0)) throw new ChestDxException($"--classes \"{text}\": an empty class name");
        try
        {
            return Of(ClassSet.FromNames(names));
        }
        catch (ArgumentException e)
        {
            throw new ChestDxException($"--classes \"{text}\": {e.Message}");
        }
    }

    public override string ToString() => Mode switch
    {
        LabelClassMode.Set => Set!.ToString(),
        LabelClassMode.File => "the file's columns",
        _ => "auto",
    };
}

/// <summary>Options for reading a labels file.</summary>
public sealed record LabelReadOptions
{
    public LabelClassChoice Classes { get; init; } = LabelClassChoice.Auto;

    /// <summary>
    /// For Google's expert labels: keep only rows whose <c>Set Id</c> is this value (<c>test</c> or <c>val</c>).
    /// Null: every row. An error for other formats.
    /// </summary>
    public string? Subset { get; init; }

    /// <summary>
    /// A generic CSV without a column spelled as an image id takes its first column as the id (evaluation's labels
    /// files key rows like predictions do); otherwise such a file is an error (ingestion must know which column names
    /// the image).
    /// </summary>
    public bool FirstColumnIsId { get; init; }

    /// <summary>`--format`: the adapter to read the file with; null detects it from the header.</summary>
    public DatasetFormat? Format { get; init; }

    /// <summary>`--uncertain`: CheXpert's and MIMIC-CXR's −1 per class; an error for datasets without it.</summary>
    public UncertainPolicies? Uncertain { get; init; }

    /// <summary>`--readers`: how VinDr-CXR's radiologists are combined; an error for other datasets.</summary>
    public ReaderRule? Readers { get; init; }

    /// <summary>
    /// `--metadata`: the second file of a two-file dataset: MIMIC-CXR-JPG's metadata.csv (required: its labels are per
    /// study) or RSNA Pneumonia's DICOM header table (optional: view, sex and age before decoding).
    /// </summary>
    public string? Metadata { get; init; }
}
