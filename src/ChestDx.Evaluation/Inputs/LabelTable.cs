using ChestDx.Core.Labels;

namespace ChestDx.Evaluation.Inputs;

/// <summary>What kind of file the labels came from; it decides the default id matching (see <see cref="IdMatch"/>).</summary>
public enum LabelSourceKind
{
    /// <summary>A plain CSV: id column, then one column per class with 1, 0 or blank (unknown).</summary>
    LabelsCsv,
    /// <summary>NIH's Data_Entry_2017(_v2020).csv: the NLP-mined labels of all 112,120 ChestX-ray14 images.</summary>
    NihDataEntry,
    /// <summary>Google's radiologist-adjudicated labels for 4,376 NIH images (Majkowska et al., Radiology 2020).</summary>
    GoogleExpert,
    /// <summary>NIH's BBox_List_2017.csv: radiologist boxes for 8 findings on 880 images; positives only.</summary>
    NihBBox,
    /// <summary>A dataset pack's manifest.csv (<see cref="PackLabels"/>): every image of every split, keyed by the pack's ids.</summary>
    Pack,
}

/// <summary>
/// Reference labels, <see cref="Values"/>[c][row] ∈ {1, 0, <see cref="Unknown"/>}. Unknown cells are left out of that
/// class's metrics and counted.
/// </summary>
public sealed class LabelTable
{
    public const sbyte Unknown = -1;

    public required string Path { get; init; }
    public required LabelSourceKind Kind { get; init; }

    /// <summary>A line for reports saying what the file is and which conventions were applied to it.</summary>
    public required string Description { get; init; }

    public required IReadOnlyList<string> Ids { get; init; }
    public required IReadOnlyList<string> Classes { get; init; }
    public required sbyte[][] Values { get; init; }

    /// <summary>Columns that were not read as labels, with the reason (e.g. a value other than 0/1/blank).</summary>
    public IReadOnlyDictionary<string, string> IgnoredColumns { get; init; } = new Dictionary<string, string>();

    /// <summary>The class column named <paramref name="name"/> in any case, ignoring spaces and '_' (<see cref="ColumnNames"/>), or -1.</summary>
    public int IndexOfClass(string name)
    {
        for (int i = 0; i < Classes.Count; i++)
            if (ColumnNames.Same(Classes[i], name)) return i;
        return -1;
    }

    /// <summary>Why the column named <paramref name="name"/> (matched as <see cref="IndexOfClass"/> does) was not read as labels; null if it was not ignored.</summary>
    public string? WhyIgnored(string name) =>
        IgnoredColumns.FirstOrDefault(kv => ColumnNames.Same(kv.Key, name)).Value;
}
