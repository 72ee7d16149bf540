using System.Security.Cryptography;

namespace ChestDx.Core.Packs;

/// <summary>
/// SHA-256 over a pack's pack.json, manifest.csv and images.u8 (in that order): the one content hash of a pack, so a
/// model card, a predictions file's provenance and an evaluation report name exactly the data they saw. Streams the
/// files; a 7.3 GB NIH pack takes tens of seconds, once per run.
/// </summary>
public static class PackFingerprint
{
    public static string Sha256(string packDirectory)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = new byte[1 << 20];
        foreach (string name in new[] { PackFormat.InfoFile, PackFormat.ManifestFile, PackFormat.ImagesFile })
        {
            using var stream = new FileStream(Path.Combine(packDirectory, name), FileMode.Open, FileAccess.Read,
                FileShare.Read, 1 << 20);
            int n;
            while ((n = stream.Read(buffer)) > 0) hash.AppendData(buffer.AsSpan(0, n));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
