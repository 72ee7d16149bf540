using System.Security.Cryptography;

namespace ChestDx.Core.IO;

/// <summary>
/// How reports and provenance records name the files they describe: by their last part only, because the folders
/// above a file may carry patient or site names (a hospital export's folders often do); and by content, a SHA-256.
/// </summary>
public static class FileNames
{
    /// <summary>"/data/Smith^John/labels.csv" → "labels.csv"; "runs/a/" → "a"; "." → the current folder's name.
    /// </summary>
    public static string LastPart(string path)
    {
        string last = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));
        return last.Length > 0 ? last : path;
    }

    /// <summary>The lower-case hex SHA-256 of a file's bytes.</summary>
    public static string Sha256(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
