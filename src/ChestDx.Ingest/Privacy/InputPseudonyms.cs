using ChestDx.Imaging;
using ChestDx.Ingest.Sources;

namespace ChestDx.Ingest.Privacy;

/// <summary>
/// <c>chestdx predict</c>'s names under a site key: ingest's own <see cref="SourceNames"/> (one pseudonymisation
/// function), for a file ingest would have read without a labels row.
/// </summary>
public sealed class InputPseudonyms : IInputPseudonyms
{
    private readonly SourceNames _names;

    private InputPseudonyms(Pseudonymiser pseudonyms)
    {
        _names = new SourceNames(pseudonyms);
        KeyId = pseudonyms.KeyId!;
    }

    public string KeyId { get; }

    /// <summary>
    /// The key as ingest takes it (--key-file, else $CHESTDX_PSEUDONYM_KEY; --no-pseudonym ignores the variable), but
    /// optional: with none, null (ids stay the relative paths).
    /// </summary>
    public static InputPseudonyms? Resolve(string? keyFile, bool noPseudonym, Func<string, string?> environment)
    {
        if (keyFile is null && !noPseudonym && string.IsNullOrEmpty(environment(Pseudonymiser.KeyVariable)))
            return null;
        Pseudonymiser pseudonyms = Pseudonymiser.Resolve(keyFile, noPseudonym, environment);
        return pseudonyms.Enabled ? new InputPseudonyms(pseudonyms) : null;
    }

    public string ImageId(string relativePath, string? sopInstanceUid) =>
        _names.ImageId(sopInstanceUid, null, new SourceFile("", relativePath));

    public string Source(string relativePath) => _names.Source(relativePath);

    public string Scrub(string message, string fullPath, string relativePath) =>
        _names.Scrub(message, new SourceFile(fullPath, relativePath));
}
