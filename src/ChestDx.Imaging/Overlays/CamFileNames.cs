using System.Security.Cryptography;
using System.Text;
using ChestDx.Core;

namespace ChestDx.Imaging.Overlays;

/// <summary>
/// Overlay file names, <c>&lt;id&gt;_&lt;class&gt;.png</c>: the image id without its image extension
/// ("00001369_000.png" → "00001369_000"), the class name, each made file-safe (letters, digits, '.', '-', '_';
/// anything else, folder separators included, becomes '_'). Ids of predict on folders carry folders
/// ("study1/view2.dcm"); so that no two ids share a name, a stem that had to be changed (a character replaced, or cut
/// to <see cref="MaxStemLength"/>) gets "-" and 8 hex digits of SHA-256 of the whole id ("study1_view2-1f0e9c2a").
/// One run's names are checked against each other (<see cref="Claim"/>): an id whose stem another id of the run
/// already took (a.png and a.dcm; names equal but for case, which a case-blind file system merges) also gets the hash
/// suffix; a clash left after that is an error, never an overwrite.
/// </summary>
public sealed class CamFileNames
{
    /// <summary>Stems are cut to this many characters, below every file system's 255-byte name limit.</summary>
    public const int MaxStemLength = 120;

    private static readonly string[] ImageExtensions = [".png", ".jpg", ".jpeg", ".dcm", ".dicom"];

    private readonly Dictionary<string, string> _stemOwners = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _stems = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _files = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The file name of <paramref name="className"/>'s overlay for <paramref name="imageId"/>, unique in
    /// this run.</summary>
    public string Claim(string imageId, string className)
    {
        if (!_stems.TryGetValue(imageId, out string? stem))
        {
            stem = Stem(imageId);
            if (_stemOwners.ContainsKey(stem)) stem = Hashed(stem, imageId);
            if (!_stemOwners.TryAdd(stem, imageId))
                throw new ChestDxException($"image ids '{_stemOwners[stem]}' and '{imageId}' give the same "
                    + $"class activation map name '{stem}'");
            _stems[imageId] = stem;
        }
        string file = $"{stem}_{Safe(className)}.png";
        if (!_files.TryAdd(file, className + "\0" + imageId))
            throw new ChestDxException($"two class activation maps would be named '{file}' (class names that differ "
                + "only in characters a file name cannot hold)");
        return file;
    }

    /// <summary>The stem of an id on its own (what <see cref="Claim"/> gives when no other id took it).</summary>
    public static string Stem(string imageId)
    {
        string bare = imageId;
        foreach (string ext in ImageExtensions)
            if (bare.Length > ext.Length && bare.EndsWith(ext, StringComparison.OrdinalIgnoreCase))
            {
                bare = bare[..^ext.Length];
                break;
            }
        string safe = Safe(bare);
        // A leading '.' would hide the file; an empty id has no name.
        if (safe.Length == 0 || safe[0] == '.') safe = "_" + safe;
        if (safe == bare && safe.Length <= MaxStemLength) return safe;
        return Hashed(safe.Length > MaxStemLength ? safe[..MaxStemLength] : safe, imageId);
    }

    /// <summary>Letters and digits of ASCII, '.', '-' and '_' kept; every other character becomes '_'.</summary>
    public static string Safe(string text) =>
        string.Concat(text.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '-' or '_' ? ch : '_'));

    private static string Hashed(string stem, string imageId) =>
        stem + "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(imageId)))[..8];
}
