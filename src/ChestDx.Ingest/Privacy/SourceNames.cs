using ChestDx.Core.Labels;
using ChestDx.Ingest.Sources;

namespace ChestDx.Ingest.Privacy;

/// <summary>
/// How one ingest run names inputs in everything it writes or prints (manifest, rejected.csv, journal, console).
/// Hospital exports name folders and files by patient name, MRN and accession number, and labels files key images by
/// accession number, so under a site key none of those strings is ever written: a file is named by the keyed
/// pseudonym of its relative path, an image by the pseudonym of its source identity (SOP Instance UID, else labels
/// id, else relative path), a labels row by the pseudonym of its id. Without a key (public data) names stay clear.
/// `--id-map` (<see cref="IdMap"/>) is the only place that links pseudonyms back.
/// </summary>
public sealed class SourceNames(Pseudonymiser pseudonyms)
{
    /// <summary>
    /// Names shorter than this are not scrubbed from messages: replacing "a" or "01" would garble them, and so short
    /// a name identifies nobody.
    /// </summary>
    private const int MinScrubbedLength = 3;

    public bool Pseudonymised => pseudonyms.Enabled;

    /// <summary>
    /// The rejected.csv / manifest `source` value: the relative path, or its keyed pseudonym (extension kept).
    /// </summary>
    public string Source(string relativePath) => pseudonyms.SourcePath(relativePath);

    /// <summary>
    /// The manifest image id. Under a key: the pseudonym of the SOP Instance UID, else of the labels id, else of the
    /// relative path (then equal to the source column), so re-ingesting or sharding with the same key gives the same
    /// ids. Without a key the labels id comes first, as NIH's file-name ids are what users look up.
    /// </summary>
    public string ImageId(string? sopInstanceUid, LabelRow? row, SourceFile? file)
    {
        string? uid = string.IsNullOrWhiteSpace(sopInstanceUid) ? null : sopInstanceUid;
        if (!pseudonyms.Enabled) return row?.ImageId ?? uid ?? file?.RelativePath ?? "";
        if (uid is not null) return pseudonyms.ImageUid(uid);
        if (row is { ImageId.Length: > 0 }) return pseudonyms.LabelsImageId(row.ImageId);
        return file is null ? "" : pseudonyms.SourcePath(file.RelativePath);
    }

    /// <summary>
    /// A labels id as messages quote it: 'ACC987654.png', or under a key its pseudonym (unquoted: it is not in the
    /// labels file).
    /// </summary>
    public string LabelsId(string id) => pseudonyms.Enabled ? pseudonyms.LabelsImageId(id) : $"'{id}'";

    /// <summary>A file as messages name it: 'dir/name.png', or under a key its source pseudonym.</summary>
    public string File(SourceFile file) =>
        pseudonyms.Enabled ? pseudonyms.SourcePath(file.RelativePath) : $"'{file.RelativePath}'";

    /// <summary>
    /// A message about <paramref name="file"/> (a decoder error, an I/O error with the full path, a reader note) with
    /// every clear name of the file — full path, relative path, file name, name without extension, folder names —
    /// and its labels id replaced by the file's pseudonym. Unchanged without a key.
    /// </summary>
    public string Scrub(string message, SourceFile file, LabelRow? row = null)
    {
        if (!pseudonyms.Enabled) return message;
        string pseudonym = pseudonyms.SourcePath(file.RelativePath);
        var names = new List<string>
        {
            file.FullPath, file.RelativePath, file.RelativePath.Replace('/', Path.DirectorySeparatorChar),
            file.FileName, file.Stem,
        };
        names.AddRange(file.RelativePath.Split('/')[..^1]);
        if (row is { ImageId.Length: > 0 }) names.Add(row.ImageId);
        foreach (string name in names.Where(n => n.Length >= MinScrubbedLength).Distinct()
                     .OrderByDescending(n => n.Length))
            message = message.Replace(name, pseudonym, StringComparison.Ordinal);
        return message;
    }
}
