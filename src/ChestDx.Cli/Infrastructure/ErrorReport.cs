using System.Reflection;
using System.Text.RegularExpressions;
using ChestDx.Core;
using ChestDx.Dicom;

namespace ChestDx.Cli.Infrastructure;

/// <summary>
/// The one-line "PATH: problem" text of an error about the user's input or machine; null for a bug. Stage libraries
/// throw <see cref="ChestDxException"/>; the DICOM library (no ChestDx dependencies) throws its own DicomException;
/// the machine speaks through .NET's file exceptions: a read-only or full disk, a missing permission, a path too long,
/// a folder that does not exist. Those carry the path only inside their message, so it is taken from there.
/// </summary>
public static partial class ErrorReport
{
    public static string? Describe(Exception e) => Unwrap(e) switch
    {
        ChestDxException c => c.Message,
        DicomException d => d.FilePath is null || d.Message.StartsWith(d.FilePath, StringComparison.Ordinal)
            ? d.Message
            : $"{d.FilePath}: {d.Message}",
        FileNotFoundException f => $"{f.FileName ?? PathIn(f.Message) ?? "?"}: file not found",
        // ENOENT and ENOTDIR both arrive as DirectoryNotFoundException: a parent is missing or is a file.
        DirectoryNotFoundException d => WithPath(d.Message, "a folder on the path does not exist or is a file"),
        PathTooLongException p => WithPath(p.Message, "path too long for this file system"),
        UnauthorizedAccessException u => WithPath(u.Message, "permission denied"),
        IOException io when PathIn(io.Message) is { } p && File.Exists(p)
                            && io.Message.Contains("already exists", StringComparison.Ordinal)
            => $"{p}: is a file where a folder is needed",
        IOException io => WithPath(io.Message, ErrnoText(io.HResult) ?? Reason(io.Message)),
        _ => null,
    };

    /// <summary>Parallel loops and reflection wrap the exception that matters;
    /// a lone inner one is the real error.</summary>
    private static Exception Unwrap(Exception e) => e switch
    {
        AggregateException { InnerExceptions.Count: 1 } a => Unwrap(a.InnerExceptions[0]),
        TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        _ => e,
    };

    /// <summary>
    /// .NET on Unix reports an errno as HResult for the errors it has no subclass for (Interop.GetExceptionForIoErrno);
    /// these are the ones a user can act on. Numbers are Linux's (errno-base.h, errno.h).
    /// </summary>
    private static string? ErrnoText(int errno) => OperatingSystem.IsLinux()
        ? errno switch
        {
            5 => "input/output error (the disk or network file system failed)",
            13 => "permission denied",
            28 => "no space left on device",
            30 => "read-only file system",
            36 => "file name too long",
            122 => "disk quota exceeded",
            _ => null,
        }
        : null;

    private static string WithPath(string message, string what) =>
        PathIn(message) is { } path ? $"{path}: {what}" : $"{what} ({message})";

    /// <summary>"No space left on device : '/out/x'" → "no space left on device".</summary>
    private static string Reason(string message)
    {
        Match m = UnixStyle().Match(message);
        string text = m.Success ? m.Groups["what"].Value : message;
        return text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1])
            ? char.ToLowerInvariant(text[0]) + text[1..]
            : text;
    }

    /// <summary>The quoted path of a .NET file-system message:
    /// "… : '/path'" (Unix) or "… the path '/path' …".</summary>
    private static string? PathIn(string message)
    {
        Match m = UnixStyle().Match(message);
        if (m.Success) return m.Groups["path"].Value;
        m = Quoted().Match(message);
        return m.Success ? m.Groups["path"].Value : null;
    }

    [GeneratedRegex(@"^(?<what>.*?) : '(?<path>.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex UnixStyle();

    [GeneratedRegex(@"'(?<path>[^']+)'")]
    private static partial Regex Quoted();
}
