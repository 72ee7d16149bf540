namespace ChestDx.Imaging;

/// <summary>
/// How <c>chestdx predict</c> names image files under a site key, so that its predictions join the manifest of a pack
/// ingested with the same key and no clear file or folder name (hospital exports name them by patient name, MRN or
/// accession number) reaches an output or a message. Implemented by ChestDx.Ingest.Privacy, whose keyed
/// pseudonymisation is the only one (this interface exists because Training and Onnx may not reference Ingest).
/// </summary>
public interface IInputPseudonyms
{
    /// <summary>The key's fingerprint, as pack.json records it (<c>settings.key_id</c>).</summary>
    string KeyId { get; }

    /// <summary>
    /// The image id ingest gives the file: the pseudonym of its SOP Instance UID where it has one, else of its path
    /// relative to the folder named on the command line ('/'-separated).
    /// </summary>
    string ImageId(string relativePath, string? sopInstanceUid);

    /// <summary>The file's source pseudonym (ingest's manifest <c>source</c> column); extension kept.</summary>
    string Source(string relativePath);

    /// <summary>
    /// <paramref name="message"/> with every clear name of the file (full path, relative path, file name, stem,
    /// folder names) replaced by its source pseudonym.
    /// </summary>
    string Scrub(string message, string fullPath, string relativePath);
}
