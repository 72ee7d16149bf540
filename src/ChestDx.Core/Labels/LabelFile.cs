using ChestDx.Core.Choices;
using ChestDx.Core.Classes;
using ChestDx.Core.Csv;
using ChestDx.Core.Progress;

namespace ChestDx.Core.Labels;

/// <summary>
/// The one reader of labels files, for ingestion and evaluation alike. Opens a file (plain, gzip or single-entry zip,
/// recognised by magic bytes) and picks the format from the header, never the name (or takes `--format`): the dataset
/// adapters (CheXpert, MIMIC-CXR, PadChest, VinDr-CXR, RSNA Pneumonia, by their columns; <see cref="Detect"/>),
/// Google's expert labels
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
        LabelFileFormat format = Choose(header, path, options.Format);
        CheckOptions(format, options, path);
        if (options.Subset is not null && format != LabelFileFormat.GoogleExpert)
            throw ChestDxException.ForFile(path, $"a subset (\"{options.Subset}\") applies only to Google's expert "
                + $"labels, which have a \"Set Id\" column");
        if (format == LabelFileFormat.GenericCsv && !options.FirstColumnIsId
            && !header.Any(h => ColumnNames.IsOneOf(h, ColumnNames.ImageId)))
            throw ChestDxException.ForFile(path,
                $"expected a '{ColumnNames.ImageId[0]}' column "
                + $"(or {ColumnNames.List(ColumnNames.ImageId.Skip(1).ToList())}; any case) or NIH Data_Entry columns "
                + $"('{ImageIndex}', '{NihDataEntryLabels.FindingLabels}'), and the header is no dataset's layout "
                + $"(--format {string.Join("|", Choice<DatasetFormat>.Names)}); "
                + $"found: {string.Join(", ", header.Take(12))}");
        LabelTable table = format switch
        {
            LabelFileFormat.NihDataEntry => NihDataEntryLabels.Read(csv, name),
            LabelFileFormat.GoogleExpert => GoogleExpertLabels.Read(csv, name, options.Subset),
            LabelFileFormat.NihBBox => NihBBoxLabels.Read(csv, name),
            LabelFileFormat.Chexpert => CheXpertLabels.Read(csv, name, options),
            LabelFileFormat.Mimic => MimicLabels.Read(csv, name, options),
            LabelFileFormat.Padchest => PadChestLabels.Read(csv, name),
            LabelFileFormat.Vindr => VinDrLabels.Read(csv, name, options),
            LabelFileFormat.Rsna => RsnaLabels.Read(csv, name, options),
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
            Adapter = table.Adapter,
        };
        if (format != LabelFileFormat.GenericCsv && options.Classes.Mode == LabelClassMode.Set
            && !options.Classes.Set!.Equals(table.Classes))
            table = Project(table, options.Classes.Set!, progress);
        return table;
    }

    /// <summary>
    /// The format a header says the file is, or <see cref="LabelFileFormat.GenericCsv"/> when it is none of the known
    /// layouts. A header that fits two layouts, or that is MIMIC-CXR's metadata.csv (not a labels file), is an error
    /// naming the file: which adapter to use would be a guess.
    /// </summary>
    public static LabelFileFormat Detect(IReadOnlyList<string> header, string path = "labels file")
    {
        bool Has(string name) => header.Any(h => h.Length > 0 && ColumnNames.Same(h, name));
        if (Has(MimicLabels.DicomId) && Has(MimicLabels.StudyId) && Has(MimicLabels.ViewPosition))
            throw ChestDxException.ForFile(path, "this is MIMIC-CXR-JPG's metadata.csv: give its chexpert.csv or "
                + "negbio.csv as --labels and this file as --metadata");
        var found = new List<LabelFileFormat>();
        if (Has(ImageIndex) && Has(GoogleExpertLabels.SetId) && GoogleExpertLabels.Findings.Any(Has))
            found.Add(LabelFileFormat.GoogleExpert);
        else if (Has(ImageIndex) && Has(NihDataEntryLabels.FindingLabels)) found.Add(LabelFileFormat.NihDataEntry);
        else if (Has(ImageIndex) && Has(NihBBoxLabels.FindingLabel)) found.Add(LabelFileFormat.NihBBox);
        if (Has(CheXpertLabels.PathColumn) && Has(CheXpertLabels.FrontalLateral)) found.Add(LabelFileFormat.Chexpert);
        if (Has(MimicLabels.SubjectId) && Has(MimicLabels.StudyId) && Has(Findings.NoFinding))
            found.Add(LabelFileFormat.Mimic);
        if (Has(PadChestLabels.ImageIdColumn) && Has(PadChestLabels.LabelsColumn) && Has(PadChestLabels.Projection))
            found.Add(LabelFileFormat.Padchest);
        if (Has(VinDrLabels.ImageId) && Has(VinDrLabels.RadId)) found.Add(LabelFileFormat.Vindr);
        if (Has(RsnaLabels.PatientIdColumn) && Has(RsnaLabels.Target) && Has("width") && Has("height"))
            found.Add(LabelFileFormat.Rsna);
        if (found.Count > 1)
            throw ChestDxException.ForFile(path, "ambiguous header: it fits "
                + string.Join(" and ", found.Select(LabelTable.FormatName)) + "; choose one with --format");
        return found.Count == 1 ? found[0] : LabelFileFormat.GenericCsv;
    }

    /// <summary>The `--format` a file format belongs to.</summary>
    public static DatasetFormat DatasetOf(LabelFileFormat format) => format switch
    {
        LabelFileFormat.NihDataEntry or LabelFileFormat.GoogleExpert or LabelFileFormat.NihBBox => DatasetFormat.Nih,
        LabelFileFormat.Chexpert => DatasetFormat.Chexpert,
        LabelFileFormat.Mimic => DatasetFormat.Mimic,
        LabelFileFormat.Padchest => DatasetFormat.Padchest,
        LabelFileFormat.Vindr => DatasetFormat.Vindr,
        LabelFileFormat.Rsna => DatasetFormat.Rsna,
        _ => DatasetFormat.Csv,
    };

    /// <summary>
    /// The format to read: detected from the header, or `--format`. A stated format whose columns the header lacks is
    /// an error naming what was detected; `--format csv` reads any file as the generic CSV.
    /// </summary>
    private static LabelFileFormat Choose(IReadOnlyList<string> header, string path, DatasetFormat? stated)
    {
        LabelFileFormat detected;
        try
        {
            detected = Detect(header, path);
        }
        catch (ChestDxException) when (stated is not null)
        {
            detected = LabelFileFormat.None;
        }
        if (stated is null || stated == DatasetOf(detected)) return detected;
        if (stated == DatasetFormat.Csv) return LabelFileFormat.GenericCsv;
        if (detected != LabelFileFormat.GenericCsv && detected != LabelFileFormat.None)
            throw ChestDxException.ForFile(path, $"--format {Choice<DatasetFormat>.Name(stated.Value)}, but the "
                + $"header is {LabelTable.FormatName(detected)}'s (columns: {string.Join(", ", header.Take(8))})");
        return stated.Value switch
        {
            DatasetFormat.Nih => throw ChestDxException.ForFile(path, $"--format nih: no '{ImageIndex}' with "
                + $"'{NihDataEntryLabels.FindingLabels}' columns (columns: {string.Join(", ", header.Take(8))})"),
            DatasetFormat.Chexpert => LabelFileFormat.Chexpert,
            DatasetFormat.Mimic => LabelFileFormat.Mimic,
            DatasetFormat.Padchest => LabelFileFormat.Padchest,
            DatasetFormat.Vindr => LabelFileFormat.Vindr,
            DatasetFormat.Rsna => LabelFileFormat.Rsna,
            _ => throw new ArgumentOutOfRangeException(nameof(stated), stated, "a --format without a labels format"),
        };
    }

    /// <summary>Options that apply to some datasets only are an error for the others, not silently unused.</summary>
    private static void CheckOptions(LabelFileFormat format, LabelReadOptions options, string path)
    {
        string name = LabelTable.FormatName(format);
        if (options.Uncertain is not null && format is not (LabelFileFormat.Chexpert or LabelFileFormat.Mimic))
            throw ChestDxException.ForFile(path, $"--uncertain applies to CheXpert and MIMIC-CXR labels; this file is "
                + $"{name}");
        if (options.Readers is not null && format != LabelFileFormat.Vindr)
            throw ChestDxException.ForFile(path, $"--readers applies to VinDr-CXR labels; this file is {name}");
        if (options.Metadata is not null && format is not (LabelFileFormat.Mimic or LabelFileFormat.Rsna))
            throw ChestDxException.ForFile(path, $"--metadata applies to MIMIC-CXR and RSNA Pneumonia labels; this "
                + $"file is {name}");
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
            Uncertain = table.Uncertain.Where(kv => target.Find(kv.Key) >= 0)
                .ToDictionary(kv => target[target.Find(kv.Key)], kv => kv.Value),
            Adapter = table.Adapter,
        };
    }
}
