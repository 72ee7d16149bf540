namespace ChestDx.Dicom;

/// <summary>
/// The one error type the DICOM library throws for bad or unsupported input: malformed structure, truncated data,
/// broken codestreams, unsupported transfer syntaxes, missing native codecs. Messages carry the file, the tag and
/// the byte offset where known, so "FILE: (7FE0,0010) at offset 1234: problem" says what a user needs to act on.
/// </summary>
public class DicomException : Exception
{
    public DicomException(string message) : base(message) { }

    public DicomException(string message, Exception inner) : base(message, inner) { }

    /// <summary>The file being read, when known.</summary>
    public string? FilePath { get; init; }

    /// <summary>The element being read, as a (gggg,eeee) tag number, when known.</summary>
    public uint? Tag { get; init; }

    /// <summary>Byte offset in the file (or in the decoded stream for codec errors), when known.</summary>
    public long? Offset { get; init; }
}
