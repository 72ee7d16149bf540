using System.Diagnostics;
using ChestDx.Core.IO;
using ChestDx.Training.Tests;

namespace ChestDx.Cli.Tests.Robustness;

/// <summary>
/// One writer per output: while a run holds an output, a second run on it gets one line naming the folder and the
/// holder, exits 1, and changes nothing there; a holder that dies (kill -9) does not block the next run.
/// </summary>
public sealed class OutputLockTests : IDisposable
{
    private static readonly string Images = Path.Combine(AppContext.BaseDirectory, "data", "nih-sample", "images");
    private static readonly string Labels =
        Path.Combine(AppContext.BaseDirectory, "data", "nih-sample", "Data_Entry_sample.csv");
    private const string Holder = "chestdx the-first-run --out somewhere";

    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-lock-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private string P(string name) => Path.Combine(_dir, name);

    public static TheoryData<string> Verbs => ["ingest", "train", "train --resume", "predict", "evaluate", "synth"];

    /// <summary>The second run's command line, and the output it would write (a folder, or predict's file).</summary>
    private (string[] Args, string Output, bool IsFile) Second(string verb)
    {
        string output = P("out");
        return verb switch
        {
            "ingest" =>
                (["ingest", "--source", Images, "--labels", Labels, "--out", output, "--no-pseudonym"], output, false),
            "train" => (["train", "--data", TinyPack.Create(P("pack"), train: 32, val: 16), "--out", output,
                "--epochs", "1", "--device", "cpu"], output, false),
            "train --resume" => (["train", "--out", output, "--resume"], output, false),
            "predict" => (["predict", "--model", P("run"), "--data", P("pack"), "--out", Path.Combine(output, "p.csv")],
                Path.Combine(output, "p.csv"), true),
            "evaluate" =>
                (["evaluate", "--predictions", P("p.csv"), "--labels", P("l.csv"), "--out", output], output, false),
            "synth" => (["synth", "--out", output, "--count", "2", "--size", "64"], output, false),
            _ => throw new ArgumentException(verb),
        };
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public void A_second_run_on_a_held_output_names_the_holder_and_touches_nothing(string verb)
    {
        (string[] args, string output, bool isFile) = Second(verb);
        Directory.CreateDirectory(P("out"));
        File.WriteAllText(Path.Combine(P("out"), "earlier-result.txt"), "what the first run wrote so far");
        using OutputLock held = isFile ? OutputLock.ForFile(output, Holder) : OutputLock.ForDirectory(output, Holder);
        var before = Snapshot(P("out"));

        (int exit, _, string err) = CliRunner.Run(args);

        Assert.Equal(1, exit);
        string command = verb.Split(' ')[0];
        Assert.StartsWith($"chestdx {command}: error: {Path.GetFullPath(output)}: in use by another chestdx run " +
                          $"(pid {Environment.ProcessId} on {Environment.MachineName}, started ", err);
        Assert.Contains($": {Holder}); wait for it to finish or choose another output", err);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.Equal(before, Snapshot(P("out")));
    }

    [Fact]
    public void Releasing_the_lock_removes_the_holder_file_and_lets_the_next_run_in()
    {
        string output = P("out");
        using (OutputLock.ForDirectory(output, Holder))
            Assert.True(File.Exists(Path.Combine(output, OutputLock.FileName + OutputLock.HolderSuffix)));
        Assert.False(File.Exists(Path.Combine(output, OutputLock.FileName + OutputLock.HolderSuffix)));
        using OutputLock again = OutputLock.ForDirectory(output, Holder); // does not throw
    }

    /// <summary>
    /// A holder killed with SIGKILL leaves its lock file and holder file behind; the kernel released the lock, so the
    /// same command runs (and resumes) at once rather than failing on a stale lock. The child is the test harness.
    /// </summary>
    [Fact]
    public void A_killed_holder_does_not_block_the_next_run()
    {
        string pack = P("pack-killed");
        string[] ingest =
            ["ingest", "--source", Images, "--labels", Labels, "--out", pack, "--no-pseudonym", "--workers", "1"];
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in (string[])[Path.Combine(AppContext.BaseDirectory, "ChestDx.Cli.Tests.dll"),
                     KillHarness.Option, "journal-line:3", .. ingest])
            start.ArgumentList.Add(a);
        using (Process child = Process.Start(start)!)
        {
            string log = child.StandardOutput.ReadToEnd() + child.StandardError.ReadToEnd();
            child.WaitForExit();
            Assert.True(child.ExitCode == 137, $"expected SIGKILL, got {child.ExitCode}: {log}");
        }
        Assert.True(File.Exists(Path.Combine(pack, OutputLock.FileName)));
        Assert.True(File.Exists(Path.Combine(pack, OutputLock.FileName + OutputLock.HolderSuffix)));

        (int exit, string output, string err) = CliRunner.Run(ingest);
        Assert.True(exit == 0, err);
        Assert.Contains("resuming: 2 of 11", err + output);
        Assert.False(File.Exists(Path.Combine(pack, OutputLock.FileName + OutputLock.HolderSuffix)));
    }

    /// <summary>Every entry under <paramref name="dir"/> with its size and write time,
    /// to show nothing changed.</summary>
    private static string Snapshot(string dir) => string.Join('\n',
        Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(p => $"{p} {(File.Exists(p) ? new FileInfo(p).Length : -1)} {File.GetLastWriteTimeUtc(p):O}"));
}
