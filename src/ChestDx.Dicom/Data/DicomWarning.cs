namespace ChestDx.Dicom.Data;

/// <summary>
/// Something the lenient reader tolerated (dcmtk would carry on too); kept so ingestion can record it per file.
/// </summary>
/// <param name="Offset">
/// Byte offset in the file, or in the inflated stream for deflated files (then <paramref name="InInflatedStream"/>).
/// </param>
public sealed record DicomWarning(
    string Message, DicomTag? Tag = null, long? Offset = null, bool InInflatedStream = false)
{
    public override string ToString()
    {
        string where = (Tag, Offset) switch
        {
            ({ } t, { } o) => $"{t} at {(InInflatedStream ? "inflated " : "")}offset {o}: ",
            ({ } t, null) => $"{t}: ",
            (null, { } o) => $"at {(InInflatedStream ? "inflated " : "")}offset {o}: ",
            _ => "",
        };
        return where + Message;
    }
}
