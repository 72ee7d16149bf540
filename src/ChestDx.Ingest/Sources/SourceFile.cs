namespace ChestDx.Ingest.Sources;

/// <summary>
/// One file under the source root. <see cref="RelativePath"/> is '/'-separated and is what outputs name.
/// </summary>
public sealed record SourceFile(string FullPath, string RelativePath)
{
    public string FileName => RelativePath[(RelativePath.LastIndexOf('/') + 1)..];

    public string Stem
    {
        get
        {
            string name = FileName;
            int dot = name.LastIndexOf('.');
            return dot > 0 ? name[..dot] : name;
        }
    }
}
