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
public sealed record PlannedInput(int Index, SourceFile? File, LabelRow? Row, string? RejectReason)
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
    public static IngestPlan Create(
        string source, string? labelsPath, string? output, IProgressSink progress, SourceNames? names = null,
        LabelClassChoice? classes = null)
    {
        names ??= new SourceNames(Pseudonymiser.None);
        classes ??= LabelClassChoice.Auto;
        LabelTable labels = labelsPath is null
            ? LabelTable.None(classes.Set ?? ClassSet.ChestXray14)
            : LabelFile.Read(labelsPath, new LabelReadOptions { Classes = classes }, progress);
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
                reason = row.Error;
            }
            inputs.Add(new PlannedInput(index, file, row, reason));
        }
        foreach (LabelRow row in labels.Rows)
        {
            if (used.ContainsKey(row)) continue;
            string reason = row.Error
                ?? (duplicate.TryGetValue(row, out LabelRow? first)
                    ? $"duplicate image_id {names.LabelsId(row.ImageId)} (first on line {first.Line})"
                    : $"labels row for {names.LabelsId(row.ImageId)} has no image in the source folder");
            inputs.Add(new PlannedInput(inputs.Count, null, row, reason));
        }
        progress.Info(
            $"{inputs.Count} inputs: {files.Count} files, {inputs.Count - files.Count} labels rows without an image" +
            (labels.HasLabels
                ? $" ({labels.Format} labels, {labels.Rows.Count} rows)"
                : " (no labels: inference pack)"));
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
        foreach (PlannedInput input in inputs)
            hash.AppendData(Encoding.UTF8.GetBytes($"{input.File?.RelativePath ?? "row:" + input.Row?.Line}\n"));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
