using System.Diagnostics;

namespace ChestDx.Cli.Tests.Robustness;

/// <summary>
/// A small tmpfs mounted for one test, read-only or nearly full, to put a command's output on a disk that refuses
/// it. Tests run as root in CI containers, where chmod 555 does not stop writes (root bypasses permission bits), so
/// the refusal has to come from the file system itself: a read-only mount gives EROFS, a full one ENOSPC. Mounting
/// needs root (CAP_SYS_ADMIN); elsewhere <see cref="TryCreate"/> returns null with the reason and the test is skipped.
/// </summary>
internal sealed class ScratchMount : IDisposable
{
    private ScratchMount(string path) => Path = path;

    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="kib"/> KiB with <paramref name="options"/> (e.g. "ro").</summary>
    public static ScratchMount? TryCreate(int kib, string? options, out string reason)
    {
        string path = Directory.CreateTempSubdirectory("chestdx-mount-").FullName;
        (int code, string output) = Exec("mount", "-t", "tmpfs", "-o",
            $"size={kib}k{(options is null ? "" : "," + options)}", "tmpfs", path);
        if (code == 0)
        {
            reason = "";
            return new ScratchMount(path);
        }
        Directory.Delete(path);
        reason = $"cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN): mount exited {code}: {output.Trim()}";
        return null;
    }

    /// <summary>Fills the file system until fewer than <paramref name="leaveKib"/> KiB are free.</summary>
    public void Fill(int leaveKib = 0)
    {
        var drive = new DriveInfo(Path);
        long toWrite = Math.Max(0, drive.AvailableFreeSpace - leaveKib * 1024L);
        using var filler = new FileStream(System.IO.Path.Combine(Path, "filler"), FileMode.Create);
        var block = new byte[4096];
        try
        {
            for (long written = 0; written < toWrite; written += block.Length) filler.Write(block);
            filler.Flush();
        }
        catch (IOException) { } // full: what was asked for
    }

    public void Dispose()
    {
        Exec("umount", "-l", Path);
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }

    private static (int Code, string Output) Exec(string file, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string a in args) start.ArgumentList.Add(a);
            using Process p = Process.Start(start)!;
            string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
