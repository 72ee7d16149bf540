using System.Security.Cryptography;
using System.Text;
using ChestDx.Core;

namespace ChestDx.Ingest.Privacy;

/// <summary>
/// Keyed pseudonyms: HMAC-SHA256(site key, purpose ‖ 0x00 ‖ value), first 128 bits as 32 hex digits. The same
/// patient gets the same pseudonym in every pack made with the same key (so packs of one site merge and stay
/// patient-disjoint), and without the key nobody can test a guessed id against a pseudonym — which a plain hash
/// of a short numeric patient id would allow. The purpose string separates patient ids, image UIDs, labels image ids
/// and paths.
/// <see cref="None"/> keeps values as given: only for public data whose ids are already public (NIH).
/// </summary>
public sealed class Pseudonymiser
{
    /// <summary>Environment variable holding the key when --key-file is not given.</summary>
    public const string KeyVariable = "CHESTDX_PSEUDONYM_KEY";

    /// <summary>Shorter keys are refused: HMAC keys should carry at least 128 bits.</summary>
    public const int MinKeyBytes = 16;

    private readonly byte[]? _key;

    private Pseudonymiser(byte[]? key)
    {
        _key = key;
        KeyId = key is null ? null : Hex(key, "key-id", "chestdx")[..16];
    }

    /// <summary>Identity mapping, recorded as pseudonym "none" in pack.json.</summary>
    public static Pseudonymiser None { get; } = new(null);

    public bool Enabled => _key is not null;

    /// <summary>A fingerprint of the key that does not reveal it (an HMAC of a constant), for pack.json.</summary>
    public string? KeyId { get; }

    public static Pseudonymiser FromKey(ReadOnlySpan<byte> key, string origin)
    {
        if (key.Length < MinKeyBytes)
            throw new ChestDxException(
                $"{origin}: pseudonym key is {key.Length} bytes; use at least " +
                $"{MinKeyBytes} random bytes (e.g. `head -c 32 /dev/urandom > site.key`)");
        return new Pseudonymiser(key.ToArray());
    }

    /// <summary>The key file's bytes; one trailing line break is ignored so keys written with `echo` work.</summary>
    public static Pseudonymiser FromKeyFile(string path)
    {
        if (!File.Exists(path)) throw ChestDxException.ForFile(path, "key file not found");
        byte[] bytes = File.ReadAllBytes(path);
        int length = bytes.Length;
        if (length > 0 && bytes[length - 1] == '\n') length--;
        if (length > 0 && bytes[length - 1] == '\r') length--;
        return FromKey(bytes.AsSpan(0, length), path);
    }

    /// <summary>
    /// --key-file, else the environment variable, else --no-pseudonym; with none of them, a clear error: patient ids
    /// must never reach a pack in clear by accident.
    /// </summary>
    public static Pseudonymiser Resolve(string? keyFile, bool noPseudonym, Func<string, string?> environment)
    {
        if (keyFile is not null && noPseudonym)
            throw new ChestDxException("--key-file and --no-pseudonym exclude each other");
        if (keyFile is not null) return FromKeyFile(keyFile);
        if (noPseudonym) return None;
        string? value = environment(KeyVariable);
        if (!string.IsNullOrEmpty(value)) return FromKey(Encoding.UTF8.GetBytes(value), $"${KeyVariable}");
        throw new ChestDxException(
            $"no pseudonym key: pass --key-file FILE or set {KeyVariable} (patient ids become keyed pseudonyms), " +
            "or --no-pseudonym for public data whose ids are already public (e.g. NIH ChestX-ray14)");
    }

    public string Patient(string clearId) => _key is null ? clearId : Hex(_key, "patient", clearId.Trim())[..32];

    public string ImageUid(string uid) => _key is null ? uid : Hex(_key, "image", uid.Trim())[..32];

    /// <summary>
    /// A labels file's image id (e.g. "ACC987654.png": hospital exports name images by accession number).
    /// </summary>
    public string LabelsImageId(string id) => _key is null ? id : Hex(_key, "labels-image-id", id)[..32];

    /// <summary>A path's pseudonym keeps the extension so the format stays visible.</summary>
    public string SourcePath(string relativePath) =>
        _key is null ? relativePath : Hex(_key, "path", relativePath)[..32] + Path.GetExtension(relativePath);

    private static string Hex(byte[] key, string purpose, string value)
    {
        byte[] message = Encoding.UTF8.GetBytes($"{purpose}\0{value}");
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, message));
    }
}
