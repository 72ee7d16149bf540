using System.Text;

namespace ChestDx.Core.IO;

/// <summary>
/// Writes a file so that readers see either the old content or the complete new content, never a half-written file:
/// the bytes go to a temporary file in the same directory (same file system, so the rename is atomic), are flushed to
/// disk, and the temporary file is renamed over the target. A crash leaves at most a stray "*.tmp-*" file.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string contents) =>
        Write(path, stream =>
        {
            using var writer =
                new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
            writer.Write(contents);
        });

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> contents)
    {
        string tmp = TempPathFor(path);
        try
        {
            using (var stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(contents);
                stream.Flush(flushToDisk: true);
            }
            File.Move(tmp, path, overwrite: true);
        }
        catch
        {
            TryDelete(tmp);
            throw;
        }
    }

    /// <summary>Runs <paramref name="write"/> against a temporary file,
    /// then renames it to <paramref name="path"/>.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        string tmp = TempPathFor(path);
        try
        {
            using (var stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(tmp, path, overwrite: true);
        }
        catch
        {
            TryDelete(tmp);
            throw;
        }
    }

    /// <summary>
    /// Fails now, with the file system's own error, if <paramref name="directory"/> cannot take a new file: creates it,
    /// then writes, flushes and deletes one byte under a temporary name. For commands that work long before they
    /// write, so a read-only, unwritable or full output fails before the work rather than after it.
    /// </summary>
    public static void CheckWritable(string directory)
    {
        string probe = TempPathFor(Path.Combine(directory, "write-probe"));
        try
        {
            using var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            stream.WriteByte(0);
            stream.Flush(flushToDisk: true);
        }
        finally
        {
            TryDelete(probe);
        }
    }

    /// <summary>A temporary name beside <paramref name="path"/>, unique per call.</summary>
    public static string TempPathFor(string path)
    {
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, $".{Path.GetFileName(full)}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
    }

    /// <summary>
    /// Deletes the temporaries a killed writer left in <paramref name="directory"/> (names from
    /// <see cref="TempPathFor"/>), for resumable stages to call before they start.
    /// Only call it where no other process is writing.
    /// </summary>
    public static void RemoveTemporaries(string directory)
    {
        foreach (string file in FindTemporaries(directory)) TryDelete(file);
    }

    /// <summary>The temporaries of interrupted writes in <paramref name="directory"/> (none when it
    /// does not exist).</summary>
    public static IEnumerable<string> FindTemporaries(string directory) =>
        Directory.Exists(directory) ? Directory.EnumerateFiles(directory, TemporaryPattern) : [];

    /// <summary>The names <see cref="TempPathFor"/> makes: ".NAME.tmp-PID-GUID".</summary>
    public const string TemporaryPattern = ".*.tmp-*";

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
