using ChestDx.Core;

namespace ChestDx.Ingest.Sources;

/// <summary>
/// Lists the input files of a source folder: every regular file at any depth, in ordinal order of the relative
/// path (so the order, and with it the pack, is the same on every machine). This covers NIH's
/// `images_001/images/*.png` layout, a flat folder, DICOM trees with or without `.dcm`, and mixtures. Nothing is
/// skipped silently: a file that is not an image is an input too and ends up in rejected.csv with the reason. Only
/// hidden entries (names starting with '.', e.g. `.DS_Store`, editor swap files), the labels file itself and the
/// pack being written (when it sits inside the source folder) are not inputs.
/// </summary>
public static class SourceScanner
{
    public static List<SourceFile> Scan(string root, string? exclude = null, string? excludeDirectory = null)
    {
        if (!Directory.Exists(root)) throw ChestDxException.ForFile(root, "source folder not found");
        string fullRoot = Path.GetFullPath(root);
        string? excluded = exclude is null ? null : Path.GetFullPath(exclude);
        string? excludedDir = excludeDirectory is null
            ? null
            : Path.TrimEndingDirectorySeparator(Path.GetFullPath(excludeDirectory)) + Path.DirectorySeparatorChar;
        var files = new List<SourceFile>();
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            // Symbolic links are followed: datasets on clusters are often linked in, and skipping them would drop
            // images silently.
            AttributesToSkip = FileAttributes.None,
            IgnoreInaccessible = false,
            ReturnSpecialDirectories = false,
            // Bounds a symbolic-link cycle (a folder linked into itself) instead of recursing until paths overflow.
            MaxRecursionDepth = 32,
        };
        foreach (string path in Directory.EnumerateFiles(fullRoot, "*", options))
        {
            string relative = Path.GetRelativePath(fullRoot, path).Replace(Path.DirectorySeparatorChar, '/');
            if (relative.Split('/').Any(part => part.StartsWith('.'))) continue;
            if (excluded is not null && string.Equals(path, excluded, StringComparison.Ordinal)) continue;
            if (excludedDir is not null && path.StartsWith(excludedDir, StringComparison.Ordinal)) continue;
            files.Add(new SourceFile(path, relative));
        }
        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return files;
    }
}
