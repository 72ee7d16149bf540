using ChestDx.Core;
using ChestDx.Core.Csv;
using ChestDx.Core.Labels;

namespace ChestDx.Evaluation.Inputs;

/// <summary>
/// What kind of source the labels came from; it decides the default id matching (see <see cref="IdMatch"/>).
/// </summary>
public enum LabelSourceKind
{
    /// <summary>A plain CSV: id column, then one column per class with 1, 0 or blank (unknown).</summary>
    LabelsCsv,
    /// <summary>NIH's Data_Entry_2017(_v2020).csv: the NLP-mined labels of all 112,120 ChestX-ray14 images.</summary>
    NihDataEntry,
    /// <summary>
    /// Google's radiologist-adjudicated labels for 4,376 NIH images (Majkowska et al., Radiology 2020).
    /// </summary>
    GoogleExpert,
    /// <summary>NIH's BBox_List_2017.csv: radiologist boxes for 8 findings on 880 images; positives only.</summary>
    NihBBox,
    /// <summary>
    /// A dataset pack's manifest.csv (<see cref="PackLabels"/>): every image of every split, keyed by the pack's ids.
    /// </summary>
    Pack,
}

/// <summary>
/// Reference labels as evaluation scores them, one column per class: <see cref="Values"/>[c][row] in the labels
/// contract's encoding (<see cref="LabelValue"/>: 1, 0, <see cref="Unknown"/>). Unknown cells are left out of that
/// class's metrics and counted. Built from a labels file read by Core's <see cref="LabelFile"/>
/// (<see cref="From"/>) or from a pack's manifest (<see cref="PackLabels"/>).
/// </summary>
public sealed class ReferenceLabels
{
    public const sbyte Unknown = LabelValue.Unknown;

    public required string Path { get; init; }
    public required LabelSourceKind Kind { get; init; }

    /// <summary>A line for reports saying what the file is and which conventions were applied to it.</summary>
    public required string Description { get; init; }

    public required IReadOnlyList<string> Ids { get; init; }
    public required IReadOnlyList<string> Classes { get; init; }
    public required sbyte[][] Values { get; init; }

    /// <summary>Columns that were not read as labels, with the reason (e.g. a value other than 0/1/blank).</summary>
    public IReadOnlyDictionary<string, string> IgnoredColumns { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The evaluation view of a labels table. A row whose id or labels cannot be used is an error naming the file and
    /// line (evaluation never drops reference rows silently); an unreadable age or sex is not (only labels are scored).
    /// A class with uncertain (−1) labels is not scored: it is listed in <see cref="IgnoredColumns"/> with the first
    /// such cell, since leaving the uncertain cases out of a test set biases its metrics
    /// (data-manifests/LABEL_SCHEMA.md).
    /// </summary>
    public static ReferenceLabels From(LabelTable table)
    {
        if (table.Rows.FirstOrDefault(r => r.LabelProblem is not null) is { } bad)
        {
            int count = table.Rows.Count(r => r.LabelProblem is not null);
            throw ChestDxException.ForFile(table.Path, $"line {bad.Line}: {bad.LabelProblem}"
                + (count > 1 ? $" (and {count - 1} more unusable rows)" : ""));
        }
        var ignored = new Dictionary<string, string>(table.NotLabels, StringComparer.Ordinal);
        foreach ((string cls, string why) in table.Uncertain) ignored[cls] = why;
        int[] kept = Enumerable.Range(0, table.Classes.Count)
            .Where(c => !table.Uncertain.ContainsKey(table.Classes[c])).ToArray();
        return new ReferenceLabels
        {
            Path = table.Path,
            Kind = table.Format switch
            {
                LabelFileFormat.NihDataEntry => LabelSourceKind.NihDataEntry,
                LabelFileFormat.GoogleExpert => LabelSourceKind.GoogleExpert,
                LabelFileFormat.NihBBox => LabelSourceKind.NihBBox,
                _ => LabelSourceKind.LabelsCsv,
            },
            Description = table.Description,
            Ids = table.Rows.Select(r => r.ImageId).ToList(),
            Classes = kept.Select(c => table.Classes[c]).ToList(),
            Values = kept.Select(c => table.Rows.Select(r => r.Labels[c]).ToArray()).ToArray(),
            IgnoredColumns = ignored,
        };
    }

    /// <summary>
    /// The class column named <paramref name="name"/> in any case, ignoring spaces and '_' (<see cref="ColumnNames"/>),
    /// or -1.
    /// </summary>
    public int IndexOfClass(string name)
    {
        for (int i = 0; i < Classes.Count; i++)
            if (ColumnNames.Same(Classes[i], name)) return i;
        return -1;
    }

    /// <summary>
    /// Why the column named <paramref name="name"/> (matched as <see cref="IndexOfClass"/> does) was not read as
    /// labels; null if it was not ignored.
    /// </summary>
    public string? WhyIgnored(string name) =>
        IgnoredColumns.FirstOrDefault(kv => ColumnNames.Same(kv.Key, name)).Value;
}
