using System.Security.Cryptography;
using System.Text;
using ChestDx.Core.Progress;
using ChestDx.Core.Classes;
using ChestDx.Core.Labels;
using ChestDx.Ingest.Privacy;
using ChestDx.Ingest.Sources;

namespace ChestDx.Ingest.Pipeline;

/// <summary>
/// One input of a run: a source file (with its labels row, if any), or a labels row that has no image. Inputs are
/// numbered in a fixed order (files by relative path, then unmatched labels rows by line), which every shard and
/// every resumed run reproduces. <see cref="RejectReason"/> is set when the input is rejected before decoding.
/// </summary>
/// <param name="WithoutImage">A sound labels row that no file matched: not an input; the pack lists it in
/// labels-without-image.csv, not in rejected.csv.</param>
public sealed record PlannedInput(
    int Index, SourceFile? File, LabelRow? Row, string? RejectReason, bool WithoutImage = false)
{
    /// <summary>
    /// What rejected.csv names: the relative path (under a key its pseudonym), or "LABELSFILE:line N".
    /// </summary>
    public string Source(string? labelsFile, SourceNames names) =>
        File is not null ? names.Source(File.RelativePath) : $"{labelsFile}:line {Row?.Line}";
}

/// <summary>All inputs of a run, joined with their labels, and a fingerprint of them.</summary>
public sealed class IngestPlan
{
    private IngestPlan(IReadOnlyList<PlannedInput> inputs, LabelTable labels, string inputsSha256)
    {
        Inputs = inputs;
        Labels = labels;
        InputsSha256 = inputsSha256;
    }

    public IReadOnlyList<PlannedInput> Inputs { get; }
    public LabelTable Labels { get; }

    /// <summary>SHA-256 of the ordered input list and the labels file: resumed runs and shards must match it.</summary>
    public string InputsSha256 { get; }

    /// <summary>
    /// Scans the source, reads the labels and joins them. A file matches a labels row whose image_id equals its
    /// relative path, its file name or its file name without extension (NIH ids are file names, "00000001_000.png").
    /// </summary>
    /// <param name="output">The pack directory, excluded from the scan when it lies inside the source folder.</param>
    /// <param name="names">How rejection reasons name files and labels ids (pseudonyms under a site key).</param>
    /// <param name="classes">The class set of a generic labels CSV (`--classes`); default auto.</param>
    /// <param name="read">How the labels file is read (`--format`, `--uncertain`, `--readers`, `--metadata`).</param>
    /// <param name="views">`--views`: labelled images of other views are rejected with the reason.</param>
    public static IngestPlan Create(
        string source, string? labelsPath, string? output, IProgressSink progress, SourceNames? names = null,
        LabelClassChoice? classes = null, LabelReadOptions? read = null, ViewFilter? views = null)
    {
        names ??= new SourceNames(Pseudonymiser.None);
        classes ??= LabelClassChoice.Auto;
        LabelTable labels = labelsPath is null
            ? LabelTable.None(classes.Set ?? ClassSet.ChestXray14)
            : LabelFile.Read(labelsPath, (read ?? new LabelReadOptions()) with { Classes = classes }, progress);
        var viewCounts = new ViewCounts(views);
        List<SourceFile> files = SourceScanner.Scan(source, exclude: labelsPath, excludeDirectory: output);

        var byId = new Dictionary<string, LabelRow>(StringComparer.Ordinal);
        var duplicate = new Dictionary<LabelRow, LabelRow>();
        foreach (LabelRow row in labels.Rows)
        {
            if (row.ImageId.Length == 0) continue;
            if (!byId.TryAdd(row.ImageId, row)) duplicate[row] = byId[row.ImageId];
        }

        var inputs = new List<PlannedInput>(files.Count);
        var used = new Dictionary<LabelRow, SourceFile>();
        foreach (SourceFile file in files)
        {
            int index = inputs.Count;
            if (!labels.HasLabels)
            {
                inputs.Add(new PlannedInput(index, file, null, null));
                continue;
            }
            LabelRow? row = Lookup(byId, file);
            string? reason = null;
            if (row is null)
                reason = names.Pseudonymised
                    ? $"no labels row for this image in {labels.FileName} (looked for its relative path, " +
                      "file name and file name without extension)"
                    : $"no labels row for this image in {labels.FileName} (looked for '" +
                      $"{file.RelativePath}', '{file.FileName}', '{file.Stem}')";
            else if (used.TryGetValue(row, out SourceFile? other))
                reason = $"{labels.FileName} line {row.Line} already labels {names.File(other)}";
            else
            {
                used[row] = file;
                reason = row.Error ?? viewCounts.Check(row);
            }
            inputs.Add(new PlannedInput(index, file, row, reason));
        }
        foreach (LabelRow row in labels.Rows)
        {
            if (used.ContainsKey(row)) continue;
            // A broken or duplicate row is a problem of the labels file and is rejected with its reason; a sound row
            // whose image is absent (a subset of a public dataset) is no input at all and is listed apart, in
            // labels-without-image.csv (whatever its view: --views filters images, and there is none).
            string? problem = row.Error
                ?? (duplicate.TryGetValue(row, out LabelRow? first)
                    ? $"duplicate image_id {names.LabelsId(row.ImageId)} (first on line {first.Line})"
                    : null);
            inputs.Add(new PlannedInput(inputs.Count, null, row,
                problem ?? $"labels row for {names.LabelsId(row.ImageId)} has no image in the source folder",
                WithoutImage: problem is null));
        }
        progress.Info(
            $"{files.Count} files, {inputs.Count(i => i.WithoutImage)} labels rows without an image, "
            + $"{inputs.Count(i => i.File is null && !i.WithoutImage)} broken or duplicate labels rows" +
            (labels.HasLabels
                ? $" ({labels.Format} labels, {labels.Rows.Count} rows)"
                : " (no labels: inference pack)"));
        if (views is not null) progress.Info(viewCounts.Summary());
        return new IngestPlan(inputs, labels, Fingerprint(inputs, labels));
    }

    private static LabelRow? Lookup(Dictionary<string, LabelRow> byId, SourceFile file) =>
        byId.GetValueOrDefault(file.RelativePath)
        ?? byId.GetValueOrDefault(file.FileName)
        ?? byId.GetValueOrDefault(file.Stem);

    private static string Fingerprint(IReadOnlyList<PlannedInput> inputs, LabelTable labels)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"labels\0{LabelTable.FormatName(labels.Format)}\0{labels.Sha256}\n"));
        // The class set joins the fingerprint only when it is not the default, so packs of the 14 keep their
        // inputs_sha256.
        if (!labels.Classes.Equals(ClassSet.ChestXray14))
            hash.AppendData(Encoding.UTF8.GetBytes($"classes\0{string.Join("\0", labels.Classes.Names)}\n"));
        // The second file of MIMIC-CXR and RSNA decides rows too; absent for every other format, so their hash is
        // as before.
        if (labels.Adapter?.MetadataSha256 is { } metadata)
            hash.AppendData(Encoding.UTF8.GetBytes($"metadata\0{metadata}\n"));
        foreach (PlannedInput input in inputs)
            hash.AppendData(Encoding.UTF8.GetBytes($"{input.File?.RelativePath ?? "row:" + input.Row?.Line}\n"));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

/// <summary>`--views` over the images that have a labels row: kept and dropped per view, for the summary.</summary>
internal sealed class ViewCounts(ViewFilter? filter)
{
    private readonly SortedDictionary<string, (int Kept, int Dropped)> _counts = new(StringComparer.Ordinal);

    /// <summary>The rejection reason when the filter drops the row's view, else null; counts either way.</summary>
    public string? Check(LabelRow row)
    {
        if (filter is null) return null;
        string key = row.View ?? ViewFilter.Unknown;
        string? reason = filter.Drops(row.View);
        (int kept, int dropped) = _counts.GetValueOrDefault(key);
        _counts[key] = reason is null ? (kept + 1, dropped) : (kept, dropped + 1);
        return reason;
    }

    public string Summary()
    {
        string Part(Func<(int Kept, int Dropped), int> pick) =>
            string.Join(", ", _counts.Where(kv => pick(kv.Value) > 0).Select(kv => $"{kv.Key} {pick(kv.Value):N0}"));
        int dropped = _counts.Values.Sum(c => c.Dropped);
        return $"--views {filter}: images kept {_counts.Values.Sum(c => c.Kept):N0} ({Part(c => c.Kept)}), "
            + $"dropped {dropped:N0} ({Part(c => c.Dropped)}; rejected with the reason, in "
            + $"{Core.Packs.PackFormat.RejectedFile})";
    }
}
