using System.Diagnostics.CodeAnalysis;

namespace ChestDx.Dicom.Codecs.JpegLossless;

/// <summary>Builds the one error type the DICOM library throws, with the byte offset inside the frame.</summary>
internal static class JpegLosslessErrors
{
    [DoesNotReturn]
    public static void Corrupt(string problem, int offset) =>
        throw new DicomException($"JPEG lossless codestream: {problem} (at byte {offset} of the frame)")
            { Offset = offset };

    [DoesNotReturn]
    public static void Mismatch(string problem) =>
        throw new DicomException($"JPEG lossless codestream does not match the dataset: {problem}");

    [DoesNotReturn]
    public static void Unsupported(string problem, int offset) =>
        throw new DicomException($"JPEG lossless codestream: unsupported {problem} (at byte {offset} of the frame)")
            { Offset = offset };
}
