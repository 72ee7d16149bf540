using ChestDx.Core;
using ChestDx.Core.Packs;
using ChestDx.Dicom;

namespace ChestDx.Imaging;

/// <summary>
/// One image file to predict: where it is, the id predictions.csv gives it (under a site key its source pseudonym,
/// until loading finds a SOP Instance UID) and its path relative to the folder named (a named file: its file name).
/// </summary>
public sealed record ImageInput(string Path, string Id, string? RelativePath = null)
{
    public string Relative => RelativePath ?? Id;
}

/// <summary>One loaded image file: its final id and the S×S grey bytes ingestion would store for it.</summary>
public sealed record LoadedInput(string Id, byte[] Pixels);

/// <summary>
/// The image files a prediction reads from what the user named (<c>--data</c>): a file is itself, with its file name
/// as id; a folder is every image file under it, recursively, in ordinal order of the path relative to the folder,
/// which is also the id ("study1/view2.dcm"), so two files of one name in different sub-folders stay apart. Inside a
/// folder, files whose first bytes no reader recognises (notes, CSVs) and hidden files (".name": ChestDx's own lock
/// files) are skipped and counted; a named file is never skipped (its reader says what is wrong with it).
/// Under a site key (<see cref="IInputPseudonyms"/>) ids are those ingest gives the same files with the same key, and
/// every message names files by their source pseudonyms.
/// </summary>
public static class ImageInputs
{
    public static IReadOnlyList<ImageInput> Expand(IReadOnlyList<string> inputs, ImageLoadSettings settings,
        Action<string> warn, IInputPseudonyms? pseudonyms = null)
    {
        var result = new List<ImageInput>();
        var ids = new Dictionary<string, ImageInput>(StringComparer.Ordinal);
        foreach (string input in inputs)
        {
            if (!Directory.Exists(input))
            {
                Add(result, ids, input, Path.GetFileName(input), pseudonyms);
                continue;
            }
            int skipped = 0, found = 0;
            string root = Path.GetFullPath(input);
            string named = input.Replace('\\', '/').TrimEnd('/');
            try
            {
                var files = Directory
                    .EnumerateFiles(root, "*", new EnumerationOptions
                    {
                        // Hidden files are counted below, not silently left out by the enumeration's default.
                        RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false,
                    })
                    .Select(f => (Full: f, Relative: Path.GetRelativePath(root, f).Replace('\\', '/')))
                    .OrderBy(f => f.Relative, StringComparer.Ordinal)
                    .ToList();
                foreach ((string file, string relative) in files)
                {
                    if (relative.Split('/').Any(part => part.StartsWith('.'))
                        || !IsImage(file, relative, settings, pseudonyms))
                    {
                        skipped++;
                        continue;
                    }
                    Add(result, ids, file, relative, pseudonyms);
                    found++;
                }
            }
            catch (Exception e) when (pseudonyms is not null && e is IOException or UnauthorizedAccessException)
            {
                // A sub-folder's name is not known to the scrub: say what failed without any path.
                throw new ChestDxException($"{pseudonyms.Source(named)}: a file or folder under it cannot be read "
                    + $"({e.GetType().Name})");
            }
            if (found == 0)
                throw new ChestDxException(Scrub($"{input}: no image files in this folder (none of its {skipped} "
                    + $"file(s) has a {settings.Formats} signature)", root, named, pseudonyms));
            if (skipped > 0)
                warn(Scrub($"{input}: {skipped} file(s) skipped (hidden, or without a {settings.Formats} signature)",
                    root, named, pseudonyms));
        }
        return result;
    }

    /// <summary>
    /// Loads each file in order (both engines read files through this), giving it its final id: under a key the
    /// pseudonym of its SOP Instance UID where it has one, so two copies of one DICOM image are refused here.
    /// Every problem throws one "NAME: problem" line: the path as given, or under a key the source pseudonym.
    /// </summary>
    public static IEnumerable<LoadedInput> Load(IReadOnlyList<ImageInput> files, ImageLoadSettings settings,
        IInputPseudonyms? pseudonyms, CancellationToken cancel)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (ImageInput file in files)
        {
            cancel.ThrowIfCancellationRequested();
            if (pseudonyms is null)
            {
                yield return new LoadedInput(file.Id, ImageLoader.Load(file.Path, settings));
                continue;
            }
            LoadedInput loaded = LoadPseudonymised(file, settings, pseudonyms);
            if (ids.TryGetValue(loaded.Id, out string? first))
                throw new ChestDxException($"{file.Id}: the same SOP Instance UID as {first} (image id "
                    + $"{loaded.Id}): image ids must be unique");
            ids[loaded.Id] = file.Id;
            yield return loaded;
        }
    }

    /// <summary>
    /// With a key, refuses a pack whose ids are not this key's pseudonyms: predictions would not join it, or would
    /// put clear ids next to pseudonymised ones.
    /// </summary>
    public static void CheckPackKey(string pack, IInputPseudonyms? pseudonyms)
    {
        if (pseudonyms is null) return;
        PackSettings? settings = DatasetPack.ReadInfo(pack).Settings;
        if (settings is null || settings.Pseudonym == "none")
            throw ChestDxException.ForFile(pack, "the pack was ingested without a pseudonym key, but predict was "
                + "given one (--key-file or $CHESTDX_PSEUDONYM_KEY); pass --no-pseudonym to predict on it");
        if (settings.KeyId != pseudonyms.KeyId)
            throw ChestDxException.ForFile(pack, $"the pack was ingested with key id {settings.KeyId ?? "(none)"}, "
                + $"predict was given key id {pseudonyms.KeyId}: its ids would not join");
    }

    private static LoadedInput LoadPseudonymised(ImageInput file, ImageLoadSettings settings,
        IInputPseudonyms pseudonyms)
    {
        string display = pseudonyms.Source(file.Relative);
        try
        {
            if (!File.Exists(file.Path)) throw new ChestDxException($"{display}: image file not found");
            if (!ImageLoader.TryLoad(file.Path, file.Relative, display, settings, out LoadedImage? image,
                    out string? rejection))
                throw new ChestDxException($"{display}: {rejection}");
            using (image)
                return new LoadedInput(pseudonyms.ImageId(file.Relative, image.Identity?.ImageUid),
                    image.Pixels.ToArray());
        }
        catch (Exception e) when (e is ChestDxException or DicomException or IOException
                                      or UnauthorizedAccessException or InvalidDataException)
        {
            // The inner exception is dropped: its message and stack would name the file in clear.
            throw new ChestDxException(pseudonyms.Scrub(e.Message, Path.GetFullPath(file.Path), file.Relative));
        }
    }

    private static string Scrub(string message, string fullPath, string relative, IInputPseudonyms? pseudonyms) =>
        pseudonyms is null ? message : pseudonyms.Scrub(message, fullPath, relative);

    private static void Add(List<ImageInput> result, Dictionary<string, ImageInput> ids, string path,
        string relative, IInputPseudonyms? pseudonyms)
    {
        string id = pseudonyms is null ? relative : pseudonyms.Source(relative);
        if (ids.TryGetValue(id, out ImageInput? first))
        {
            string message = $"{path}: a second image with id '{id}' (the first is {first.Path}): image ids must "
                + "be unique";
            if (pseudonyms is not null)
                message = pseudonyms.Scrub(pseudonyms.Scrub(message, Path.GetFullPath(path), relative),
                    Path.GetFullPath(first.Path), first.Relative);
            throw new ChestDxException(message) { Path = pseudonyms is null ? path : null };
        }
        var input = new ImageInput(path, id, relative);
        ids[id] = input;
        result.Add(input);
    }

    private static bool IsImage(string file, string relative, ImageLoadSettings settings,
        IInputPseudonyms? pseudonyms)
    {
        Span<byte> head = stackalloc byte[1024];
        int n;
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
            n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (pseudonyms is not null && e is IOException or UnauthorizedAccessException)
        {
            throw new ChestDxException(pseudonyms.Scrub(e.Message, file, relative));
        }
        return n > 0 && settings.FindReader(head[..n], relative) is not null;
    }
}
