using ChestDx.Core.Classes;
using ChestDx.Core.Csv;
using ChestDx.Core.Progress;

namespace ChestDx.Core.Labels;

/// <summary>
/// The one reader of labels files, for ingestion and evaluation alike. Opens a file (plain, gzip or single-entry zip,
/// recognised by magic bytes) and picks the format from the header, never the name: Google's expert labels
/// ("Image Index", "Set Id" and one of its findings), NIH Data_Entry ("Image Index", "Finding Labels"), NIH's
/// BBox list ("Image Index", "Finding Label"), else the generic CSV. Header names match as <see cref="ColumnNames"/>
/// says. A file with a header and no rows is an error. The rules are in data-manifests/LABEL_SCHEMA.md.
/// </summary>
public static class LabelFile
{
    public const string ImageIndex = "Image Index";

    public static LabelTable Read(string path, LabelReadOptions? options = null, IProgressSink? progress = null)
    {
        options ??= new LabelReadOptions();
        progress ??= NullProgressSink.Instance;
        if (!File.Exists(path)) throw ChestDxException.ForFile(path, "labels file not found");
        return Read(path, File.ReadAllBytes(path), options, progress);
    }

    /// <summary>A labels file's <paramref name="bytes"/>;
    /// <paramref name="path"/> names it in errors and notes.</summary>
    public static LabelTable Read(string path, byte[] bytes, LabelReadOptions? options = null,
        IProgressSink? progress = null)
    {
        options ??= new LabelReadOptions();
        progress ??= NullProgressSink.Instance;
        string sha256 = CsvFile.Sha256(bytes);
        string name = System.IO.Path.GetFileName(path);
        using CsvFile csv = CsvFile.Open(path, bytes);
        var header = csv.Header;
        LabelFileFormat format = Detect(header);
        if (options.Subset is not null && format != LabelFileFormat.GoogleExpert)
            throw ChestDxException.ForFile(path, $"a subset (\"{options.Subset}\") applies only to Google's expert "
                + $"labels, which have a \"Set Id\" column");
        if (format == LabelFileFormat.GenericCsv && !options.FirstColumnIsId
            && !header.Any(h => ColumnNames.IsOneOf(h, ColumnNames.ImageId)))
            throw ChestDxException.ForFile(path,
                $"expected a '{ColumnNames.ImageId[0]}' column "
                + $"(or {ColumnNames.List(ColumnNames.ImageId.Skip(1).ToList())}; any case) or NIH Data_Entry columns "
                + $"('{ImageIndex}', '{NihDataEntryLabels.FindingLabels}'); "
                + $"found: {string.Join(", ", header.Take(12))}");
        LabelTable table = format switch
        {
            LabelFileFormat.NihDataEntry => NihDataEntryLabels.Read(csv, name),
            LabelFileFormat.GoogleExpert => GoogleExpertLabels.Read(csv, name, options.Subset),
            LabelFileFormat.NihBBox => NihBBoxLabels.Read(csv, name),
            _ => GenericLabelsCsv.Read(csv, name, options, progress),
        };
        // A header-only file would otherwise make a pack of nothing and exit 0 (issue 11, item 7).
        if (table.Rows.Count == 0)
            throw ChestDxException.ForFile(path, options.Subset is null
                ? "no labelled images: the file has a header and no rows"
                : $"no labelled images with Set Id \"{options.Subset}\"");
        table = new LabelTable
        {
            Path = path, Format = table.Format, FileName = name, Sha256 = sha256, Classes = table.Classes,
            Rows = table.Rows,
            Ignored = table.Ignored, NotLabels = table.NotLabels, AgesBlanked = table.AgesBlanked,
            PatientColumn = table.PatientColumn, Description = table.Description, Uncertain = table.Uncertain,
        };
        if (format != LabelFileFormat.GenericCsv && options.Classes.Mode == LabelClassMode.Set
            && !options.Classes.Set!.Equals(table.Classes))
            table = Project(table, options.Classes.Set!, progress);
        return table;
    }

    public static LabelFileFormat Detect(IReadOnlyList<string> header)
    {
        bool Has(string name) => header.Any(h => h.Length > 0 && ColumnNames.Same(h, name));
        if (Has(ImageIndex) && Has(GoogleExpertLabels.SetId) && GoogleExpertLabels.Findings.Any(Has))
            return LabelFileFormat.GoogleExpert;
        if (Has(ImageIndex) && Has(NihDataEntryLabels.FindingLabels)) return LabelFileFormat.NihDataEntry;
        if (Has(ImageIndex) && Has(NihBBoxLabels.FindingLabel)) return LabelFileFormat.NihBBox;
        return LabelFileFormat.GenericCsv;
    }

    /// <summary>
    /// The table in another class set: each class of <paramref name="target"/> takes the values of the same finding
    /// (<see cref="Findings"/>) in the file; a class the file does not label is unknown for every row, never negative;
    /// the file's classes outside the set are ignored and listed.
    /// </summary>
    public static LabelTable Project(LabelTable table, ClassSet target, IProgressSink progress)
    {
        int[] source = target.Names.Select(table.Classes.Find).ToArray();
        var rows = table.Rows.Select(r =>
        {
            var labels = new sbyte[target.Count];
            for (int c = 0; c < labels.Length; c++)
                labels[c] = source[c] < 0 ? LabelValue.Unknown : r.Labels[source[c]];
            return r with { Labels = labels };
        }).ToList();
        string[] outside = table.Classes.Names.Where((_, i) => !source.Contains(i)).ToArray();
        string[] missing = target.Names.Where((_, c) => source[c] < 0).ToArray();
        if (outside.Length > 0)
            progress.Warn($"{table.FileName}: classes ignored, not a class of {target}: {string.Join(", ", outside)}");
        if (missing.Length > 0)
            progress.Info($"{table.FileName}: no labels for {string.Join(", ", missing)}: "
                + $"those labels are unknown (masked), not negative");
        return new LabelTable
        {
            Path = table.Path, Format = table.Format, FileName = table.FileName, Sha256 = table.Sha256,
            Classes = target, Rows = rows,
            Ignored = [.. table.Ignored, .. outside], NotLabels = table.NotLabels, AgesBlanked = table.AgesBlanked,
            PatientColumn = table.PatientColumn, Description = table.Description,
        };
    }
}
