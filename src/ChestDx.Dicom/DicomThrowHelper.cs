using System.Diagnostics.CodeAnalysis;
using ChestDx.Dicom.Data;

namespace ChestDx.Dicom;

/// <summary>Builds every <see cref="DicomException"/> the library throws, so all messages share one shape:
/// "FILE: (gggg,eeee) at offset N: problem".</summary>
internal static class DicomThrowHelper
{
    [DoesNotReturn]
    public static void Throw(string? path, string problem, DicomTag? tag = null, long? offset = null,
        bool inflated = false, Exception? inner = null) =>
        throw Create(path, problem, tag, offset, inflated, inner);

    public static DicomException Create(string? path, string problem, DicomTag? tag = null, long? offset = null,
        bool inflated = false, Exception? inner = null)
    {
        string where = new DicomWarning(problem, tag, offset, inflated).ToString();
        string message = path is null ? where : $"{path}: {where}";
        return inner is null
            ? new DicomException(message) { FilePath = path, Tag = tag?.Value, Offset = offset }
            : new DicomException(message, inner) { FilePath = path, Tag = tag?.Value, Offset = offset };
    }
}
