using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace ChestDx.Core.IO;

/// <summary>
/// One writer per output. The lock is an operating-system lock on a small file beside the output, not the file's mere
/// existence: .NET opens a file with <see cref="FileShare.None"/> under flock(LOCK_EX | LOCK_NB) on Unix (a share-mode
/// lock on Windows), and the kernel drops that lock when the process ends for any reason, kill -9 included, so a dead
/// holder never blocks the next run. Who holds it (pid, host, command, start time) goes to a separate holder file,
/// because the locked file cannot be opened by anyone else, not even to be read.
/// <para>
/// The lock file itself stays after the run (empty, harmless; every reader of an output ignores dot-files). Deleting
/// it on release would let a third process lock a fresh file at the same name while a second still holds the unlinked
/// old one, so two writers would both believe they hold the lock. The holder file is deleted on release.
/// </para>
/// </summary>
public sealed class OutputLock : IDisposable
{
    /// <summary>The lock file in an output directory (or <c>.NAME.chestdx.lock</c> beside an output file).</summary>
    public const string FileName = ".chestdx.lock";

    /// <summary>Appended to the lock file's name for the holder description.</summary>
    public const string HolderSuffix = ".json";

    // snake_case like every JSON file ChestDx writes (docs/cli.md); read case-insensitively, so the holder file of
    // a run started by an older chestdx ("Pid", "Host", …) is still understood.
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = true,
    };
    private readonly FileStream _stream;
    private string? _createdDirectory;

    private OutputLock(string output, string lockPath, FileStream stream)
    {
        Output = output;
        LockPath = lockPath;
        _stream = stream;
    }

    /// <summary>The directory or file this lock guards.</summary>
    public string Output { get; }

    public string LockPath { get; }

    public string HolderPath => LockPath + HolderSuffix;

    /// <summary>Locks the output directory <paramref name="directory"/> (created if missing), or throws a
    /// <see cref="ChestDxException"/> naming the folder and the run that holds it, having changed nothing.</summary>
    public static OutputLock ForDirectory(string directory, string command)
    {
        string full = Path.GetFullPath(directory);
        if (File.Exists(full)) throw ChestDxException.ForFile(full, "is a file; the output must be a folder");
        bool created = !Directory.Exists(full);
        Directory.CreateDirectory(full);
        OutputLock held;
        try
        {
            held = Acquire(full, Path.Combine(full, FileName), command);
        }
        catch when (created)
        {
            RemoveIfOnlyLock(full, Path.Combine(full, FileName));
            throw;
        }
        held._createdDirectory = created ? full : null;
        return held;
    }

    /// <summary>Locks the output file <paramref name="file"/> through <c>.NAME.chestdx.lock</c> beside it, so two
    /// outputs in one folder do not exclude each other.</summary>
    public static OutputLock ForFile(string file, string command)
    {
        string full = Path.GetFullPath(file);
        string directory = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(directory);
        return Acquire(full, Path.Combine(directory, "." + Path.GetFileName(full) + FileName), command);
    }

    private static OutputLock Acquire(string output, string lockPath, string command)
    {
        FileStream stream;
        try
        {
            stream =
                new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
        }
        catch (IOException e) when (IsHeldByAnother(e, lockPath))
        {
            throw ChestDxException.ForFile(output,
                $"in use by another chestdx run ({DescribeHolder(lockPath + HolderSuffix)}); "
                    + $"wait for it to finish or choose another output", e);
        }
        var held = new OutputLock(output, lockPath, stream);
        try
        {
            var holder = new LockHolder(Environment.ProcessId, Environment.MachineName, OneLine(command), StartTime());
            AtomicFile.WriteAllText(held.HolderPath, JsonSerializer.Serialize(holder, Json) + "\n");
        }
        catch
        {
            held.Dispose();
            throw;
        }
        return held;
    }

    /// <summary>
    /// Removes the holder description, then releases the lock. A folder this lock created and the run left empty (a
    /// run that failed before writing anything) is removed with its lock file, so a refused run leaves nothing behind;
    /// the window in which a third run could lock the deleted file is the same few instructions as the deletion.
    /// </summary>
    public void Dispose()
    {
        try { File.Delete(HolderPath); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        _stream.Dispose();
        if (_createdDirectory is not null) RemoveIfOnlyLock(_createdDirectory, LockPath);
    }

    private static void RemoveIfOnlyLock(string directory, string lockPath)
    {
        try
        {
            string[] entries = Directory.GetFileSystemEntries(directory);
            if (entries.Length > 1 || (entries.Length == 1 && entries[0] != lockPath)) return;
            File.Delete(lockPath);
            Directory.Delete(directory);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>
    /// A failed open of an existing lock file whose cause is the lock, not the disk: .NET reports a refused flock as an
    /// IOException that is none of the specific subclasses, and opening the same file without the lock still works.
    /// </summary>
    private static bool IsHeldByAnother(IOException e, string lockPath)
    {
        if (e is FileNotFoundException or DirectoryNotFoundException or PathTooLongException) return false;
        if (!File.Exists(lockPath)) return false;
        try
        {
            // A read-only open asks for a shared lock, which only a holder's exclusive lock refuses; on a read-only
            // or otherwise failing disk the read succeeds, so the first failure was the disk's, not the lock's.
            using var probe = File.OpenHandle(lockPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string DescribeHolder(string holderPath)
    {
        try
        {
            LockHolder? h = JsonSerializer.Deserialize<LockHolder>(File.ReadAllText(holderPath), Json);
            if (h is not null)
                return string.Create(CultureInfo.InvariantCulture, $"pid {h.Pid} on {h.Host}, "
                    + $"started {h.Started.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC: {h.Command}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException) { }
        return "its holder did not say who it is";
    }

    private static DateTimeOffset StartTime()
    {
        try { return Process.GetCurrentProcess().StartTime.ToUniversalTime(); }
        catch (Exception e)
            when (e is InvalidOperationException or NotSupportedException or System.ComponentModel.Win32Exception)
        {
            return DateTimeOffset.UtcNow;
        }
    }

    private static string OneLine(string text) => string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c));
}

/// <summary>What <see cref="OutputLock"/> writes about the run holding an output.</summary>
public sealed record LockHolder(int Pid, string Host, string Command, DateTimeOffset Started);
