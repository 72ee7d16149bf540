using ChestDx.Core;
using ChestDx.Core.Labels;

namespace ChestDx.Evaluation.Inputs;

/// <summary>Options for reading reference labels.</summary>
public sealed record LabelReadOptions
{
    /// <summary>
    /// For Google's expert labels: keep only rows whose <c>Set Id</c> is this value (<c>test</c> or <c>val</c>).
    /// Defaults to null, every row. Rejected for other sources.
    /// </summary>
    public string? Subset { get; init; }
}

/// <summary>
/// Reads reference labels from any supported file, recognised by its header (never by its name): NIH Data_Entry,
/// Google's expert labels, NIH's BBox list, or a plain labels CSV. Plain text, .gz or a single-file .zip. Header names
/// match in any case, ignoring spaces and '_' (<see cref="ColumnNames"/>), exactly as `chestdx ingest` matches them.
/// </summary>
public static class LabelReader
{
    public static LabelTable Read(string path, LabelReadOptions? options = null)
    {
        options ??= new LabelReadOptions();
        if (PackLabels.IsPack(path))
        {
            if (options.Subset is not null) throw ChestDxException.ForFile(path, $"a subset (\"{options.Subset}\") applies only to Google's expert labels");
            return PackLabels.Read(path);
        }
        using CsvReader csv = CsvReader.Open(path);
        LabelSourceKind kind = Detect(csv.Header);
        if (options.Subset is not null && kind != LabelSourceKind.GoogleExpert)
            throw ChestDxException.ForFile(path, $"a subset (\"{options.Subset}\") applies only to Google's expert labels, which have a \"Set Id\" column");
        LabelTable table = kind switch
        {
            LabelSourceKind.NihDataEntry => NihDataEntry.Read(csv),
            LabelSourceKind.GoogleExpert => GoogleExpertLabels.Read(csv, options.Subset),
            LabelSourceKind.NihBBox => NihBBoxList.Read(csv),
            _ => LabelsCsv.Read(csv),
        };
        if (table.Ids.Count == 0) throw ChestDxException.ForFile(path, "no label rows" + (options.Subset is null ? "" : $" with Set Id \"{options.Subset}\""));
        IdChecks.RequireUnique(path, table.Ids);
        return table;
    }

    public static LabelSourceKind Detect(IReadOnlyList<string> header)
    {
        bool Has(string name) => header.Any(h => h.Length > 0 && ColumnNames.Same(h, name));
        if (Has("Image Index") && Has("Set Id") && GoogleExpertLabels.Findings.Any(Has)) return LabelSourceKind.GoogleExpert;
        if (Has("Image Index") && Has("Finding Labels")) return LabelSourceKind.NihDataEntry;
        if (Has("Image Index") && Has("Finding Label")) return LabelSourceKind.NihBBox;
        return LabelSourceKind.LabelsCsv;
    }
}
