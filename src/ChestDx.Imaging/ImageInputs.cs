using ChestDx.Core;

namespace ChestDx.Imaging;

/// <summary>One image file to predict: where it is and the id predictions.csv gives it.</summary>
public sealed record ImageInput(string Path, string Id);

/// <summary>
/// The image files a prediction reads from what the user named (<c>--data</c>): a file is itself, with its file name
/// as id; a folder is every image file under it, recursively, in ordinal order of the path relative to the folder,
/// which is also the id ("study1/view2.dcm"), so two files of one name in different sub-folders stay apart. Inside a
/// folder, files whose first bytes no reader recognises (notes, CSVs) and hidden files (".name": ChestDx's own lock
/// files) are skipped and counted; a named file is never skipped (its reader says what is wrong with it).
/// </summary>
public static class ImageInputs
{
    public static IReadOnlyList<ImageInput> Expand(IReadOnlyList<string> inputs, ImageLoadSettings settings,
        Action<string> warn)
    {
        var result = new List<ImageInput>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string input in inputs)
        {
            if (!Directory.Exists(input))
            {
                Add(result, ids, input, Path.GetFileName(input));
                continue;
            }
            int skipped = 0, found = 0;
            string root = Path.GetFullPath(input);
            var files = Directory
                .EnumerateFiles(root, "*", new EnumerationOptions
                {
                    // Hidden files are counted below, not silently left out by the enumeration's default.
                    RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false,
                })
                .Select(f => (Full: f, Relative: Path.GetRelativePath(root, f).Replace('\\', '/')))
                .OrderBy(f => f.Relative, StringComparer.Ordinal);
            foreach ((string file, string relative) in files)
            {
                if (relative.Split('/').Any(part => part.StartsWith('.')) || !IsImage(file, relative, settings))
                {
                    skipped++;
                    continue;
                }
                Add(result, ids, file, relative);
                found++;
            }
            if (found == 0)
                throw ChestDxException.ForFile(input, $"no image files in this folder (none of its {skipped} "
                    + $"file(s) has a {settings.Formats} signature)");
            if (skipped > 0)
                warn($"{input}: {skipped} file(s) skipped (hidden, or without a {settings.Formats} signature)");
        }
        return result;
    }

    private static void Add(List<ImageInput> result, Dictionary<string, string> ids, string path, string id)
    {
        if (ids.TryGetValue(id, out string? first))
            throw ChestDxException.ForFile(path, $"a second image with id '{id}' (the first is {first}): image ids "
                + "must be unique");
        ids[id] = path;
        result.Add(new ImageInput(path, id));
    }

    private static bool IsImage(string file, string relative, ImageLoadSettings settings)
    {
        Span<byte> head = stackalloc byte[1024];
        int n;
        using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1))
            n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return n > 0 && settings.FindReader(head[..n], relative) is not null;
    }
}
